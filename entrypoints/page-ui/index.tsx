import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageUi } from '../../components/PageUi';
import { mountShadowHost, UI_HOST_TAG } from '../../lib/dom/shadow-host';
import { WENMAI_UI_ATTRIBUTE } from '../../lib/dom/walk-text';
import { Mailbox, type MountUi } from '../../lib/messaging/mailbox';
import styles from './style.css?inline';

/**
 * The page script's React UI (banner, glossary card, markers, parallel panel), a script of its own:
 * injected after the page script has painted, so that neither compiles in one long task. It only
 * leaves a mount function for the page script, in the frame's mailbox.
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
      root.render(<PageUi store={store} actions={actions} />);
      return () => {
        root.unmount();
        host.remove();
      };
    };
    new Mailbox().put('mountUi', mount);
  },
});
