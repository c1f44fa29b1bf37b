import { describe, expect, it } from 'vitest';
import { HeadingPostings } from '../../../lib/match/heading-postings';
import { mulberry32 } from '../../bench/random';

/** Passages 0..n-1, every third with a heading of 1–4 hashes drawn from a small range. */
function headings(n: number, seed: number): Map<number, Uint32Array> {
  const random = mulberry32(seed);
  const all = new Map<number, Uint32Array>();
  for (let p = 0; p < n; p += 3) {
    const hashes = new Set(
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * 500)),
    );
    all.set(p, Uint32Array.from(hashes).sort());
  }
  return all;
}

const holders = (postings: HeadingPostings, hash: number) => {
  const found: number[] = [];
  postings.passagesWith(hash, (p) => found.push(p));
  return found.sort((a, b) => a - b);
};

const expected = (all: Map<number, Uint32Array>, hash: number) =>
  [...all].filter(([, hashes]) => hashes.includes(hash)).map(([p]) => p);

describe('HeadingPostings', () => {
  it('finds every passage holding a hash, sorted in or still in the tail, and after a snapshot', () => {
    // 30,000 passages: 10,000 with headings, past the unsorted tail's bound, so both paths run.
    const all = headings(30_000, 7);
    const postings = new HeadingPostings();
    const added = new Map<number, Uint32Array>();
    for (const [p, hashes] of all) {
      postings.add(p, hashes);
      added.set(p, hashes);
      if (p % 3_000 === 0)
        for (const hash of [0, 17, 499])
          expect(holders(postings, hash)).toEqual(expected(added, hash));
    }
    const restored = HeadingPostings.fromSnapshot(postings.snapshot());
    restored.add(30_001, Uint32Array.of(17));
    added.set(30_001, Uint32Array.of(17));
    for (const hash of [0, 17, 250, 499, 1000])
      expect(holders(restored, hash)).toEqual(expected(added, hash));
  });

  it('gives each passage its own heading, and none to a passage without one', () => {
    const postings = new HeadingPostings();
    postings.add(2, Uint32Array.of(5, 9));
    postings.add(7, new Uint32Array(0));
    postings.add(8, Uint32Array.of(1));
    expect([...postings.of(2)]).toEqual([5, 9]);
    expect([...postings.of(8)]).toEqual([1]);
    expect(postings.of(7)).toHaveLength(0);
    expect(postings.of(3)).toHaveLength(0);
  });
});
