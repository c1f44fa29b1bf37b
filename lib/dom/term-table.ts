import { caretAt, liveRange, SPAN_CONTEXT_CHARS, type TermRange } from './highlight-terms';
import { nodeIndexAt, positionAt, type TextBlock } from './text-blocks';

/** Terms a table holds before its arrays first grow. */
const INITIAL_CAPACITY = 1024;

/**
 * The terms a scan found, in page order, as numbers: each term's block, where it starts and ends in
 * that block's text, which of the block's text nodes it starts in, its term id, and whether the scan
 * counted it (the reader can see it). Ranges are made only for the few terms that need one (those
 * painted near the viewport, the one under the pointer, the one shown): an object and a
 * StaticRange per term held the 3 M-character page's 88,839 terms in ~140,000 objects, whose
 * marking by the garbage collector made Wenmai's tasks there long (V8's incremental marking of
 * them, 50–95 ms, inside 70–160 ms tasks).
 */
export class TermTable {
  length = 0;
  private blockOf = new Int32Array(INITIAL_CAPACITY);
  private starts = new Int32Array(INITIAL_CAPACITY);
  private ends = new Int32Array(INITIAL_CAPACITY);
  private idOf = new Int32Array(INITIAL_CAPACITY);
  private startNodes = new Int32Array(INITIAL_CAPACITY);
  private countedFlags = new Uint8Array(INITIAL_CAPACITY);
  private readonly ids: string[] = [];
  private readonly idNumbers = new Map<string, number>();

  constructor(readonly blocks: readonly TextBlock[]) {}

  /** Adds a term (terms are added in page order); answers its index. */
  push(termId: string, block: number, at: number, end: number): number {
    if (this.length === this.blockOf.length) this.grow();
    let id = this.idNumbers.get(termId);
    if (id === undefined) {
      id = this.ids.length;
      this.ids.push(termId);
      this.idNumbers.set(termId, id);
    }
    const i = this.length++;
    this.blockOf[i] = block;
    this.starts[i] = at;
    this.ends[i] = end;
    this.idOf[i] = id;
    this.startNodes[i] = nodeIndexAt(this.blocks[block]!, at);
    return i;
  }

  /** Marks term `i` as counted (see isCounted). */
  markCounted(i: number): void {
    this.countedFlags[i] = 1;
  }

  /** Whether the scan counted term `i`: the reader could see it when it was found. */
  isCounted(i: number): boolean {
    return this.countedFlags[i] === 1;
  }

  /** The text node term `i` starts in. */
  startNode(i: number): Text {
    return this.blocks[this.blockOf[i]!]!.nodes[this.startNodes[i]!]!;
  }

  /** Whether term `i` covers no text of the page's nodes (a range over it would be collapsed). */
  isCollapsed(i: number): boolean {
    const block = this.blocks[this.blockOf[i]!]!;
    const first = this.startNodes[i]!;
    const last = nodeIndexAt(block, this.ends[i]!, true);
    if (first !== last) return false;
    const length = block.nodes[first]!.data.length;
    const start = Math.min(length, this.starts[i]! - block.starts[first]!);
    return start === Math.min(length, this.ends[i]! - block.starts[first]!);
  }

  termId(i: number): string {
    return this.ids[this.idOf[i]!]!;
  }

  block(i: number): number {
    return this.blockOf[i]!;
  }

  /** Where term `i` starts in its block's text. */
  at(i: number): number {
    return this.starts[i]!;
  }

  /** The text node term `i` starts in, and where in it. */
  startOf(i: number): { node: Text; offset: number } {
    const block = this.blocks[this.blockOf[i]!]!;
    const index = this.startNodes[i]!;
    const node = block.nodes[index]!;
    return { node, offset: Math.min(node.data.length, this.starts[i]! - block.starts[index]!) };
  }

  /** The text node term `i` ends in, and where in it. */
  endOf(i: number): { node: Text; offset: number } {
    return positionAt(this.blocks[this.blockOf[i]!]!, this.ends[i]!, true);
  }

  /** A range over term `i`, made now. */
  rangeOf(i: number, doc: Document): StaticRange {
    const start = this.startOf(i);
    const end = this.endOf(i);
    return new (doc.defaultView ?? window).StaticRange({
      startContainer: start.node,
      startOffset: start.offset,
      endContainer: end.node,
      endOffset: end.offset,
    });
  }

  /** Term `i` with a range, made now. */
  term(i: number, doc: Document): TermRange {
    return {
      termId: this.termId(i),
      range: this.rangeOf(i, doc),
      block: this.block(i),
      at: this.at(i),
    };
  }

  /** The first term at or after `from` (up to `to`) that starts at or after `at` in its block. */
  firstFrom(at: number, from: number, to: number): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether this table has a term with this id (no ids are numbered for absent terms). */
  has(termId: string): boolean {
    return this.idNumbers.has(termId);
  }

  /** The terms with this id, in page order. */
  indicesOf(termId: string): number[] {
    const id = this.idNumbers.get(termId);
    const found: number[] = [];
    if (id === undefined) return found;
    for (let i = 0; i < this.length; i++) if (this.idOf[i] === id) found.push(i);
    return found;
  }

  private grow(): void {
    const bigger = <T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(a: T): T => {
      const b = new (a.constructor as new (length: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.blockOf = bigger(this.blockOf);
    this.starts = bigger(this.starts);
    this.ends = bigger(this.ends);
    this.idOf = bigger(this.idOf);
    this.startNodes = bigger(this.startNodes);
    this.countedFlags = bigger(this.countedFlags);
  }
}

/**
 * Finds the term under the pointer among a table's terms: the caret's text node gives its block
 * (among the few blocks `blockOf` looks in, those near the viewport), and the block's terms are
 * bisected by where they start in its text. Nothing is indexed per text node: two maps of the 3 M
 * page's 22,500 text nodes were built as the scan went, for a hover.
 */
export class TermTableHitTester {
  /**
   * @param firstTerms per block scanned, the index in `table` of its first term
   * @param blockOf the block of a text node, if it is one of the page's blocks near the viewport
   */
  constructor(
    private readonly table: TermTable,
    private readonly firstTerms: readonly (number | undefined)[],
    private readonly blockOf: (node: Node) => number | null,
  ) {}

  /** The index of the term at a viewport point, checking that the point is on the term's glyphs. */
  termAt(doc: Document, x: number, y: number): number | null {
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    for (const i of this.candidates(caret.node, caret.offset)) {
      const live = liveRange(this.table.rangeOf(i, doc), doc);
      if (!live?.isPointInRange(caret.node, caret.offset)) continue;
      // A caret position is also reported beside text: confirm with the term's boxes.
      for (const rect of Array.from(live.getClientRects())) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1)
          return i;
      }
    }
    return null;
  }

  /**
   * The terms that may hold a caret position: those of its block starting at most
   * SPAN_CONTEXT_CHARS before it (no term is longer), whichever of the block's nodes they start in.
   */
  private candidates(node: Node, offset: number): number[] {
    const found: number[] = [];
    const b = this.blockOf(node);
    const from = b === null ? undefined : this.firstTerms[b];
    if (b === null || from === undefined) return found;
    const block = this.table.blocks[b]!;
    const k = block.nodes.indexOf(node as Text);
    if (k < 0) return found;
    const at = block.starts[k]! + offset;
    const { table } = this;
    const to = this.firstTerms[b + 1] ?? table.length;
    for (let i = table.firstFrom(at + 1, from, to) - 1; i >= from; i--) {
      if (table.at(i) < at - SPAN_CONTEXT_CHARS) break;
      found.push(i);
    }
    return found;
  }
}
