import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineConfig } from 'wxt';
import { serializeTrie } from './lib/normalise/compact-trie';
import { buildSToTTable, S2T_TABLE_FILE } from './lib/normalise/s2t-table';
import { PAGE_MATCHES } from './lib/quick-start';

const ICONS = Object.fromEntries([16, 32, 48, 96, 128].map((size) => [size, `icon/${size}.png`]));

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // The UI is written against React's API and runs on Preact's compatibility layer: the in-page UI
  // script compiles and starts in a fraction of React DOM's time (see README, Dependencies).
  vite: () => ({
    // WENMAI_NO_MINIFY=1: readable function names for a profile (tests/bench/profile-heavy.ts).
    ...(process.env.WENMAI_NO_MINIFY ? { build: { minify: false } } : {}),
    resolve: {
      alias: [
        { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
        { find: /^react-dom$/, replacement: 'preact/compat' },
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
        { find: /^react$/, replacement: 'preact/compat' },
      ],
    },
  }),
  // lib/ is imported explicitly everywhere; keep WXT's auto-imports off so imports stay greppable.
  imports: false,
  hooks: {
    // WENMAI_DATASETS=<folder>[:<folder>…]: this build's corpus is the seeds plus every dataset
    // article (corpus/datasets.ts). The bundle is built in its own process (jieba is a native
    // module) into the output only; public/corpus/bundle.json stays the seeds alone.
    'build:publicAssets': (wxt, files) => {
      // OpenCC's Simplified → Traditional table, pre-built from the installed opencc-js: the
      // background reads it in a few ms instead of parsing ~1 MB of dictionaries on a switch.
      const table = join(wxt.config.wxtDir, 'convert', 's2t.bin');
      mkdirSync(dirname(table), { recursive: true });
      writeFileSync(table, serializeTrie(buildSToTTable()));
      files.push({ relativeDest: S2T_TABLE_FILE.slice(1), absoluteSrc: table });
      if (!process.env.WENMAI_DATASETS?.trim()) return;
      const at = files.findIndex((file) => file.relativeDest === 'corpus/bundle.json');
      if (at < 0) throw new Error('WENMAI_DATASETS: no corpus/bundle.json among the public files');
      const out = join(wxt.config.wxtDir, 'datasets', 'bundle.json');
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'corpus/build/build-corpus.ts', `--datasets-out=${out}`],
        { cwd: wxt.config.root, stdio: 'inherit' },
      );
      files[at] = { relativeDest: 'corpus/bundle.json', absoluteSrc: out };
    },
    'build:manifestGenerated': (wxt, manifest) => {
      // Wenmai collects and transmits nothing: all data stays in the extension's IndexedDB.
      // (Firefox's key is newer than WXT's manifest type.)
      const gecko = manifest.browser_specific_settings?.gecko as
        Record<string, unknown> | undefined;
      if (wxt.config.browser === 'firefox' && gecko)
        gecko.data_collection_permissions = { required: ['none'] };
      // WXT turns `action` into MV2's browser_action without its icons.
      if (manifest.browser_action) manifest.browser_action.default_icon = ICONS;
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Rendered from public/icon/icon.svg by `npm run icons`: a solid tile, legible on light and
    // dark toolbars alike.
    icons: ICONS,
    action: { default_icon: ICONS, default_title: '__MSG_extName__' },
    permissions: ['contextMenus', 'unlimitedStorage', 'scripting'],
    // To inject the page script into Chinese pages and register the first-screen config script.
    host_permissions: PAGE_MATCHES,
    // The detector is an unlisted script (entrypoints/detect.ts), declared here by hand: WXT's own
    // content-script wrapper would announce the extension to every page (see the file).
    content_scripts: [
      {
        matches: PAGE_MATCHES,
        js: ['detect.js'],
        run_at: 'document_start',
        all_frames: true,
      },
    ],
    // Wenmai's frames on pages (the banner, the glossary card, the parallel passages): an extension
    // page the page cannot read, which the page script puts on Chinese pages
    // (lib/dom/page-frames.ts). The detector also reads the pre-built term matcher from the package
    // on Chinese pages (a content script's fetch of an extension file needs it listed here). In
    // Chromium only at a per-session address, so no page can probe the extension's fixed one to
    // tell Wenmai is installed. WXT writes MV2's form for Firefox, whose addresses are per-install.
    web_accessible_resources: [
      {
        resources: ['page-frame.html', 'quick/terms.bin'],
        matches: PAGE_MATCHES,
        use_dynamic_url: true,
      },
    ],
    commands: {
      'toggle-script': {
        suggested_key: { default: 'Ctrl+Shift+Period' },
        description: '__MSG_commandToggleScript__',
      },
      'toggle-highlights': {
        suggested_key: { default: 'Ctrl+Shift+Comma' },
        description: '__MSG_commandToggleHighlights__',
      },
    },
    browser_specific_settings: {
      gecko: { id: 'wenmai@wenmai.local', strict_min_version: '128.0' },
    },
  },
});
