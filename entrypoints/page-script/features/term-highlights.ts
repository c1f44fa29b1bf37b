import {
  ACTIVE_HIGHLIGHT_NAME,
  HIGHLIGHT_NAME,
  matchTermsInSpan,
  type TermRange,
} from '../../../lib/dom/highlight-terms';
import { TermTable, TermTableHitTester } from '../../../lib/dom/term-table';
import {
  inViewport,
  NearViewport,
  visibleSpan,
  type TextSpan,
} from '../../../lib/dom/near-viewport';
import { RenderedCheck } from '../../../lib/dom/rendered';
import { collectTextBlocksSteps, type TextBlock } from '../../../lib/dom/text-blocks';
import type { TermMatcher } from '../../../lib/match/match-terms';
import type { Feature, PageContext } from './context';

/** Text blocks matched per task at most when highlighting (about 15,000 characters of a news page). */
export const SCAN_SLICE_BLOCKS = 150;
/** A task of the scan goes on matching while under this (ms), in steps of SCAN_STEP_BLOCKS. */
const SCAN_SLICE_MS = 8;
const SCAN_STEP_BLOCKS = 10;
/** Characters matched in one step at most: one paragraph may hold megabytes. */
const SCAN_STEP_CHARS = 5_000;
/**
 * A block longer than this has only the terms around its part in the viewport painted (within
 * HUGE_BLOCK_MARGIN_CHARS, in steps of half of it so that scrolling re-registers seldom): a page
 * whose one paragraph held 5 MB had all its 360,000 terms painted, 14 s of the browser's pre-paint.
 */
export const HUGE_BLOCK_CHARS = 20_000;
export const HUGE_BLOCK_MARGIN_CHARS = 10_000;
/**
 * Term highlights are registered only for blocks within this margin of the viewport: the browser
 * revalidates every registered range in each frame after any change to the page, which with
 * thousands of terms costs tens of milliseconds a frame. Scrolling brings the rest in.
 */
const HIGHLIGHT_MARGIN = '200% 0px';
/**
 * On a page that keeps changing, at most this many terms are painted, those in the viewport:
 * Chromium re-validates every registered highlight range on each change to the DOM, at a cost
 * that grows with their number. On the heavy bench's storm page (a live ticker) the page's own
 * 5 ms timer ran, in medians of 3 loads on a busy machine, 723 times in 4 s with no range, 652
 * with 20, 583 with 40; with all of its terms painted, 1,161 times in 10 s against 1,842.
 */
export const MAX_RANGES_WHILE_RESTLESS = 20;

/**
 * Finds the glossary's terms in the page's text and highlights those near the viewport; knows which
 * term is under a point, and counts every term on the page.
 */
export class TermHighlights implements Feature {
  /** The page's text blocks, as the last scan collected them. */
  blocks: TextBlock[] = [];
  /** The terms found, as numbers: a range is made only for a term painted, hit or shown. */
  private terms = new TermTable([]);
  /** Per block scanned, the index in `terms` of its first term (terms are in page order). */
  private firstTerms: number[] = [];
  private hitTester = this.hitTesterOf(this.terms, this.firstTerms);
  /** The term last made an object of (hit or shown): the same term is the same object. */
  private lastTerm: { table: TermTable; index: number; term: TermRange } | null = null;
  private near: NearViewport | null = null;
  private paintQueued = false;
  private paintReadsLayout = false;
  private generation = 0;
  private activeTerm: TermRange | null = null;
  /** The occurrence the popup last asked to see. */
  private shown: { termId: string; index: number } | null = null;
  /** Resolves when the current scan has matched the whole page. */
  scanning: Promise<void> = Promise.resolve();
  /** Resolves with the latest scan's text blocks once it has collected them. */
  collected: Promise<TextBlock[]> = Promise.resolve([]);
  private resolveBlocks: (blocks: TextBlock[] | Promise<TextBlock[]>) => void = () => undefined;
  /** The page keeps changing: only the terms in the viewport are painted, up to a cap. */
  private restless = false;
  private watchingScroll = false;
  /** A block longer than HUGE_BLOCK_CHARS was near the viewport at the last paint. */
  private hugeNear = false;
  /** The spans of huge blocks whose terms are painted, as last measured (see hugeSpans). */
  private spans: Map<number, TextSpan> | null = null;
  /**
   * Occurrences per term of the terms scanned so far that the reader can see, counted as the scan
   * goes (see counts()).
   */
  private termCounts = new Map<string, number>();
  /**
   * What was registered last (terms of `paintedTable` and their ranges), to leave the registration
   * alone when a repaint would not change it, and to reuse the ranges of the terms still painted.
   */
  private painted: readonly number[] = [];
  private paintedRanges = new Map<number, StaticRange>();
  private paintedTable: TermTable | null = null;
  /** False until a first scan has matched the whole page. */
  private scannedNow = false;

  constructor(
    private readonly page: PageContext,
    private readonly matcher: TermMatcher,
    private enabledNow: boolean,
  ) {}

  get enabled(): boolean {
    return this.enabledNow;
  }

  get active(): TermRange | null {
    return this.activeTerm;
  }

  /** Whether any term is found on the page (hover has nothing to do otherwise). */
  get found(): boolean {
    return this.terms.length > 0;
  }

  /** Whether the last scan has matched the whole page (counts are of the part scanned so far). */
  get scanned(): boolean {
    return this.scannedNow;
  }

  /** Turns highlighting on or off, and rescans. */
  setEnabled(enabled: boolean): Promise<void> {
    this.enabledNow = enabled;
    return this.scan();
  }

  /**
   * Finds every term, a slice of blocks per task (a long page never holds the main thread for
   * long), and paints those near the viewport: the top of the page at once. A newer scan
   * supersedes one under way.
   */
  scan(): Promise<void> {
    const { doc } = this.page;
    const generation = ++this.generation;
    if (this.activeTerm) this.setActive(null);
    this.scannedNow = false;
    // Whoever waits for the blocks of a scan this one supersedes gets this one's.
    const superseded = this.resolveBlocks;
    this.collected = new Promise((resolve) => (this.resolveBlocks = resolve));
    superseded(this.collected);
    this.scanning = new Promise<void>((done) => {
      let blocks: TextBlock[] = [];
      let terms = new TermTable(blocks);
      const firstTerms: number[] = [];
      let hitTester = this.hitTesterOf(terms, firstTerms);
      const counts = new Map<string, number>();
      const rendered = new RenderedCheck();
      // The block being matched, for onTerm.
      let current = 0;
      const onTerm = (termId: string, at: number, end: number): void => {
        const i = terms.push(termId, current, at, end);
        const element = terms.startNode(i).parentElement;
        if (!terms.isCollapsed(i) && (!element || rendered.isRendered(element))) {
          counts.set(termId, (counts.get(termId) ?? 0) + 1);
          terms.markCounted(i);
        }
      };
      const slice = (fromBlock: number, fromChar: number): void => {
        if (generation !== this.generation) return done();
        // Steps of SCAN_STEP_BLOCKS blocks or SCAN_STEP_CHARS characters until SCAN_SLICE_MS have
        // passed: a fixed number of blocks ran 50–160 ms on a busy machine's 3-million-character
        // page, one block of 5 MB 3.8 s.
        const until = performance.now() + SCAN_SLICE_MS;
        const sliceEnd = fromBlock + SCAN_SLICE_BLOCKS;
        let block = fromBlock;
        let char = fromChar;
        do {
          if (!this.enabledNow) {
            block = Math.min(blocks.length, block + SCAN_STEP_BLOCKS, sliceEnd);
            char = 0;
            continue;
          }
          let budget = SCAN_STEP_CHARS;
          for (let n = 0; n < SCAN_STEP_BLOCKS && block < blocks.length && budget > 0; n++) {
            if (char === 0) firstTerms[block] = terms.length;
            const { length } = blocks[block]!.text;
            const to = Math.min(length, char + budget);
            current = block;
            matchTermsInSpan(blocks[block]!, char, to, this.matcher, onTerm);
            budget -= to - char;
            if (to < length) {
              char = to; // The rest of this block in the next step.
              break;
            }
            block++;
            char = 0;
          }
        } while (block < blocks.length && block < sliceEnd && performance.now() < until);
        // Hover works on what is scanned so far.
        this.hitTester = hitTester;
        const last = block >= blocks.length;
        // Repainted when this slice found terms near the viewport (the first slice is the top of
        // the page, painted before the observer has reported anything).
        let near = fromBlock === 0 && fromChar === 0;
        for (let i = fromBlock; i <= Math.min(block, blocks.length - 1) && !near; i++)
          near = this.isNear(i);
        if (near || last) this.paint();
        if (last) {
          this.scannedNow = true;
          done();
        } else setTimeout(() => slice(block, char), 0);
      };
      // The blocks are collected in tasks of SCAN_SLICE_MS (a walk of a 3-million-character page
      // is 20–100 ms); the page's blocks and terms are replaced once they are all collected.
      const collecting = collectTextBlocksSteps(doc.body, doc);
      const collect = (): void => {
        if (generation !== this.generation) return done();
        const until = performance.now() + SCAN_SLICE_MS;
        for (;;) {
          const next = collecting.next();
          if (next.done) {
            blocks = next.value;
            terms = new TermTable(blocks);
            hitTester = this.hitTesterOf(terms, firstTerms);
            break;
          }
          if (performance.now() >= until) {
            setTimeout(collect, 0);
            return;
          }
        }
        this.blocks = blocks;
        this.terms = terms;
        this.firstTerms = firstTerms;
        // Measured over the blocks before: their numbers no longer name the same blocks.
        this.spans = null;
        this.termCounts = counts;
        this.resolveBlocks(blocks);
        // Observing the blocks and matching start in a task after the one that collected them.
        setTimeout(() => {
          if (generation === this.generation) this.watch(blocks);
          slice(0, 0);
        }, 0);
      };
      collect();
    });
    return this.scanning;
  }

  /**
   * Paints only the terms in the viewport, at most MAX_RANGES_WHILE_RESTLESS, while the page keeps
   * changing (following the reader's scrolling), and all those near it again once it is quiet.
   */
  setRestless(restless: boolean): void {
    if (restless === this.restless) return;
    this.restless = restless;
    if (restless) this.followScrolling();
    this.queuePaint();
  }

  /**
   * Repaints as the reader scrolls (once a frame): while the page is restless, and while a huge
   * block is near the viewport (the observer reports nothing while one block fills it).
   */
  private followScrolling(): void {
    if (this.watchingScroll) return;
    this.watchingScroll = true;
    const { win, lifetime } = this.page;
    let framed = false;
    win.addEventListener(
      'scroll',
      () => {
        if (framed || !lifetime.alive() || !(this.restless || this.hugeNear)) return;
        framed = true;
        win.requestAnimationFrame(() => {
          framed = false;
          if (this.restless || this.hugeNear) this.paint(true);
        });
      },
      { passive: true, signal: lifetime.signal },
    );
  }

  /** Takes every highlight down while the page's text is rewritten (a script switch). */
  clear(): void {
    this.generation++;
    this.terms = new TermTable([]);
    this.firstTerms = [];
    this.spans = null;
    this.termCounts = new Map();
    this.hitTester = this.hitTesterOf(this.terms, this.firstTerms);
    this.painted = [];
    this.paintedRanges = new Map();
    this.paintedTable = null;
    this.page.painter.paint(HIGHLIGHT_NAME, []);
  }

  /** The term under a point of the viewport, if any. */
  termAt(x: number, y: number): TermRange | null {
    const index = this.hitTester.termAt(this.page.doc, x, y);
    return index === null ? null : this.termObject(index);
  }

  private hitTesterOf(terms: TermTable, firstTerms: readonly number[]): TermTableHitTester {
    // A term under the pointer is in view: its block is one of those near the viewport.
    return new TermTableHitTester(terms, firstTerms, (node) => {
      for (const i of this.nearBlocks())
        if (terms.blocks[i]?.nodes.includes(node as Text)) return i;
      return null;
    });
  }

  /** Term `index` of the current scan as an object, the same object as last time for the same term. */
  private termObject(index: number): TermRange {
    const { terms, lastTerm } = this;
    if (lastTerm?.table === terms && lastTerm.index === index) return lastTerm.term;
    const term = terms.term(index, this.page.doc);
    this.lastTerm = { table: terms, index, term };
    return term;
  }

  /** Marks the term the reader is on (its card is open or about to open). */
  setActive(term: TermRange | null): void {
    this.activeTerm = term;
    this.page.painter.paint(ACTIVE_HIGHLIGHT_NAME, term ? [term.range] : []);
  }

  /**
   * Scrolls to a term's next (or previous) occurrence after the one shown last, and marks it;
   * answers which one it is (1-based) and how many there are, or null when the page has none.
   */
  show(termId: string, direction: 'next' | 'previous'): { at: number; of: number } | null {
    const { terms } = this;
    const occurrences = terms.indicesOf(termId).filter((i) => terms.startNode(i).isConnected);
    if (occurrences.length === 0) return null;
    const last = this.shown?.termId === termId ? this.shown.index : -1;
    const step = direction === 'next' ? 1 : -1;
    const index =
      last < 0 && step < 0
        ? occurrences.length - 1
        : (last + step + occurrences.length) % occurrences.length;
    const term = this.termObject(occurrences[index]!);
    this.shown = { termId, index };
    term.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    this.setActive(term);
    return { at: index + 1, of: occurrences.length };
  }

  /**
   * Occurrences per term id of the terms on the page that the reader can see: not removed since,
   * not in a hidden menu or a closed dropdown (a term there is highlighted, unseen, and counts
   * once it shows and the page changes). Counted by the scan, slice by slice, as it finds them
   * (only whether they are still in the page is checked when asked):
   * counted when asked, every ask while the scan went on checked every term found so far anew
   * (each element's visibility and layout: 22,500 paragraphs on the 3 M-char page).
   */
  counts(): Map<string, number> {
    const counts = new Map(this.termCounts);
    // Less those the page removed since (one check per text node: its terms come in a row).
    const { terms } = this;
    let node: Node | null = null;
    let connected = true;
    for (let i = 0; i < terms.length; i++) {
      if (!terms.isCounted(i)) continue;
      const start = terms.startNode(i);
      if (start !== node) {
        node = start;
        connected = start.isConnected;
      }
      if (connected) continue;
      const termId = terms.termId(i);
      const left = (counts.get(termId) ?? 1) - 1;
      if (left > 0) counts.set(termId, left);
      else counts.delete(termId);
    }
    return counts;
  }

  /** The elements of the blocks near the viewport (as last observed: no layout is read). */
  nearElements(): Set<Element> {
    const elements = new Set<Element>();
    for (const i of this.near?.near ?? []) {
      const element = this.blocks[i]?.nodes[0]?.parentElement;
      if (element) elements.add(element);
    }
    return elements;
  }

  stop(): void {
    this.generation++;
    this.near?.disconnect();
  }

  private isNear(block: number): boolean {
    return this.near ? this.near.near.has(block) : block < SCAN_SLICE_BLOCKS;
  }

  /** Tracks which blocks are near the viewport, repainting the terms as that changes. */
  private watch(blocks: readonly TextBlock[]): void {
    this.near?.disconnect();
    this.near = new NearViewport(
      this.page.win,
      // Read in the NearViewport's own steps: a huge page's 22,500 reads took ~45 ms.
      { length: blocks.length, elementOf: (i) => blocks[i]!.nodes[0]?.parentElement },
      HIGHLIGHT_MARGIN,
      // In the observer's report, after the browser's layout: reading it is free there.
      () => this.queuePaint(true),
      // Until the first report: the top of the page.
      Array.from({ length: Math.min(blocks.length, SCAN_SLICE_BLOCKS) }, (_, i) => i),
    );
  }

  /** Paints in a microtask (once for many changes); `readLayout`: see hugeSpans. */
  private queuePaint(readLayout = false): void {
    this.paintReadsLayout ||= readLayout;
    if (this.paintQueued) return;
    this.paintQueued = true;
    queueMicrotask(() => {
      const read = this.paintReadsLayout;
      this.paintQueued = false;
      this.paintReadsLayout = false;
      this.paint(read);
    });
  }

  /** Registers the highlight for the terms near the viewport (one registration per change). */
  private paint(readLayout = false): void {
    const indices: number[] = [];
    const near = this.nearBlocks();
    if (readLayout || !this.spans) this.spans = this.hugeSpans(near, readLayout);
    const spans = this.spans;
    // Reads layout, for the few elements near the viewport only.
    const shown = this.restless ? inViewport(this.nearElements(), this.page.win) : null;
    for (const block of near) {
      if (shown) {
        const element = this.blocks[block]?.nodes[0]?.parentElement;
        if (!element || !shown.has(element)) continue;
      }
      const [from, to] = this.termsOf(block, spans.get(block));
      for (let i = from; i < to; i++) {
        if (shown && indices.length >= MAX_RANGES_WHILE_RESTLESS) break;
        indices.push(i);
      }
    }
    // A new registration makes the browser re-validate every range: none when nothing changed.
    const { terms } = this;
    const sameTable = this.paintedTable === terms;
    const same =
      sameTable &&
      indices.length === this.painted.length &&
      indices.every((t, i) => t === this.painted[i]);
    if (same) return;
    // Ranges for the terms painted only, those still painted kept.
    const kept = sameTable ? this.paintedRanges : new Map<number, StaticRange>();
    const ranges = new Map<number, StaticRange>();
    for (const i of indices) ranges.set(i, kept.get(i) ?? terms.rangeOf(i, this.page.doc));
    this.painted = indices;
    this.paintedRanges = ranges;
    this.paintedTable = terms;
    this.page.painter.paint(HIGHLIGHT_NAME, [...ranges.values()]);
  }

  /** The blocks near the viewport, in page order. */
  private nearBlocks(): number[] {
    if (!this.near)
      return Array.from({ length: Math.min(this.blocks.length, SCAN_SLICE_BLOCKS) }, (_, i) => i);
    return [...this.near.near].sort((a, b) => a - b);
  }

  /**
   * Where a block's terms are in `terms`, [from, to), those starting within `span` only when one
   * is given (found by bisection: a block may hold hundreds of thousands of terms).
   */
  private termsOf(block: number, span: TextSpan | undefined): [number, number] {
    const { terms, firstTerms } = this;
    if (block >= firstTerms.length || firstTerms[block] === undefined) return [0, 0];
    let from = firstTerms[block]!;
    let to = firstTerms[block + 1] ?? terms.length;
    if (span) {
      from = terms.firstFrom(span.from, from, to);
      to = terms.firstFrom(span.to + 1, from, to);
    }
    return [from, to];
  }

  /**
   * For each block near the viewport longer than HUGE_BLOCK_CHARS, the span of its text whose
   * terms are painted: its part in the viewport (hit tests, when `readLayout`; else the top of the
   * block), widened by HUGE_BLOCK_MARGIN_CHARS and rounded out to steps of half of that. Layout is
   * read only where it is up to date: in the observer's report and after a scroll. Read in a scan's
   * task, it made the browser lay out a 5 MB paragraph inside Wenmai's task (145 ms).
   */
  private hugeSpans(near: readonly number[], readLayout: boolean): Map<number, TextSpan> {
    const spans = new Map<number, TextSpan>();
    for (const i of near) {
      const block = this.blocks[i];
      if (!block || block.text.length <= HUGE_BLOCK_CHARS) continue;
      const element = block.nodes[0]?.parentElement;
      const shown =
        readLayout && element ? visibleSpan(block, element, this.page.doc, this.page.win) : null;
      const step = HUGE_BLOCK_MARGIN_CHARS / 2;
      const from = shown ? Math.max(0, shown.from - HUGE_BLOCK_MARGIN_CHARS) : 0;
      const to = (shown ? shown.to : 0) + HUGE_BLOCK_MARGIN_CHARS;
      spans.set(i, { from: Math.floor(from / step) * step, to: Math.ceil(to / step) * step });
    }
    this.hugeNear = spans.size > 0;
    if (this.hugeNear) this.followScrolling();
    return spans;
  }
}
