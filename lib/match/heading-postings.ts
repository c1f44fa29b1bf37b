import { GrowableUint32, lowerBound, sortPairs } from './typed-arrays';

/** The task headings of an index's passages, as stored in its snapshot. */
export interface HeadingPostingsSnapshot {
  /** Passages that open with a task heading, ascending. */
  passages: Uint32Array;
  /** Where each one's run hashes start in `hashes` (one more entry than `passages`). */
  start: Uint32Array;
  hashes: Uint32Array;
  /** The (hash, passage) pairs sorted by hash, for the first `sortedUpTo` passages. */
  sortedHashes: Uint32Array;
  sortedPassages: Uint32Array;
  sortedUpTo: number;
}

/** Passages with headings that wait unsorted at most: scanning them costs a query ~20,000 reads. */
const MAX_TAIL = 4096;

/**
 * The run hashes of the passages that open with a task heading (heading-line.ts), and which
 * passages hold each. Few passages have one (~4 % of a work report's), so only they are kept:
 * nothing per passage without a heading. Lookups go through pairs sorted by hash (kept in the
 * snapshot, so a worker start sorts nothing); passages added since the last sort wait in a short
 * tail that is scanned, so adding a page's passages does not re-sort a large corpus. Passage
 * numbers never change (a removed passage stays, dead): callers skip dead ones.
 */
export class HeadingPostings {
  private passages = new GrowableUint32();
  private start = new GrowableUint32(Uint32Array.of(0));
  private hashes = new GrowableUint32();
  private sorted: { hashes: Uint32Array; passages: Uint32Array } = {
    hashes: new Uint32Array(0),
    passages: new Uint32Array(0),
  };
  /** Entries of `passages` the sorted pairs cover; the rest are the tail. */
  private sortedUpTo = 0;

  /** Adds a passage's heading hashes; passages come in ascending order. */
  add(passage: number, hashes: Uint32Array): void {
    if (hashes.length === 0) return;
    this.passages.push(passage);
    this.hashes.pushAll(hashes);
    this.start.push(this.hashes.length);
  }

  /** The heading hashes of a passage (none when it has no heading). */
  of(passage: number): Uint32Array {
    const all = this.passages.view();
    const i = lowerBound(all, passage);
    if (i === all.length || all[i] !== passage) return new Uint32Array(0);
    return this.hashes.view().subarray(this.start.get(i), this.start.get(i + 1));
  }

  /** Calls back for each passage (live or not) whose heading holds a hash. */
  passagesWith(hash: number, each: (passage: number) => void): void {
    if (this.passages.length - this.sortedUpTo > MAX_TAIL) this.sortAll();
    const { hashes, passages } = this.sorted;
    for (let k = lowerBound(hashes, hash); k < hashes.length && hashes[k] === hash; k++)
      each(passages[k]!);
    const all = this.hashes.view();
    for (let i = this.sortedUpTo; i < this.passages.length; i++)
      for (let k = this.start.get(i); k < this.start.get(i + 1); k++)
        if (all[k] === hash) each(this.passages.get(i));
  }

  /** Sorts the tail in (a bulk add's end: its queries then scan nothing). */
  settle(): void {
    if (this.sortedUpTo < this.passages.length) this.sortAll();
  }

  private sortAll(): void {
    const count = this.hashes.length;
    const hashes = this.hashes.view().slice();
    const passages = new Uint32Array(count);
    for (let i = 0; i < this.passages.length; i++)
      passages.fill(this.passages.get(i), this.start.get(i), this.start.get(i + 1));
    sortPairs(hashes, passages);
    this.sorted = { hashes, passages };
    this.sortedUpTo = this.passages.length;
  }

  snapshot(): HeadingPostingsSnapshot {
    this.settle();
    return {
      passages: this.passages.toArray(),
      start: this.start.toArray(),
      hashes: this.hashes.toArray(),
      sortedHashes: this.sorted.hashes.slice(),
      sortedPassages: this.sorted.passages.slice(),
      sortedUpTo: this.sortedUpTo,
    };
  }

  static fromSnapshot(snapshot: HeadingPostingsSnapshot): HeadingPostings {
    const postings = new HeadingPostings();
    // The stored arrays are this index's own from now on: adopted, not copied.
    postings.passages = GrowableUint32.adopt(snapshot.passages);
    postings.start = GrowableUint32.adopt(snapshot.start);
    postings.hashes = GrowableUint32.adopt(snapshot.hashes);
    postings.sorted = { hashes: snapshot.sortedHashes, passages: snapshot.sortedPassages };
    postings.sortedUpTo = snapshot.sortedUpTo;
    return postings;
  }
}
