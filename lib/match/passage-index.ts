import { countShared } from './shingles';

/** A corpus passage as the passage index knows it. */
export interface IndexedPassage {
  passageId: string;
  articleId: string;
  /** Sorted shingle hashes of the passage's compact text (boilerplate kept: weights discount it). */
  shingles: Uint32Array;
  /** Distinct glossary term ids in the passage. */
  terms: readonly string[];
}

export interface PassageMatch {
  passageId: string;
  articleId: string;
  score: number;
}

export const PASSAGE_THRESHOLDS = {
  /** A parallel shares at least this much of the smaller passage's (IDF-weighted) text… */
  minScore: 0.12,
  /** …and either this many shingles (a ~10-character run)… */
  minSharedShingles: 6,
  /** …or a distinctive term: one found in at most this share of corpus passages. */
  distinctiveTermShare: 0.1,
  /** How much shared distinctive terms add, at most, on top of shared text. */
  termBonus: 0.35,
  /** Shingles found in more than this share of passages do not propose candidates. */
  candidateShingleShare: 0.25,
  /** Matches kept per passage. */
  limit: 5,
} as const;

/**
 * Finds the corpus passages that reuse or parallel a passage: shared running text weighted by
 * rarity (a copied sentence counts, a slogan every passage repeats barely does), plus shared
 * distinctive terms (the 小马拉大车 passages of different cities rarely share a sentence).
 */
export class PassageIndex {
  private readonly passages: IndexedPassage[] = [];
  private readonly shinglePostings = new Map<number, number[]>();
  private readonly termPostings = new Map<string, number[]>();
  // Weights depend on the whole index: cached, and dropped whenever a passage is added.
  private readonly weights = new Map<number, number>();
  private readonly passageWeights = new Map<number, number>();

  get size(): number {
    return this.passages.length;
  }

  add(passage: IndexedPassage): void {
    const index = this.passages.push(passage) - 1;
    this.weights.clear();
    this.passageWeights.clear();
    for (const hash of passage.shingles) {
      const postings = this.shinglePostings.get(hash);
      if (postings) postings.push(index);
      else this.shinglePostings.set(hash, [index]);
    }
    for (const term of passage.terms) {
      const postings = this.termPostings.get(term);
      if (postings) postings.push(index);
      else this.termPostings.set(term, [index]);
    }
  }

  private shingleWeight(hash: number): number {
    let weight = this.weights.get(hash);
    if (weight === undefined) {
      const df = this.shinglePostings.get(hash)?.length ?? 0;
      weight = Math.log(1 + this.passages.length / Math.max(1, df));
      this.weights.set(hash, weight);
    }
    return weight;
  }

  private passageWeight(index: number): number {
    let weight = this.passageWeights.get(index);
    if (weight === undefined) {
      weight = this.textWeight(this.passages[index]!.shingles);
      this.passageWeights.set(index, weight);
    }
    return weight;
  }

  private termWeight(term: string): number {
    const df = this.termPostings.get(term)?.length ?? 0;
    return Math.log(1 + this.passages.length / Math.max(1, df));
  }

  private isDistinctive(term: string): boolean {
    const df = this.termPostings.get(term)?.length ?? 0;
    return (
      df > 0 && df <= Math.max(2, PASSAGE_THRESHOLDS.distinctiveTermShare * this.passages.length)
    );
  }

  private textWeight(shingles: Uint32Array): number {
    let sum = 0;
    for (const hash of shingles) sum += this.shingleWeight(hash);
    return sum;
  }

  /** Corpus passages parallel to the given one, best first. */
  query(shingles: Uint32Array, terms: readonly string[], excludeArticle?: string): PassageMatch[] {
    const candidates = new Set<number>();
    // Shingles most passages share (slogans) still count in the weights, but do not make candidates.
    const maxPostings = Math.max(
      8,
      PASSAGE_THRESHOLDS.candidateShingleShare * this.passages.length,
    );
    for (const hash of shingles) {
      const postings = this.shinglePostings.get(hash);
      if (postings && postings.length <= maxPostings) for (const p of postings) candidates.add(p);
    }
    const distinctive = terms.filter((term) => this.isDistinctive(term));
    for (const term of distinctive)
      for (const p of this.termPostings.get(term) ?? []) candidates.add(p);

    const ownWeight = this.textWeight(shingles);
    // Two terms found in only a couple of passages each are as much as term evidence can say.
    const termSaturation = 2 * Math.log(1 + this.passages.length / 2);
    const matches: PassageMatch[] = [];
    for (const candidate of candidates) {
      const other = this.passages[candidate]!;
      if (other.articleId === excludeArticle) continue;
      const sharedCount = countShared(shingles, other.shingles);
      let sharedWeight = 0;
      if (sharedCount > 0) {
        let i = 0;
        let j = 0;
        while (i < shingles.length && j < other.shingles.length) {
          const x = shingles[i]!;
          const y = other.shingles[j]!;
          if (x === y) {
            sharedWeight += this.shingleWeight(x);
            i++;
            j++;
          } else if (x < y) i++;
          else j++;
        }
      }
      const textScore =
        sharedWeight / Math.max(1e-9, Math.min(ownWeight, this.passageWeight(candidate)));
      const otherTerms = new Set(other.terms);
      const sharedTerms = distinctive.filter((term) => otherTerms.has(term));
      const termScore =
        sharedTerms.reduce((sum, term) => sum + this.termWeight(term), 0) / termSaturation;
      const score = Math.min(
        1,
        textScore + PASSAGE_THRESHOLDS.termBonus * Math.min(1, termScore) * (1 - textScore),
      );
      const enoughEvidence =
        sharedCount >= PASSAGE_THRESHOLDS.minSharedShingles || sharedTerms.length > 0;
      if (enoughEvidence && score >= PASSAGE_THRESHOLDS.minScore) {
        matches.push({
          passageId: other.passageId,
          articleId: other.articleId,
          score: Math.round(score * 1000) / 1000,
        });
      }
    }
    return matches
      .sort((a, b) => b.score - a.score || (a.passageId < b.passageId ? -1 : 1))
      .slice(0, PASSAGE_THRESHOLDS.limit);
  }
}
