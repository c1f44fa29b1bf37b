import ReactDOM from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { samplePageLang } from '../../lib/dom/page-lang';
import { WENMAI_UI_ATTRIBUTE } from '../../lib/dom/walk-text';
import { buildTermMatcher } from '../../lib/match-terms';
import { parseContentRequest } from '../../lib/content-requests';
import { takeGlossaryRequest } from '../../lib/glossary-prefetch';
import { emptyPageState, type PageState } from '../../lib/page-state';
import { askBackground } from '../../lib/send-message';
import { App } from './App';
import { PageController } from './controller';
import { UiStore } from './store';
import styles from './style.css?inline';

/**
 * Wenmai's page script. Not in the manifest: the background injects it into frames that
 * entrypoints/detect.content.ts found to be Chinese.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  registration: 'runtime',
  // The stylesheet is bundled as text into the shadow root: no request for it at mount time.
  cssInjectionMode: 'manual',

  async main(ctx) {
    // The background injects this script once per frame; never run two of it side by side.
    // (This is the content script's own isolated world: page scripts cannot set or see the flag.)
    const flagged = window as unknown as { __wenmaiPageScript?: boolean };
    if (flagged.__wenmaiPageScript) return;
    flagged.__wenmaiPageScript = true;
    let controller: PageController | null = null;
    let otherState: PageState | null = null;

    // Only this extension may command the page's Wenmai; page scripts cannot reach this listener,
    // and a message that does not parse is ignored.
    const listener = (
      message: unknown,
      sender: { id?: string },
      sendResponse: (response: unknown) => void,
    ): boolean => {
      if (sender.id !== browser.runtime.id) return false;
      const request = parseContentRequest(message);
      if (!request) return false;
      if (controller) {
        controller.handle(request).then(sendResponse, () => sendResponse(null));
        return true;
      }
      sendResponse(request.type === 'wenmai/article-text' ? null : otherState);
      return false;
    };
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));

    const lang = samplePageLang(document);
    otherState = emptyPageState(location.href, lang);
    // Not a Chinese page: stop here, having loaded no glossary, matcher, corpus or converter.
    if (lang === 'other') return;

    let glossaryReply;
    try {
      glossaryReply = await (takeGlossaryRequest() ??
        askBackground({ type: 'wenmai/get-glossary' }));
    } catch {
      return; // The extension is updating or was reloaded: this page stays as it is.
    }
    const { entries, settings } = glossaryReply;
    // Sites the reader switched off never get this script (the background checks before injecting).

    const store = new UiStore();
    const matcher = buildTermMatcher(entries);
    const glossary = new Map(entries.map((entry) => [entry.id, entry]));
    const page = new PageController(
      ctx,
      document,
      window,
      matcher,
      glossary,
      settings,
      store,
      lang,
    );
    // Highlights first: the shadow-root UI can mount after them.
    controller = page;
    page.start();
    // The UI mounts in a task of its own, after the first highlights are painted.
    await new Promise((resolve) => setTimeout(resolve, 0));

    const t = (key: string): string => browser.i18n.getMessage(key as 'extName') || key;
    const openReader = (articleId: string, passageId?: string): void => {
      void askBackground({
        type: 'wenmai/open-reader',
        articleId,
        ...(passageId ? { passageId } : {}),
      }).catch(() => undefined);
    };
    const ui = await createShadowRootUi(ctx, {
      name: 'wenmai-ui',
      css: styles,
      position: 'inline',
      anchor: 'html',
      append: 'last',
      onMount(container, _shadow, host) {
        host.setAttribute(WENMAI_UI_ATTRIBUTE, '');
        // Markers sit in document coordinates; the host must not take part in the page's layout.
        host.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;z-index:2147483646;';
        const root = ReactDOM.createRoot(container);
        root.render(
          <App
            store={store}
            actions={{
              t,
              openReader,
              openTerm: (termId) => page.openCard(termId, null, true),
              openPanel: (passage) => page.openPanel(passage),
              closeCard: () => page.closeCard(),
              closePanel: () => page.closePanel(),
              dismissBanner: () => store.update({ bannerDismissed: true }),
              keepCard: () => page.keepCard(),
              leaveCard: () => page.leaveCard(),
            }}
          />,
        );
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    });
    ui.mount();
  },
});
