import { mix32 } from './hash';

/** Signature length: 128 minima estimate Jaccard similarity to about ±0.04. */
export const SIGNATURE_SIZE = 128;

const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) =>
  mix32(Math.imul(i + 1, 0x9e3779b9)),
);

/** MinHash signature of a set of shingle hashes; an empty set gives all 0xffffffff. */
export function minhashSignature(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const shingle = shingles[s]!;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const value = mix32(shingle ^ SEEDS[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

/** Number of positions where two signatures agree (their estimated Jaccard is this / SIGNATURE_SIZE). */
export function signatureMatches(a: ArrayLike<number>, b: ArrayLike<number>, offsetB = 0): number {
  let matches = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++)
    if (a[i] === b[offsetB + i] && a[i] !== 0xffffffff) matches++;
  return matches;
}
