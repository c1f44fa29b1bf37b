import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageUi } from '../../components/PageUi';
import { PageFrames, type FramePort } from '../../lib/dom/page-frames';
import { mountShadowHost } from '../../lib/dom/shadow-host';
import { WENMAI_UI_ATTRIBUTE } from '../../lib/dom/walk-text';
import { FRAME_PAGE, newFrameToken } from '../../lib/messaging/frame-port';
import { createMessenger } from '../../lib/messaging/client';
import { Mailbox, type MountUi } from '../../lib/messaging/mailbox';
import styles from './style.css?inline';

/**
 * The page script's UI, a script of its own: injected after the page script has painted, so that
 * neither compiles in one long task. It only leaves a mount function for the page script, in the
 * frame's mailbox. Mounted, it puts the page layer (passage markers, the commands' note) in a
 * closed shadow root, and shows the banner, the glossary card and the parallel passages, which
 * carry the reader's corpus, in extension frames the page cannot read (lib/dom/page-frames.ts).
 */
const { askBackground } = createMessenger(browser);

export default defineUnlistedScript({
  globalName: false,
  main() {
    const mount: MountUi = async (store, actions) => {
      // The UI runtime initialises here, in a task after the one that compiled this script.
      const { createRoot } = await import('react-dom/client');
      // The page keeps taking the UI down: the toolbar button says so, not silence.
      const blocked = () => {
        askBackground({ type: 'wenmai/ui-blocked' }).catch(() => undefined);
      };
      // The stylesheet is bundled as text into the shadow root: no request for it at mount time.
      const host = mountShadowHost(document, {
        css: styles,
        hostAttribute: WENMAI_UI_ATTRIBUTE,
        onBlocked: blocked,
      });
      const root = createRoot(host.container);
      root.render(<PageUi store={store} actions={actions} />);
      const frames = new PageFrames(document, store, actions, {
        frameUrl: browser.runtime.getURL(FRAME_PAGE),
        extensionId: browser.runtime.id,
        token: newFrameToken((bytes) => crypto.getRandomValues(bytes)),
        marker: WENMAI_UI_ATTRIBUTE,
        onBlocked: blocked,
        insertFrame: (frame) => {
          const html = document.documentElement;
          html.insertBefore(frame, host.host.parentNode === html ? host.host : null);
        },
      });
      // Frames connect to every Wenmai in their tab: this one takes the ports named for its own
      // and leaves the others alone (a port closes only when every end it reached has let go).
      const onConnect = (port: FramePort) => void frames.accept(port);
      browser.runtime.onConnect.addListener(onConnect);
      return () => {
        frames.stop();
        root.unmount();
        host.remove();
        try {
          browser.runtime.onConnect.removeListener(onConnect);
        } catch {
          // cut off from the extension: the listener went with it
        }
      };
    };
    new Mailbox().put('mountUi', mount);
  },
});
