import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mountShadowHost, UI_HOST_TAG } from '../lib/dom/shadow-host';
import { WENMAI_UI_ATTRIBUTE } from '../lib/dom/walk-text';
import { App } from './content-script/App';
import styles from './content-script/style.css?inline';
import { UI_MOUNT_KEY, type MountUi } from './content-script/ui-bridge';

/**
 * The page script's React UI (banner, glossary card, markers, parallel panel), a script of its own:
 * injected after the page script has painted, so that neither compiles in one long task. It only
 * leaves a mount function for the page script (see ui-bridge.ts).
 */
export default defineUnlistedScript({
  globalName: false,
  main() {
    const mount: MountUi = async (store, actions) => {
      // The UI runtime initialises here, in a task after the one that compiled this script.
      const { createRoot } = await import('react-dom/client');
      // The stylesheet is bundled as text into the shadow root: no request for it at mount time.
      const host = mountShadowHost(document, {
        tag: UI_HOST_TAG,
        css: styles,
        hostAttribute: WENMAI_UI_ATTRIBUTE,
      });
      const root = createRoot(host.container);
      root.render(<App store={store} actions={actions} />);
      return () => {
        root.unmount();
        host.remove();
      };
    };
    (globalThis as Record<string, unknown>)[UI_MOUNT_KEY] = mount;
  },
});
