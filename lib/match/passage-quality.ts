import { compactForMatch } from '../normalise/fold-script';
import { hashRange } from './hash';
import { SHINGLE_SIZE } from './shingles';

/** How a policy analyst judged a pair of passages (the rule is stated in tests/fixtures/passage-pairs.yaml). */
export type PairJudgement = 'meaningful' | 'weak' | 'noise';

/** One side of a labelled pair: an article (seed file name, or a report's province), a passage. */
export interface PassageRef {
  /** Seed file name (`000_….txt`) or, for a 2026 work report, its province (`江苏省`). */
  article: string;
  ordinal: number;
  /** Fingerprint of the passage's folded text, to find it again if the splitter renumbers. */
  fingerprint: string;
}

export interface LabelledPair {
  a: PassageRef;
  b: PassageRef;
  judgement: PairJudgement;
  note: string;
}

/** The fingerprint stored with a labelled passage: 8 hex digits of its folded text's hash. */
export function passageFingerprint(text: string): string {
  const compact = compactForMatch(text);
  return hashRange(compact, 0, compact.length).toString(16).padStart(8, '0');
}

/** `<article>#p<ordinal>@<fingerprint>`, as the labelled set writes a passage. */
export function formatPassageRef(ref: PassageRef): string {
  return `${ref.article}#p${ref.ordinal}@${ref.fingerprint}`;
}

export function parsePassageRef(text: string): PassageRef {
  const match = /^(.+)#p(\d+)@([0-9a-f]{8})$/.exec(text.trim());
  if (!match) throw new Error(`not a passage reference (<article>#p<n>@<fingerprint>): ${text}`);
  return { article: match[1]!, ordinal: Number(match[2]), fingerprint: match[3]! };
}

/** An unordered pair of passage keys (`<article>#p<n>`), one string whichever side comes first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

export interface LinkQuality {
  /** Labelled pairs evaluated. */
  pairs: number;
  meaningful: number;
  /** Labelled pairs the linker shows, by judgement. */
  shown: { meaningful: number; weak: number; noise: number };
  /** Share of shown labelled pairs judged meaningful (1 when none is shown). */
  precision: number;
  /** Share of meaningful labelled pairs shown (1 when none is meaningful). */
  recall: number;
}

/**
 * Precision and recall of passage links against a labelled set. A pair counts as shown when the
 * linker links its passages in either direction (a marker on either side opens the other).
 * `keyOf` maps a labelled passage to the linker's passage key; a pair whose passage is not found
 * is left out and reported in `missing`.
 */
export function linkQuality(
  labelled: readonly LabelledPair[],
  shown: ReadonlySet<string>,
  keyOf: (ref: PassageRef) => string | undefined,
): LinkQuality & { missing: LabelledPair[] } {
  const result = {
    pairs: 0,
    meaningful: 0,
    shown: { meaningful: 0, weak: 0, noise: 0 },
    precision: 1,
    recall: 1,
    missing: [] as LabelledPair[],
  };
  for (const pair of labelled) {
    const a = keyOf(pair.a);
    const b = keyOf(pair.b);
    if (a === undefined || b === undefined) {
      result.missing.push(pair);
      continue;
    }
    result.pairs++;
    if (pair.judgement === 'meaningful') result.meaningful++;
    if (shown.has(pairKey(a, b))) result.shown[pair.judgement]++;
  }
  const shownCount = result.shown.meaningful + result.shown.weak + result.shown.noise;
  if (shownCount > 0) result.precision = result.shown.meaningful / shownCount;
  if (result.meaningful > 0) result.recall = result.shown.meaningful / result.meaningful;
  return result;
}

/** A run of text two passages share: compact characters, and the hashes of its shingles. */
export interface SharedRun {
  text: string;
  shingles: number[];
}

/**
 * The runs of compact text two passages share, in the first passage's order: maximal stretches
 * of it whose every shingle is also in the second (what a reader checking a link looks at).
 */
export function sharedRuns(a: string, b: string, size = SHINGLE_SIZE): SharedRun[] {
  const x = compactForMatch(a);
  const y = compactForMatch(b);
  const theirs = new Set<number>();
  for (let j = 0; j + size <= y.length; j++) theirs.add(hashRange(y, j, j + size));
  const runs: SharedRun[] = [];
  let run: SharedRun | undefined;
  for (let i = 0; i + size <= x.length; i++) {
    const hash = hashRange(x, i, i + size);
    if (!theirs.has(hash)) {
      run = undefined;
      continue;
    }
    if (!run) {
      run = { text: x.slice(i, i + size), shingles: [] };
      runs.push(run);
    } else run.text += x[i + size - 1];
    run.shingles.push(hash);
  }
  return runs;
}
