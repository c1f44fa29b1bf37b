import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { samplePageLang } from '../lib/dom/page-lang';
import {
  findTermRanges,
  highlightCss,
  HIGHLIGHT_NAME,
  paintRanges,
} from '../lib/dom/highlight-terms';
import { collectTextBlocks } from '../lib/dom/text-blocks';
import { shareGlossaryRequest, shareQuickSheet } from '../lib/glossary-prefetch';
import { buildMatcherFromForms } from '../lib/match-terms';
import { isQuickStart, QUICK_START_KEY, type QuickStart } from '../lib/quick-start';
import { isHostDisabled } from '../lib/sites';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
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
  // Starts reading the quick-start data before the page parses; decides at DOMContentLoaded.
  runAt: 'document_start',

  main(ctx) {
    const quick: Promise<QuickStart | null> = browser.storage.local.get(QUICK_START_KEY).then(
      (stored) => {
        const value = (stored as Record<string, unknown>)[QUICK_START_KEY];
        return isQuickStart(value) ? value : null;
      },
      () => null,
    );
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => decide(ctx, quick), { once: true });
    } else decide(ctx, quick);
  },
});

/** Chinese: highlight the first screen now and ask for the page script. Otherwise: answer as 'other'. */
function decide(ctx: ContentScriptContext, quick: Promise<QuickStart | null>): void {
  const lang = samplePageLang(document);
  if (lang !== 'other') {
    // Usually read by now, so this runs right after DOMContentLoaded, before the first layout.
    void quick.then((data) => {
      const pageScriptRunning = (globalThis as { __wenmaiPageScript?: boolean }).__wenmaiPageScript;
      if (
        data?.highlightsEnabled &&
        !pageScriptRunning &&
        !isHostDisabled(data.disabledSites, location.hostname)
      ) {
        highlightFirstScreen(data);
      }
    });
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
}

/** Blocks highlighted before the page's first layout: about the first screens of a news page. */
const FIRST_SCREEN_BLOCKS = 60;

/**
 * Paints the terms of the first text blocks at DOMContentLoaded, so they show in the page's first
 * paint. The page script repaints the whole page (with the reader's own terms) moments later.
 */
function highlightFirstScreen(quick: QuickStart): void {
  if (!document.body) return;
  const blocks = collectTextBlocks(document.body, document).slice(0, FIRST_SCREEN_BLOCKS);
  const terms = findTermRanges(blocks, buildMatcherFromForms(quick.terms), document);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(highlightCss(quick.highlightStyle));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  shareQuickSheet(sheet);
  paintRanges(
    HIGHLIGHT_NAME,
    terms.map((t) => t.range),
  );
}
