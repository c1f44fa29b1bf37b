import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // lib/ is imported explicitly everywhere; keep WXT's auto-imports off so imports stay greppable.
  imports: false,
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      // Wenmai collects and transmits nothing: all data stays in the extension's IndexedDB.
      // (Firefox's key is newer than WXT's manifest type.)
      const gecko = manifest.browser_specific_settings?.gecko as
        Record<string, unknown> | undefined;
      if (wxt.config.browser === 'firefox' && gecko)
        gecko.data_collection_permissions = { required: ['none'] };
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus', 'unlimitedStorage', 'scripting'],
    commands: {
      'toggle-script': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandToggleScript__',
      },
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandToggleHighlights__',
      },
    },
    browser_specific_settings: {
      gecko: { id: 'wenmai@wenmai.local', strict_min_version: '128.0' },
    },
  },
});
