import { foldCode, isContent } from '../normalise/fold-script';
import { runInSteps, runNow, type Steps } from './steps';
import { positionAt, type TextBlock } from './text-blocks';

/** Characters of a passage's start (and end) searched for in the page. */
const ANCHOR_CHARS = 14;

interface CompactPage {
  text: string;
  /**
   * blockStarts[b] = where block b's content characters begin in `text` (one more entry, the
   * end). A compact character's offset in its block's text is found by reading that block again
   * (compactOffset): a per-character table took 8 bytes a character, 27 MB on a 3 M-char page.
   */
  blockStarts: Int32Array;
}

/** Characters folded per step of compactPage. */
const COMPACT_STEP_CHARS = 20_000;

function* compactPage(blocks: readonly TextBlock[]): Steps<CompactPage> {
  // One typed buffer, one string at the end: a 100,000-character page builds in a few
  // milliseconds (and a 3-million-character one in ~100–250, hence the steps).
  let total = 0;
  for (const b of blocks) total += b.text.length;
  const codes = new Uint16Array(total);
  const blockStarts = new Int32Array(blocks.length + 1);
  let length = 0;
  let sinceStep = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    blockStarts[bi] = length;
    const text = blocks[bi]!.text;
    for (let i = 0; i < text.length; i++) {
      const folded = foldCode(text.charCodeAt(i));
      if (isContent(folded)) codes[length++] = folded;
    }
    sinceStep += text.length;
    if (sinceStep >= COMPACT_STEP_CHARS) {
      sinceStep = 0;
      yield;
    }
  }
  blockStarts[blocks.length] = length;
  let text = '';
  const CHUNK = 8192; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < length; i += CHUNK) {
    text += String.fromCharCode(...codes.subarray(i, Math.min(length, i + CHUNK)));
    if (i % (CHUNK * 16) === 0) yield;
  }
  // Searching a string built by concatenation flattens it first: done here, in a step of its own.
  text.indexOf('\u0000');
  return { text, blockStarts };
}

/** The block of a compact character (binary search over the blocks' starts). */
function blockOf(page: CompactPage, at: number): number {
  let lo = 0;
  let hi = page.blockStarts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (page.blockStarts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The offset in its block's text of the `nth` content character of the block. */
function compactOffset(block: TextBlock, nth: number): number {
  let seen = 0;
  for (let i = 0; i < block.text.length; i++) {
    if (!isContent(foldCode(block.text.charCodeAt(i)))) continue;
    if (seen++ === nth) return i;
  }
  return block.text.length;
}

/**
 * The first and last `ANCHOR_CHARS` content characters of a passage, folded as in compactPage:
 * all that is searched for, so locating a passage costs the same whatever its length.
 */
function anchors(passage: string): { head: string; tail: string } {
  let head = '';
  for (let i = 0; i < passage.length && head.length < ANCHOR_CHARS; i++) {
    const folded = foldCode(passage.charCodeAt(i));
    if (isContent(folded)) head += String.fromCharCode(folded);
  }
  let tail = '';
  for (let i = passage.length - 1; i >= 0 && tail.length < ANCHOR_CHARS; i--) {
    const folded = foldCode(passage.charCodeAt(i));
    if (isContent(folded)) tail = String.fromCharCode(folded) + tail;
  }
  return { head, tail };
}

/**
 * Locates article passages (texts from the cleaned article) in a page, one at a time and in order,
 * so a caller can spread a long article over several tasks. Matching ignores script, punctuation
 * and whitespace, and skips what cleaning removed around them.
 */
export class PassageLocator {
  private readonly page: CompactPage;
  /** Where the previous passage ended: passages come in article order. */
  private from = 0;

  constructor(
    private readonly blocks: readonly TextBlock[],
    private readonly doc: Document = document,
    page?: CompactPage,
  ) {
    this.page = page ?? runNow(compactPage(blocks));
  }

  /** A locator whose index of the page's text is built in tasks of about `budgetMs`. */
  static async inSteps(
    blocks: readonly TextBlock[],
    doc: Document,
    pause: () => Promise<void>,
    budgetMs = 8,
    now?: () => number,
  ): Promise<PassageLocator> {
    return new PassageLocator(
      blocks,
      doc,
      await runInSteps(compactPage(blocks), pause, budgetMs, now),
    );
  }

  locate(passage: string): StaticRange | null {
    const { page, blocks } = this;
    const { head, tail } = anchors(passage);
    if (head.length === 0) return null;
    let start = page.text.indexOf(head, this.from);
    if (start < 0) start = page.text.indexOf(head);
    if (start < 0) return null;
    // The tail is looked for within twice the passage's raw length (which bounds its compact
    // length): further on, it would be another passage's.
    const tailAt = page.text.slice(start, start + passage.length * 2).indexOf(tail);
    const last = tailAt >= 0 ? start + tailAt + tail.length - 1 : start + head.length - 1;
    this.from = last + 1;
    const startIndex = blockOf(page, start);
    const endIndex = blockOf(page, last);
    const startBlock = blocks[startIndex]!;
    const endBlock = blocks[endIndex]!;
    const a = positionAt(
      startBlock,
      compactOffset(startBlock, start - page.blockStarts[startIndex]!),
    );
    const b = positionAt(
      endBlock,
      compactOffset(endBlock, last - page.blockStarts[endIndex]!) + 1,
      true,
    );
    // Static, like the term ranges: many live Ranges slow every text change on the page.
    return new (this.doc.defaultView ?? window).StaticRange({
      startContainer: a.node,
      startOffset: a.offset,
      endContainer: b.node,
      endOffset: b.offset,
    });
  }
}

/** Finds the page ranges of article passages, in order (see PassageLocator). */
export function locatePassages(
  blocks: readonly TextBlock[],
  passages: readonly string[],
  doc: Document = document,
): (StaticRange | null)[] {
  const locator = new PassageLocator(blocks, doc);
  return passages.map((passage) => locator.locate(passage));
}
