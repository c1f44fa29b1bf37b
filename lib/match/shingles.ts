import { hashRange } from './hash';

/** Characters per shingle: five Han characters are rarely shared by chance, often by copying. */
export const SHINGLE_SIZE = 5;

/**
 * Hashes of the overlapping character n-grams of compact text (see compactForMatch), sorted and
 * without repeats. Text shorter than one shingle gives one hash of the whole text.
 * @param stop shingle hashes to leave out (slogans and boilerplate every article shares).
 */
export function shingleHashes(
  compact: string,
  stop?: ReadonlySet<number>,
  size = SHINGLE_SIZE,
): Uint32Array {
  if (compact.length === 0) return new Uint32Array(0);
  const last = Math.max(0, compact.length - size);
  // Hashed into a typed array, sorted, repeats dropped in place: a Set costs several times more.
  const hashes = new Uint32Array(last + 1);
  let count = 0;
  for (let i = 0; i <= last; i++) {
    const hash = hashRange(compact, i, Math.min(compact.length, i + size));
    if (!stop?.has(hash)) hashes[count++] = hash;
  }
  const sorted = hashes.subarray(0, count).sort();
  let unique = 0;
  for (let i = 0; i < count; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i]!;
  }
  return hashes.slice(0, unique);
}

/** Number of values two sorted hash arrays share. */
export function countShared(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}
