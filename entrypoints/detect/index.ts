import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isChinesePage, isLargePage, samplePageLang } from '../../lib/dom/page-lang';
import type { PageLang } from '../../lib/normalise/detect-script';
import {
  clearOwnHighlight,
  findFirstTermRanges,
  highlightCss,
  HIGHLIGHT_NAME,
  paintRanges,
} from '../../lib/dom/highlight-terms';
import { collectTextBlocks, type TextBlock } from '../../lib/dom/text-blocks';
import { addPageSheet } from '../../lib/dom/page-sheet';
import { afterNextFrame, beforeNextFrame } from '../../lib/dom/yield';
import { Mailbox } from '../../lib/messaging/mailbox';
import { readMatcher, type TermMatcher } from '../../lib/match/match-terms';
import { FIRST_SCREEN_MATCHER } from '../../lib/generated/first-screen';
import { QUICK_TERMS_FILE, readQuickConfig, type QuickConfig } from '../../lib/quick-start';
import { emptyPageState, type PageState } from '../../lib/page-state';
import { receiveCommands, type CommandRuntime } from '../../lib/messaging/receive-commands';
import { createMessenger } from '../../lib/messaging/client';

const { askBackground } = createMessenger(browser);

/**
 * Runs on every page and frame (a manifest content script), and is all that runs on pages without
 * Chinese text: just after DOMContentLoaded (in a task of its own before the next frame, or on a
 * large page inside DOMContentLoaded) it reads a sample of the text and either answers for the
 * page as 'other' or paints the first screen's terms and asks the background to inject Wenmai's
 * page script (entrypoints/page-script). An unlisted script, not a WXT content script: WXT's
 * script context would announce the extension to every page.
 */
export default defineUnlistedScript({
  globalName: false,
  main() {
    // Declared at document_start so this hears DOMContentLoaded and runs before the first frame
    // after it: a document_end script may run after that frame, with the page painted once
    // already.
    if (document.readyState === 'loading') {
      let contentLoaded = false;
      let detected = false;
      const detectOnce = (): void => {
        if (detected) return;
        detected = true;
        detect();
      };
      document.addEventListener(
        'DOMContentLoaded',
        () => {
          contentLoaded = true;
          // DOMContentLoaded runs in the task of the page's parse (on a page without subresources,
          // with its load event and first layout): on a 30,000-character report the detector's
          // 10–15 ms took that task over 50 ms, so it gets a task of its own. A large page's own
          // layout is a long task whatever the detector does: the detector joins it (adding its
          // stylesheet before that layout, not after), rather than lengthen the frame after it
          // (on the 100,000-character page that frame went 26–48 → 45–74 ms).
          if (isLargePage(document)) detectOnce();
          else beforeNextFrame(window, detectOnce);
        },
        { once: true },
      );
      requestAnimationFrame(() => watchFrames(SHEET_FRAMES, () => contentLoaded, detectOnce));
    } else detect();
  },
});

/**
 * The page's first frames, from document_start. A long page is laid out and painted in chunks
 * while it loads; its first frame may come long before DOMContentLoaded (addSheetWhileLoading).
 * Most pages finish parsing before their first frame: if that frame comes after DOMContentLoaded
 * but before the task it posted, the detector runs here, in the frame's first callback, so that
 * the page's own callbacks of that frame (requested at DOMContentLoaded) already see its
 * highlights. Not before DOMContentLoaded: between the end of the parse ('interactive') and
 * DOMContentLoaded the page's deferred scripts run, and may write the page the detector reads.
 */
function watchFrames(
  framesLeft: number,
  contentLoaded: () => boolean,
  detectOnce: () => void,
): void {
  if (contentLoaded()) {
    detectOnce();
    return;
  }
  if (document.readyState === 'loading') addSheetWhileLoading();
  if (framesLeft > 1)
    requestAnimationFrame(() => watchFrames(framesLeft - 1, contentLoaded, detectOnce));
}

/**
 * At a page's first frame while it is still loading (a long page, shown in chunks as it arrives):
 * if what has arrived is Chinese, adds the highlight stylesheet now, before the browser styles
 * those elements for the first time. A stylesheet of ::highlight() rules added later makes the
 * browser restyle every element: on the 3-million-character page added at DOMContentLoaded it cost
 * 150–220 ms, in the page's own task after its load event. The frame's callbacks run before its
 * style and layout, so the rule comes with the first styling at no extra cost. Pages that finish
 * loading before their first frame (most) are left to detect().
 */
function addSheetWhileLoading(): void {
  const mailbox = new Mailbox();
  const quick = readQuickConfig(mailbox.peek('quickConfig'));
  if (!quick || mailbox.peek('pageScriptRunning') || mailbox.peek('quickSheet')) return;
  // The first frames may come with only the head, or the body's first bytes, parsed: the next
  // frames look again.
  if (isChinesePage(document))
    mailbox.put('quickSheet', addPageSheet(document, highlightCss(quick.highlightStyle)));
}

/**
 * Frames of a loading page that watchFrames sees at most (each looks for Chinese text until the
 * sheet is added).
 */
const SHEET_FRAMES = 10;

function detect(): void {
  if (!isChinesePage(document)) {
    // What arrived first looked Chinese (addSheetWhileLoading); the whole page is not.
    new Mailbox().take('quickSheet')?.remove();
    answerAsOther(emptyPageState(location.href, 'other'));
    return;
  }
  const mailbox = new Mailbox();
  const quick = readQuickConfig(mailbox.peek('quickConfig'));
  const pageScriptRunning = mailbox.peek('pageScriptRunning');
  // Until the page script runs, the popup's page-state (asked `now`) is answered here: the page is
  // being read, nothing is known yet. The page script comes only after the page's first frame (on
  // a 3-million-character page 2–3 s after the load event), and a popup opened meanwhile found no
  // one to answer. Once it runs, or if it is not coming (a site switched off), this stays silent.
  let injecting = true;
  let lang: PageLang | null = null;
  receiveCommands(browser.runtime as CommandRuntime, (request) => {
    if (!injecting || mailbox.peek('pageScriptRunning')) return undefined;
    if (request.type !== 'wenmai/page-state' || !request.now) return undefined;
    lang ??= samplePageLang(document);
    const state = emptyPageState(location.href, lang);
    return lang === 'other' ? state : { ...state, pending: ['analysis', 'terms'] };
  });
  let painted: Promise<Highlight | null> = Promise.resolve(null);
  if (quick && !pageScriptRunning) {
    const firstScreen = readMatcher(decodeBase64(FIRST_SCREEN_MATCHER));
    const blocks = document.body
      ? collectTextBlocks(document.body, document, FIRST_SCREEN_BLOCKS)
      : [];
    const now = highlightFirstScreen(quick, mailbox, firstScreen, blocks);
    painted = Promise.resolve(now);
    // A glossary larger than the detector carries: the rest of the first screen's terms come from
    // the whole pre-built matcher, read from the package now, unless the page script has started
    // meanwhile (it paints the whole page itself). An unreadable file (the extension is being
    // updated) leaves the first screen as painted. The same text blocks: a few milliseconds later
    // the page has rarely changed them, and a range over changed text only paints nothing.
    if (firstScreen.partial) {
      painted = readMatcherFile()
        .then((bytes) =>
          mailbox.peek('pageScriptRunning') || !browser.runtime?.id
            ? now
            : highlightFirstScreen(quick, mailbox, readMatcher(bytes), blocks),
        )
        .catch(() => now);
    }
  }
  // The page script (100 kB to compile, then the glossary) waits until the page's first frame is
  // out: it has nothing to add to that frame, and would delay it.
  void afterNextFrame(window, FIRST_FRAME_WAIT_MS).then(() => {
    if (!browser.runtime?.id) {
      // The extension was updated or removed meanwhile (its APIs would throw): the first screen's
      // highlights go, and the page is left as it was.
      void painted.then((highlight) => {
        mailbox.take('quickSheet')?.remove();
        clearOwnHighlight(HIGHLIGHT_NAME, highlight ?? undefined);
      });
      return;
    }
    askBackground({ type: 'wenmai/start-page' })
      .then(({ started }) => {
        if (!started) injecting = false; // a site the reader switched off
      })
      .catch(() => {
        // The extension is updating or was reloaded: this page stays as it is.
        injecting = false;
      });
    // Fetched while the page script is being injected; it picks the reply up (and handles a
    // failure). Handled here too, for when no page script comes to take it.
    const glossary = askBackground({ type: 'wenmai/get-glossary' });
    glossary.catch(() => undefined);
    mailbox.put('glossary', glossary);
  });
}

/** Hidden tabs render no frames: they go ahead after this long. */
const FIRST_FRAME_WAIT_MS = 500;

/** Answers the extension's commands for a page Wenmai leaves alone: no article, nothing shown. */
function answerAsOther(state: PageState): void {
  receiveCommands(browser.runtime as CommandRuntime, (request) =>
    request.type === 'wenmai/article-text' ? null : state,
  );
}

/** Blocks highlighted before the page's first layout: about the first screens of a news page. */
const FIRST_SCREEN_BLOCKS = 60;
/**
 * Characters of those blocks matched at most: a page whose one paragraph held 5 MB had all its
 * 360,000 terms matched (2 s) and painted (14 s of the browser's pre-paint) in that first task.
 */
const FIRST_SCREEN_CHARS = 20_000;

/**
 * Paints the bundled glossary's terms in the first text blocks, before the first frame after
 * DOMContentLoaded, so they show in the page's first paint after its parse. The matcher comes
 * pre-built: compiled into the detector for as many terms as FIRST_SCREEN_BYTES allows (the whole shipped glossary today; past it, those the
 * corpus uses most, the rest following from public/quick/terms.bin), so the detector's size and
 * start-up stay flat however large the glossary grows (corpus/build/build-corpus.ts). The page
 * script repaints the whole page (with the reader's own terms) moments later.
 */
function highlightFirstScreen(
  quick: QuickConfig,
  mailbox: Mailbox,
  matcher: TermMatcher,
  blocks: readonly TextBlock[],
): Highlight | null {
  const terms = findFirstTermRanges(blocks, matcher, FIRST_SCREEN_CHARS, document);
  if (terms.length === 0) return null;
  if (!mailbox.peek('quickSheet'))
    mailbox.put('quickSheet', addPageSheet(document, highlightCss(quick.highlightStyle)));
  return paintRanges(
    HIGHLIGHT_NAME,
    terms.map((t) => t.range),
  );
}

/** Chromium 140+ and Firefox 133+ decode base64 natively; a profile showed the mapped copy take 6.5 ms. */
const nativeFromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

const decodeBase64 = (text: string): ArrayBuffer => {
  if (nativeFromBase64) return nativeFromBase64(text).buffer as ArrayBuffer;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
};

/**
 * The whole bundled glossary's matcher (public/quick/terms.bin, written by the corpus build), read
 * from the extension's package (a file, not a network request) only on Chinese pages whose first
 * screen needs more terms than the detector carries. Asynchronously: a synchronous read blocked
 * the page 8–90 ms on a busy machine.
 */
function readMatcherFile(): Promise<ArrayBuffer> {
  return fetch(browser.runtime.getURL(QUICK_TERMS_FILE)).then((response) =>
    response.ok ? response.arrayBuffer() : Promise.reject(new Error(`${response.status}`)),
  );
}
