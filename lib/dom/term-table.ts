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

  /** The text node term `i` ends in. */
  endNode(i: number): Text {
    const block = this.blocks[this.blockOf[i]!]!;
    return block.nodes[nodeIndexAt(block, this.ends[i]!, true)]!;
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
 * Finds the term under the pointer among a table's terms: per text node, the run of terms that
 * start in it (terms are in page order), and the few that end in it but start in another.
 */
export class TermTableHitTester {
  private readonly runStart = new Map<Node, number>();
  private readonly runEnd = new Map<Node, number>();
  private readonly byEnd = new Map<Node, number[]>();
  /** Terms indexed so far: the table's first `indexed`. */
  private indexed = 0;

  constructor(private readonly table: TermTable) {}

  /** Indexes the terms the table has gained since (a scan calls it after each slice). */
  update(): void {
    const { table } = this;
    for (let i = this.indexed; i < table.length; i++) {
      const start = table.startNode(i);
      if (!this.runStart.has(start)) this.runStart.set(start, i);
      this.runEnd.set(start, i + 1);
      const end = table.endNode(i);
      if (end !== start) {
        const list = this.byEnd.get(end);
        if (list) list.push(i);
        else this.byEnd.set(end, [i]);
      }
    }
    this.indexed = table.length;
  }

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
   * The terms that may hold a caret position: those starting in its node at most
   * SPAN_CONTEXT_CHARS before it (found by bisection: one text node may hold hundreds of thousands
   * of terms), and those ending in it.
   */
  private candidates(node: Node, offset: number): number[] {
    const found = [...(this.byEnd.get(node) ?? [])];
    const first = this.runStart.get(node);
    if (first === undefined) return found;
    const { table } = this;
    // Offsets in the node are offsets in the block less the node's start in it.
    const nodeStart = table.at(first) - table.startOf(first).offset;
    const lo = table.firstFrom(nodeStart + offset + 1, first, this.runEnd.get(node)!);
    for (let i = lo - 1; i >= first; i--) {
      if (table.at(i) - nodeStart < offset - SPAN_CONTEXT_CHARS) break;
      found.push(i);
    }
    return found;
  }
}
