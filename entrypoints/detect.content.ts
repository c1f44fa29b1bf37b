import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { countScript, langFromCounts, MIN_HAN_CHARS } from '../lib/detect-script';
import { sampleText } from '../lib/dom/walk-text';
import { shareGlossaryRequest } from '../lib/glossary-prefetch';
import type { PageState } from '../lib/page-state';
import { askBackground } from '../lib/send-message';

/** Characters read to decide whether a page is Chinese at all. */
const SAMPLE_CHARS = 8_000;

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
    const body = document.body;
    const counts = body ? countScript(sampleText(body, SAMPLE_CHARS)) : null;
    const lang = counts && counts.han >= MIN_HAN_CHARS ? langFromCounts(counts) : 'other';
    if (lang !== 'other') {
      browser.runtime.sendMessage({ type: 'wenmai/start-page' }).catch(() => {
        // The extension is updating or was reloaded: this page stays as it is.
      });
      // Fetched while the page script is being injected; it picks the reply up.
      shareGlossaryRequest(askBackground({ type: 'wenmai/get-glossary' }));
      return;
    }
    const state: PageState = {
      url: location.href,
      lang,
      script: 'original',
      article: null,
      similar: [],
      terms: [],
      parallels: [],
    };
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
