import { compactForMatch } from '../normalise/fold-script';
import { countTermsIn, type TermMatcher } from './match-terms';
import { minhashSignature } from './minhash';
import { shingleHashes } from './shingles';

/** What the similarity index knows of an article. */
export interface ArticleFeatures {
  signature: Uint32Array;
  /** Distinct shingles left after boilerplate removal (the size of the set the signature summarises). */
  shingleCount: number;
  /** Term id → occurrences in the text. */
  terms: Record<string, number>;
  /** The exact shingle set, when at hand: lets the index verify a candidate instead of estimating. */
  shingles?: Uint32Array;
}

/** Text the corpus shares everywhere: glossary terms and boilerplate phrases, as shingle hashes. */
export type StopShingles = ReadonlySet<number>;

/** Computes an article's features from its clean text. */
export function articleFeatures(
  text: string,
  stop: StopShingles,
  matcher: TermMatcher,
): ArticleFeatures {
  const shingles = shingleHashes(compactForMatch(text), stop);
  const terms: Record<string, number> = {};
  for (const [termId, count] of [...countTermsIn(text, matcher)].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    terms[termId] = count;
  }
  return { signature: minhashSignature(shingles), shingleCount: shingles.length, terms, shingles };
}

/** Stop shingles from phrases (glossary forms, boilerplate list); phrases shorter than a shingle add nothing. */
export function stopShinglesFrom(phrases: Iterable<string>): Set<number> {
  const stop = new Set<number>();
  for (const phrase of phrases) {
    const compact = compactForMatch(phrase);
    if (compact.length < 5) continue;
    for (const hash of shingleHashes(compact)) stop.add(hash);
  }
  return stop;
}
