import { foldCode, isContent } from '../normalise/fold-script';
import { runInSteps, runNow, type Steps } from './steps';
import { positionAt, type TextBlock } from './text-blocks';

/** Characters of a passage's start (and end) searched for in the page. */
const ANCHOR_CHARS = 14;

interface CompactPage {
  text: string;
  /** For each compact character: its block and offset in the block's text. */
  block: Int32Array;
  offset: Int32Array;
}

/** Characters folded per step of compactPage. */
const COMPACT_STEP_CHARS = 20_000;

function* compactPage(blocks: readonly TextBlock[]): Steps<CompactPage> {
  // Typed buffers, one string at the end: a 100,000-character page builds in a few milliseconds
  // (and a 3-million-character one in ~100–250, hence the steps).
  let total = 0;
  for (const b of blocks) total += b.text.length;
  const codes = new Uint16Array(total);
  const block = new Int32Array(total);
  const offset = new Int32Array(total);
  let length = 0;
  let sinceStep = 0;
  for (let bi = 0; bi < blocks.length; bi++) {
    const text = blocks[bi]!.text;
    for (let i = 0; i < text.length; i++) {
      const folded = foldCode(text.charCodeAt(i));
      if (!isContent(folded)) continue;
      codes[length] = folded;
      block[length] = bi;
      offset[length] = i;
      length++;
    }
    sinceStep += text.length;
    if (sinceStep >= COMPACT_STEP_CHARS) {
      sinceStep = 0;
      yield;
    }
  }
  let text = '';
  const CHUNK = 8192; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < length; i += CHUNK) {
    text += String.fromCharCode(...codes.subarray(i, Math.min(length, i + CHUNK)));
    if (i % (CHUNK * 16) === 0) yield;
  }
  // Searching a string built by concatenation flattens it first: done here, in a step of its own.
  text.indexOf('\u0000');
  return { text, block: block.subarray(0, length), offset: offset.subarray(0, length) };
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
    const startBlock = blocks[page.block[start]!]!;
    const endBlock = blocks[page.block[last]!]!;
    const a = positionAt(startBlock, page.offset[start]!);
    const b = positionAt(endBlock, page.offset[last]! + 1, true);
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
