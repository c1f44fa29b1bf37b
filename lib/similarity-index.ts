import type { ArticleFeatures } from './article-features';
import { SIGNATURE_SIZE, signatureMatches } from './minhash';
import { countShared } from './shingles';

/** Looks up an indexed article's exact shingle set, if the caller can produce it. */
export type ExactShingles = (articleId: string) => Uint32Array | undefined;

export type Relation = 'duplicate' | 'reuse' | 'related';

export interface SimilarArticle {
  articleId: string;
  score: number;
  relation: Relation;
}

/** Thresholds, in one place so the README, tests and benchmark read the same numbers. */
export const THRESHOLDS = {
  /** Duplicate: this share of the smaller text is in the larger one… */
  duplicateContainment: 0.7,
  /** …and this share of the larger is in the smaller (an excerpt is reuse, not a duplicate). */
  duplicateLargerContainment: 0.6,
  /** Reuse: this share of the smaller text appears in the other… */
  reuseContainment: 0.15,
  /** …and at least this many shared shingles (~30 characters of running text), so a few shared slogans are not reuse. */
  reuseMinShared: 25,
  /** Related: this share of the query's (IDF-weighted) glossary terms also occurs in the article… */
  relatedTermSimilarity: 0.3,
  /** …with at least this many terms in common. */
  relatedMinSharedTerms: 3,
} as const;

const RELATION_RANK: Record<Relation, number> = { duplicate: 0, reuse: 1, related: 2 };
// Keys pack (min-hash value, article number) exactly into a double: value * 2^20 + article.
const ARTICLE_BITS = 2 ** 20;

/** Sorts best first: stronger relation, then higher score, then id for a stable order. */
export function compareSimilar(a: SimilarArticle, b: SimilarArticle): number {
  return (
    RELATION_RANK[a.relation] - RELATION_RANK[b.relation] ||
    b.score - a.score ||
    (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0)
  );
}

function lowerBound(keys: Float64Array, target: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Answers "which indexed articles are like this text?" without scanning them all: an inverted
 * index over every MinHash position finds the articles whose signatures agree anywhere, and a
 * prefix-filtered term index finds the articles that can reach the `related` threshold.
 */
export class SimilarityIndex {
  private readonly ids: string[] = [];
  private readonly signatures: Uint32Array[] = [];
  private readonly sizes: number[] = [];
  private readonly termSets: string[][] = [];
  private readonly termPostings = new Map<string, number[]>();
  private positionKeys: Float64Array[] | null = null;

  /**
   * @param exactShingles when given, candidates are verified on exact shingle sets: MinHash
   * estimates are too coarse for short texts (a paragraph of slogans against a long article).
   */
  constructor(private readonly exactShingles?: ExactShingles) {}

  get size(): number {
    return this.ids.length;
  }

  /** Adds an article; re-adding an id replaces nothing, so callers add each article once. */
  add(articleId: string, features: ArticleFeatures): void {
    const index = this.ids.length;
    if (index >= ARTICLE_BITS)
      throw new Error(`SimilarityIndex holds at most ${ARTICLE_BITS} articles`);
    this.ids.push(articleId);
    this.signatures.push(features.signature);
    this.sizes.push(features.shingleCount);
    const terms = Object.keys(features.terms);
    this.termSets.push(terms);
    for (const term of terms) {
      const postings = this.termPostings.get(term);
      if (postings) postings.push(index);
      else this.termPostings.set(term, [index]);
    }
    this.positionKeys = null;
  }

  private idf(term: string): number {
    const df = this.termPostings.get(term)?.length ?? 0;
    return Math.log(1 + (this.ids.length + 1) / (df + 1));
  }

  private ensurePositionIndex(): Float64Array[] {
    if (this.positionKeys) return this.positionKeys;
    const keys: Float64Array[] = [];
    for (let position = 0; position < SIGNATURE_SIZE; position++) {
      const column = new Float64Array(this.ids.length);
      for (let article = 0; article < this.ids.length; article++) {
        column[article] = this.signatures[article]![position]! * ARTICLE_BITS + article;
      }
      keys.push(column.sort());
    }
    this.positionKeys = keys;
    return keys;
  }

  /** Scores one indexed article against the query; null when they are unrelated. */
  private classify(
    query: ArticleFeatures,
    queryTerms: string[],
    article: number,
    matches: number,
  ): SimilarArticle | null {
    const articleId = this.ids[article]!;
    const sizeA = query.shingleCount;
    const sizeB = this.sizes[article]!;
    if (matches > 0 && sizeA > 0 && sizeB > 0) {
      const exact = query.shingles && this.exactShingles?.(articleId);
      let shared: number;
      if (exact && query.shingles) shared = countShared(query.shingles, exact);
      else {
        const jaccard = matches / SIGNATURE_SIZE;
        shared = (jaccard / (1 + jaccard)) * (sizeA + sizeB);
      }
      const smaller = Math.min(sizeA, sizeB);
      const containment = Math.min(1, shared / smaller);
      const largerContainment = Math.min(1, shared / Math.max(sizeA, sizeB));
      const score = Math.round(containment * 1000) / 1000;
      if (
        containment >= THRESHOLDS.duplicateContainment &&
        largerContainment >= THRESHOLDS.duplicateLargerContainment
      ) {
        return { articleId, score, relation: 'duplicate' };
      }
      if (containment >= THRESHOLDS.reuseContainment && shared >= THRESHOLDS.reuseMinShared) {
        return { articleId, score, relation: 'reuse' };
      }
    }
    const articleTerms = this.termSets[article]!;
    if (queryTerms.length === 0 || articleTerms.length === 0) return null;
    const mine = new Set(queryTerms);
    // The share of the query's term weight the article also uses: a page on the same topic
    // scores high against a long article that covers more topics besides.
    let sharedWeight = 0;
    let queryWeight = 0;
    let sharedCount = 0;
    for (const term of queryTerms) queryWeight += this.idf(term);
    for (const term of articleTerms) {
      if (mine.has(term)) {
        sharedWeight += this.idf(term);
        sharedCount++;
      }
    }
    const similarity = sharedWeight / queryWeight;
    if (
      sharedCount >= THRESHOLDS.relatedMinSharedTerms &&
      similarity >= THRESHOLDS.relatedTermSimilarity
    ) {
      return { articleId, score: Math.round(similarity * 1000) / 1000, relation: 'related' };
    }
    return null;
  }

  /** Similar articles, best first, found through the index. */
  query(features: ArticleFeatures, exclude?: string): SimilarArticle[] {
    const candidates = new Map<number, number>(); // article → signature matches
    const keys = this.ensurePositionIndex();
    for (let position = 0; position < SIGNATURE_SIZE; position++) {
      const value = features.signature[position]!;
      if (value === 0xffffffff) continue;
      const column = keys[position]!;
      for (let k = lowerBound(column, value * ARTICLE_BITS); k < column.length; k++) {
        const key = column[k]!;
        if (Math.floor(key / ARTICLE_BITS) !== value) break;
        const article = key - value * ARTICLE_BITS;
        candidates.set(article, (candidates.get(article) ?? 0) + 1);
      }
    }
    // Prefix filtering: an article sharing none of the query's rarest terms (the prefix holding more
    // than 1 - threshold of the query's term weight) cannot reach the related threshold.
    const queryTerms = Object.keys(features.terms);
    const byRarity = queryTerms
      .map((term) => ({ term, weight: this.idf(term) }))
      .sort((a, b) => b.weight - a.weight);
    const total = byRarity.reduce((sum, t) => sum + t.weight, 0);
    let prefixWeight = 0;
    for (const { term, weight } of byRarity) {
      for (const article of this.termPostings.get(term) ?? [])
        if (!candidates.has(article)) candidates.set(article, 0);
      prefixWeight += weight;
      if (prefixWeight > (1 - THRESHOLDS.relatedTermSimilarity) * total) break;
    }
    const results: SimilarArticle[] = [];
    for (const [article, matches] of candidates) {
      if (this.ids[article] === exclude) continue;
      const hit = this.classify(features, queryTerms, article, matches);
      if (hit) results.push(hit);
    }
    return results.sort(compareSimilar);
  }

  /** The same answer by comparing against every article: the reference the index is measured against. */
  scan(features: ArticleFeatures, exclude?: string): SimilarArticle[] {
    const queryTerms = Object.keys(features.terms);
    const results: SimilarArticle[] = [];
    for (let article = 0; article < this.ids.length; article++) {
      if (this.ids[article] === exclude) continue;
      const hit = this.classify(
        features,
        queryTerms,
        article,
        signatureMatches(features.signature, this.signatures[article]!),
      );
      if (hit) results.push(hit);
    }
    return results.sort(compareSimilar);
  }
}
