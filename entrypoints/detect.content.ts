import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { samplePageLang } from '../lib/dom/page-lang';
import { shareGlossaryRequest } from '../lib/glossary-prefetch';
import { emptyPageState } from '../lib/page-state';
import { askBackground } from '../lib/send-message';

/**
 * Runs on every page and frame, and is all that runs on pages without Chinese text: it reads a
 * sample of the text and either answers for the page as 'other' or asks the background to inject
 * Wenmai's page script (entrypoints/content). Nothing else is loaded on non-Chinese pages.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  // At DOMContentLoaded, so highlights can be ready for the page's first paint.
  runAt: 'document_end',

  main(ctx) {
    const lang = samplePageLang(document);
    if (lang !== 'other') {
      browser.runtime.sendMessage({ type: 'wenmai/start-page' }).catch(() => {
        // The extension is updating or was reloaded: this page stays as it is.
      });
      // Fetched while the page script is being injected; it picks the reply up.
      shareGlossaryRequest(askBackground({ type: 'wenmai/get-glossary' }));
      return;
    }
    const state = emptyPageState(location.href, lang);
    // Answers only the extension (never the page), and only the commands it knows.
    const listener = (
      message: unknown,
      sender: { id?: string },
      sendResponse: (response: unknown) => void,
    ): boolean => {
      if (sender.id !== browser.runtime.id) return false;
      const type =
        typeof message === 'object' && message !== null
          ? (message as { type?: unknown }).type
          : undefined;
      if (typeof type !== 'string' || !type.startsWith('wenmai/')) return false;
      sendResponse(type === 'wenmai/article-text' ? null : state);
      return false;
    };
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
  },
});
