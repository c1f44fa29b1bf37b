import { describe, expect, it } from 'vitest';
import { readLabelledPairs, reportsQuality, seedsQuality } from '../../corpus/passage-quality';
import { reportsPresent } from '../reports-2026';

/**
 * The parallel-passage links of the shipped seeds against the labelled set
 * (tests/fixtures/passage-pairs.yaml). The figures are the ones achieved: a change to the linker
 * that loses a meaningful link or shows a weak or noisy one turns this red (`npm run
 * corpus:quality` prints the same figures, with the 2026 reports too).
 */
describe('passage links of the seeds against the labelled pairs', () => {
  const labelled = readLabelledPairs();

  it('has the labelled set the README describes', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    const count = (j: string) => labelled.filter((p) => p.judgement === j).length;
    expect([count('meaningful'), count('weak'), count('noise')]).toEqual([97, 81, 66]);
  });

  it('shows 6 of the 11 meaningful seed pairs, and nothing else', () => {
    const quality = seedsQuality(labelled);
    expect(quality.missing).toEqual([]);
    expect(quality.pairs).toBe(76);
    expect(quality.shown).toEqual({ meaningful: 6, weak: 0, noise: 0 });
    expect(quality.precision).toBe(1);
    expect(quality.recall).toBeGreaterThanOrEqual(0.54);
  });

  // Without the reports (a clone without ../shared) this is skipped, and Vitest lists it as such.
  it.skipIf(!reportsPresent)(
    'with the 2026 reports: 81 of 97 meaningful pairs shown, 12 weak, no noise',
    () => {
      const quality = reportsQuality(labelled)!;
      expect(quality.shown).toEqual({ meaningful: 81, weak: 12, noise: 0 });
      // The goals: at least 0.8 of shown links meaningful, 0.8 of meaningful pairs shown.
      expect(quality.recall).toBeGreaterThanOrEqual(0.8);
      expect(quality.precision).toBeGreaterThanOrEqual(0.8);
    },
    60_000,
  );
});
