import { matchTerms, type TermMatcher } from '../match/match-terms';
import { positionAt, type TextBlock } from './text-blocks';
import { CAN_UNDERLINE_HIGHLIGHTS } from '../highlight-capability';

/**
 * A recognised term on the page, over the page's own text nodes, which stay untouched. A
 * StaticRange, not a live Range: the browser updates every live Range on every text change,
 * which on a page with thousands of terms makes each edit (the page's or a script switch) slow.
 * Wenmai rescans after changes instead.
 */
export interface TermRange {
  termId: string;
  range: StaticRange;
  /** Index of its block in the blocks it was found in. */
  block: number;
  /** Where it starts in its block's text. */
  at: number;
}

/**
 * Characters read either side of a span matched on its own (matchSpan): a term's boundary rules
 * look at its neighbours, and no term is longer than this.
 */
export const SPAN_CONTEXT_CHARS = 200;

/** A live Range over a static one, for measuring (rects, hit tests) at the moment it is needed. */
export function liveRange(range: AbstractRange, doc: Document = document): Range | null {
  try {
    const live = doc.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    return live;
  } catch {
    return null; // The page changed the text since: the range no longer fits.
  }
}

export const HIGHLIGHT_NAME = 'wenmai-term';
export const ACTIVE_HIGHLIGHT_NAME = 'wenmai-term-active';
export const PASSAGE_HIGHLIGHT_NAME = 'wenmai-passage';

/** Finds every glossary term in the blocks, in either script, as Ranges. */
export function findTermRanges(
  blocks: readonly TextBlock[],
  matcher: TermMatcher,
  doc: Document = document,
): TermRange[] {
  const found: TermRange[] = [];
  blocks.forEach((block, index) => {
    for (const term of findTermRangesInSpan(block, index, 0, block.text.length, matcher, doc))
      found.push(term);
  });
  return found;
}

/**
 * The terms that start in [from, to) of one block's text, as findTermRanges finds them in the
 * whole block: the text is read SPAN_CONTEXT_CHARS further either side. A block of megabytes is
 * matched span by span, each in a short task.
 */
export function findTermRangesInSpan(
  block: TextBlock,
  index: number,
  from: number,
  to: number,
  matcher: TermMatcher,
  doc: Document = document,
): TermRange[] {
  const StaticRangeOf = (doc.defaultView ?? window).StaticRange;
  const found: TermRange[] = [];
  matchTermsInSpan(block, from, to, matcher, (termId, at, endAt) => {
    const start = positionAt(block, at);
    const end = positionAt(block, endAt, true);
    const range = new StaticRangeOf({
      startContainer: start.node,
      startOffset: start.offset,
      endContainer: end.node,
      endOffset: end.offset,
    });
    found.push({ termId, range, block: index, at });
  });
  return found;
}

/**
 * Calls `found` for each glossary term that starts in [from, to) of one block's text, with where it
 * starts and ends in that text: findTermRangesInSpan without making ranges. The text is read
 * SPAN_CONTEXT_CHARS further either side (a term's boundary rules look at its neighbours).
 */
export function matchTermsInSpan(
  block: TextBlock,
  from: number,
  to: number,
  matcher: TermMatcher,
  found: (termId: string, at: number, end: number) => void,
): void {
  const whole = from === 0 && to >= block.text.length;
  const base = whole ? 0 : Math.max(0, from - SPAN_CONTEXT_CHARS);
  const text = whole ? block.text : block.text.slice(base, to + SPAN_CONTEXT_CHARS);
  for (const hit of matchTerms(text, matcher)) {
    const at = base + hit.start;
    if (at >= from && at < to) found(hit.termId, at, base + hit.end);
  }
}

/**
 * The first terms of the blocks, matching at most `maxChars` characters of their text in all: the
 * first screen of a page whose first paragraph may hold megabytes.
 */
export function findFirstTermRanges(
  blocks: readonly TextBlock[],
  matcher: TermMatcher,
  maxChars: number,
  doc: Document = document,
): TermRange[] {
  const found: TermRange[] = [];
  let left = maxChars;
  for (let index = 0; index < blocks.length && left > 0; index++) {
    const block = blocks[index]!;
    const to = Math.min(block.text.length, left);
    for (const term of findTermRangesInSpan(block, index, 0, to, matcher, doc)) found.push(term);
    left -= to;
  }
  return found;
}

type HighlightWindow = Window & typeof globalThis;

/** True when the browser has the CSS Custom Highlight API. */
export function supportsHighlights(win: HighlightWindow = window): boolean {
  return typeof win.Highlight === 'function' && 'highlights' in win.CSS;
}

/**
 * Paints ranges under a highlight name (replacing what was painted under it), or clears it.
 * Returns the Highlight now registered, if any.
 */
export function paintRanges(
  name: string,
  ranges: readonly AbstractRange[],
  win: HighlightWindow = window,
): Highlight | null {
  if (!supportsHighlights(win)) return null;
  if (ranges.length === 0) {
    win.CSS.highlights.delete(name);
    return null;
  }
  // Added one by one: spreading tens of thousands of ranges into the constructor overflows the stack.
  const highlight = new win.Highlight();
  for (const range of ranges) highlight.add(range);
  win.CSS.highlights.set(name, highlight);
  return highlight;
}

/**
 * Paints under highlight names for one page script, remembering what it registered so that it
 * clears only its own (see clearOwnHighlight) when it stops.
 */
export class HighlightPainter {
  private readonly painted = new Map<string, Highlight>();

  constructor(private readonly win: HighlightWindow) {}

  paint(name: string, ranges: readonly AbstractRange[]): void {
    const highlight = paintRanges(name, ranges, this.win);
    if (highlight) this.painted.set(name, highlight);
    else this.painted.delete(name);
  }

  stop(): void {
    for (const [name, own] of this.painted) clearOwnHighlight(name, own, this.win);
    this.painted.clear();
  }
}

/**
 * Clears a highlight name only if it still holds one of ours: after an extension update the new
 * page script paints under the same names, and the old one must not wipe its highlights.
 */
export function clearOwnHighlight(
  name: string,
  own: Highlight | undefined,
  win: HighlightWindow = window,
): void {
  if (own && supportsHighlights(win) && win.CSS.highlights.get(name) === own)
    win.CSS.highlights.delete(name);
}

/** The stylesheet for the highlights, in the reader's chosen style. */
export function highlightCss(
  style: 'underline' | 'background' | 'color',
  canUnderline = CAN_UNDERLINE_HIGHLIGHTS,
): string {
  const term =
    style === 'background'
      ? 'background-color: rgba(255, 205, 60, 0.45);'
      : style === 'color'
        ? 'color: #b3261e;'
        : canUnderline
          ? 'text-decoration: underline dotted rgba(179, 38, 30, 0.85) 2px; text-underline-offset: 0.22em;'
          : 'background-color: rgba(179, 38, 30, 0.13);';
  return `::highlight(${HIGHLIGHT_NAME}) { ${term} }
::highlight(${ACTIVE_HIGHLIGHT_NAME}) { background-color: rgba(255, 180, 0, 0.55); }
::highlight(${PASSAGE_HIGHLIGHT_NAME}) { background-color: rgba(90, 140, 255, 0.16); }`;
}

/** The text node and offset under a viewport point, with either caret API. */
export function caretAt(
  doc: Document,
  x: number,
  y: number,
): { node: Node; offset: number } | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
