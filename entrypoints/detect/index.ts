import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isChinesePage } from '../../lib/dom/page-lang';
import {
  clearOwnHighlight,
  findTermRanges,
  highlightCss,
  HIGHLIGHT_NAME,
  paintRanges,
} from '../../lib/dom/highlight-terms';
import { collectTextBlocks } from '../../lib/dom/text-blocks';
import { addPageSheet } from '../../lib/dom/page-sheet';
import { afterNextFrame } from '../../lib/dom/yield';
import { Mailbox } from '../../lib/messaging/mailbox';
import { readMatcher } from '../../lib/match/match-terms';
import { QUICK_TERMS_FILE, readQuickConfig, type QuickConfig } from '../../lib/quick-start';
import { emptyPageState, type PageState } from '../../lib/page-state';
import { receiveCommands, type CommandRuntime } from '../../lib/messaging/receive-commands';
import { createMessenger } from '../../lib/messaging/client';

const { askBackground } = createMessenger(browser);

/**
 * Runs on every page and frame (a manifest content script), and is all that runs on pages without
 * Chinese text: at DOMContentLoaded it reads a sample of the text and either answers for the page as 'other' or paints the first screen's terms and asks
 * the background to inject Wenmai's page script (entrypoints/content-script). An unlisted script,
 * not a WXT content script: WXT's script context would announce the extension to every page.
 */
export default defineUnlistedScript({
  globalName: false,
  main() {
    // Declared at document_start so this runs inside DOMContentLoaded, before the first frame: a
    // document_end script may run after it, with the page laid out and painted once already.
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', detect, { once: true });
    else detect();
  },
});

function detect(): void {
  if (!isChinesePage(document)) {
    answerAsOther(emptyPageState(location.href, 'other'));
    return;
  }
  const mailbox = new Mailbox();
  const quick = readQuickConfig(mailbox.peek('quickConfig'));
  const pageScriptRunning = mailbox.peek('pageScriptRunning');
  let painted: Highlight | null = null;
  try {
    if (quick && !pageScriptRunning) painted = highlightFirstScreen(quick, mailbox);
  } catch {
    // The file is unreadable (the extension is being updated): the page script paints instead.
  }
  // The page script (100 kB to compile, then the glossary) waits until the page's first frame is
  // out: it has nothing to add to that frame, and would delay it.
  void afterNextFrame(window, FIRST_FRAME_WAIT_MS).then(() => {
    if (!browser.runtime?.id) {
      // The extension was updated or removed meanwhile (its APIs would throw): the first screen's
      // highlights go, and the page is left as it was.
      mailbox.take('quickSheet')?.remove();
      clearOwnHighlight(HIGHLIGHT_NAME, painted ?? undefined);
      return;
    }
    browser.runtime.sendMessage({ type: 'wenmai/start-page' }).catch(() => {
      // The extension is updating or was reloaded: this page stays as it is.
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
 * Paints the bundled glossary's terms in the first text blocks, so they show in the page's first
 * paint. The matcher is read from the pre-built file the corpus build writes
 * (public/quick/terms.bin), from the extension's package and only on Chinese pages, so the
 * detector that every page compiles stays the same size however large the glossary grows. The page
 * script repaints the whole page (with the reader's own terms) moments later.
 */
function highlightFirstScreen(quick: QuickConfig, mailbox: Mailbox): Highlight | null {
  if (!document.body) return null;
  const matcher = readMatcher(readPackageFile(QUICK_TERMS_FILE));
  const blocks = collectTextBlocks(document.body, document, FIRST_SCREEN_BLOCKS);
  const terms = findTermRanges(blocks, matcher, document);
  if (terms.length === 0) return null;
  mailbox.put('quickSheet', addPageSheet(document, highlightCss(quick.highlightStyle)));
  return paintRanges(
    HIGHLIGHT_NAME,
    terms.map((t) => t.range),
  );
}

/**
 * A file of the extension's package, read synchronously: this runs inside DOMContentLoaded and
 * must paint before the page's first frame, which an awaited fetch lands after on a short page
 * (measured: the first-frame test failed on every run). A synchronous XMLHttpRequest of a local
 * package file blocks for about a millisecond; it cannot set a binary responseType, so the bytes
 * come through the x-user-defined charset, one byte per character in the low 8 bits.
 */
function readPackageFile(path: typeof QUICK_TERMS_FILE): ArrayBuffer {
  const request = new XMLHttpRequest();
  request.open('GET', browser.runtime.getURL(path), false);
  request.overrideMimeType('text/plain; charset=x-user-defined');
  request.send();
  const text = request.responseText;
  if (request.status !== 200 || text.length === 0) throw new Error(`${path}: ${request.status}`);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes.buffer;
}
