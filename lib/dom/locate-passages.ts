import { compactForMatch, foldCode, isContent } from '../fold-script';
import { positionAt, type TextBlock } from './text-blocks';

/** Characters of a passage's start (and end) searched for in the page. */
const ANCHOR_CHARS = 14;

interface CompactPage {
  text: string;
  /** For each compact character: its block and offset in the block's text. */
  block: Int32Array;
  offset: Int32Array;
}

function compactPage(blocks: readonly TextBlock[]): CompactPage {
  // Typed buffers, one string at the end: a 100,000-character page builds in a few milliseconds.
  const total = blocks.reduce((n, b) => n + b.text.length, 0);
  const codes = new Uint16Array(total);
  const block = new Int32Array(total);
  const offset = new Int32Array(total);
  let length = 0;
  blocks.forEach((b, bi) => {
    for (let i = 0; i < b.text.length; i++) {
      const folded = foldCode(b.text.charCodeAt(i));
      if (!isContent(folded)) continue;
      codes[length] = folded;
      block[length] = bi;
      offset[length] = i;
      length++;
    }
  });
  let text = '';
  const CHUNK = 8192; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < length; i += CHUNK)
    text += String.fromCharCode(...codes.subarray(i, Math.min(length, i + CHUNK)));
  return { text, block: block.subarray(0, length), offset: offset.subarray(0, length) };
}

/**
 * Finds the page ranges of article passages (texts from the cleaned article), in order.
 * Matching ignores script, punctuation and whitespace, and skips what cleaning removed around them.
 */
export function locatePassages(
  blocks: readonly TextBlock[],
  passages: readonly string[],
  doc: Document = document,
): (StaticRange | null)[] {
  const page = compactPage(blocks);
  let from = 0;
  return passages.map((passage) => {
    const compact = compactForMatch(passage);
    if (compact.length === 0) return null;
    const head = compact.slice(0, ANCHOR_CHARS);
    let start = page.text.indexOf(head, from);
    if (start < 0) start = page.text.indexOf(head);
    if (start < 0) return null;
    const tail = compact.slice(-ANCHOR_CHARS);
    const tailAt = page.text.indexOf(tail, start);
    const last =
      tailAt >= 0 && tailAt - start < compact.length * 2
        ? tailAt + tail.length - 1
        : start + head.length - 1;
    from = last + 1;
    const startBlock = blocks[page.block[start]!]!;
    const endBlock = blocks[page.block[last]!]!;
    const a = positionAt(startBlock, page.offset[start]!);
    const b = positionAt(endBlock, page.offset[last]! + 1, true);
    // Static, like the term ranges: many live Ranges slow every text change on the page.
    return new (doc.defaultView ?? window).StaticRange({
      startContainer: a.node,
      startOffset: a.offset,
      endContainer: b.node,
      endOffset: b.offset,
    });
  });
}
