import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { samplePageLang } from '../../lib/dom/page-lang';
import { nextTask } from '../../lib/dom/yield';
import { buildTermMatcher } from '../../lib/match/match-terms';
import { parseContentRequest } from '../../lib/messaging/content-requests';
import { takeGlossaryRequest } from '../../lib/messaging/glossary-prefetch';
import { emptyPageState } from '../../lib/page-state';
import type { PageLang } from '../../lib/normalise/detect-script';
import { ScriptLifetime } from '../../lib/script-lifetime';
import { askBackground } from '../../lib/messaging/send-message';
import { PageController } from './controller';
import { UiStore } from './store';
import { takeMountUi } from './ui-bridge';

/**
 * Wenmai's page script. Not in the manifest: the background injects it into frames that
 * entrypoints/detect.ts found to be Chinese. An unlisted script rather than a WXT content script:
 * WXT's content-script context posts a message to the page when it starts (telling every page the
 * extension is there) and stops the script when the page dispatches a matching DOM event.
 */
export default defineUnlistedScript({
  globalName: false,

  async main() {
    // The background injects this script once per frame; never run two of it side by side.
    // (This is the content script's own isolated world: page scripts cannot set or see the flag.)
    const flagged = window as unknown as { __wenmaiPageScript?: boolean };
    if (flagged.__wenmaiPageScript) return;
    flagged.__wenmaiPageScript = true;
    let controller: PageController | null = null;
    let lang: PageLang | null = null;
    const pageLang = (): PageLang => (lang ??= samplePageLang(document));

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
      sendResponse(
        request.type === 'wenmai/article-text' ? null : emptyPageState(location.href, pageLang()),
      );
      return false;
    };
    browser.runtime.onMessage.addListener(listener);
    const lifetime = new ScriptLifetime(() => Boolean(browser.runtime?.id));

    // The page's script in detail (Simplified, Traditional, mixed) is read in a task after the one
    // that compiled this script.
    await nextTask();
    // Not a Chinese page: stop here, having loaded no glossary, matcher, corpus or converter.
    if (pageLang() === 'other') return;

    let glossaryReply;
    try {
      glossaryReply = await (takeGlossaryRequest() ??
        askBackground({ type: 'wenmai/get-glossary' }));
    } catch {
      return; // The extension is updating or was reloaded: this page stays as it is.
    }
    const { entries, settings } = glossaryReply;
    // Sites the reader switched off never get this script (the background checks before injecting).
    // The prefetched glossary is usually there already: the matcher is built in a task of its own.
    await nextTask();

    const store = new UiStore(() => lifetime.alive());
    const matcher = buildTermMatcher(entries);
    const glossary = new Map(entries.map((entry) => [entry.id, entry]));
    const page = new PageController(
      lifetime,
      document,
      window,
      matcher,
      glossary,
      settings,
      store,
      pageLang(),
    );
    // Highlights first: the shadow-root UI can mount after them.
    controller = page;
    await nextTask();
    page.start();
    // The UI is a script of its own, injected now that the first highlights are painted.
    try {
      await askBackground({ type: 'wenmai/start-ui' });
    } catch {
      return; // The extension is updating or was reloaded: highlights without the UI.
    }
    const mountUi = takeMountUi();
    if (!mountUi || !lifetime.alive()) return;
    const t = (key: string): string => {
      try {
        return browser.i18n.getMessage(key as 'extName') || key;
      } catch {
        return key; // cut off from the extension (see UiStore): this UI is about to go
      }
    };
    const openReader = (articleId: string, passageId?: string): void => {
      void askBackground({
        type: 'wenmai/open-reader',
        articleId,
        ...(passageId ? { passageId } : {}),
      }).catch(() => undefined);
    };
    await nextTask();
    const unmount = await mountUi(store, {
      t,
      openReader,
      openTerm: (termId) => page.openCard(termId, null, true),
      openPanel: (passage) => page.openPanel(passage),
      closeCard: () => page.closeCard(),
      closePanel: () => page.closePanel(),
      dismissBanner: () => store.update({ bannerDismissed: true }),
      keepCard: () => page.keepCard(),
      leaveCard: () => page.leaveCard(),
    });
    lifetime.onEnd(unmount);
  },
});
