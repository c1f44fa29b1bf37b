import { describe, expect, it } from 'vitest';
import { minhashSignature, SIGNATURE_SIZE } from '../../../lib/match/minhash';
import { mix32 } from '../../../lib/match/hash';

/** The definition: position i is the least mix32(shingle ^ seed i) over the set. */
function bySpec(shingles: Uint32Array): number[] {
  const seeds = Array.from({ length: SIGNATURE_SIZE }, (_, i) =>
    mix32(Math.imul(i + 1, 0x9e3779b9)),
  );
  return seeds.map((seed) =>
    shingles.reduce((min, shingle) => Math.min(min, mix32(shingle ^ seed)), 0xffffffff),
  );
}

describe('minhashSignature', () => {
  it.each([
    ['empty', new Uint32Array(0)],
    ['one shingle', Uint32Array.of(12345)],
    ['extremes', Uint32Array.of(0, 1, 0x7fffffff, 0x80000000, 0xffffffff)],
    ['3,000 shingles', Uint32Array.from({ length: 3000 }, (_, i) => mix32(i * 7919 + 1))],
  ])('is, position by position, the least hash of the set (%s)', (_name, shingles) => {
    expect(Array.from(minhashSignature(shingles))).toEqual(bySpec(shingles));
  });
});
