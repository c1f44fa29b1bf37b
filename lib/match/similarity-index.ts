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

/** Related answers kept per query, best first: beyond this a list stops helping the reader. */
export const MAX_RELATED = 20;
/** A term in more than this share of articles says little about topic and is left out of `related`… */
const COMMON_TERM_SHARE = 0.02;
/** …once the corpus is large enough for shares to mean something. */
const COMMON_TERM_MIN_DF = 20;
/** Articles added since the position index was built are compared one by one until there are this many. */
const MAX_UNINDEXED = 512;

/** The query's terms, weighted once per query. */
interface QueryTerms {
  ids: Set<number>;
  weight: number;
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
  private readonly termSets: Int32Array[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly termPostings: number[][] = [];
  private idfCache: Float64Array | null = null;
  private positionKeys: Float64Array[] | null = null;
  /** Articles [indexedCount, size) are not in the position index yet. */
  private indexedCount = 0;

  /**
   * @param exactShingles when given, candidates are verified on exact shingle sets: MinHash
   * estimates are too coarse for short texts (a paragraph of slogans against a long article).
   */
  constructor(private readonly exactShingles?: ExactShingles) {}

  get size(): number {
    return this.ids.length;
  }

  /** Adds an article; callers add each article once. */
  add(articleId: string, features: ArticleFeatures): void {
    const index = this.ids.length;
    if (index >= ARTICLE_BITS)
      throw new Error(`SimilarityIndex holds at most ${ARTICLE_BITS} articles`);
    this.ids.push(articleId);
    this.signatures.push(features.signature);
    this.sizes.push(features.shingleCount);
    const terms = Object.keys(features.terms).map((term) => {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termPostings.push([]) - 1;
        this.termIds.set(term, id);
      }
      this.termPostings[id]!.push(index);
      return id;
    });
    this.termSets.push(Int32Array.from(terms));
    this.idfCache = null;
    // A few new articles are compared directly; many make the index worth rebuilding.
    if (this.ids.length - this.indexedCount > MAX_UNINDEXED) this.positionKeys = null;
  }

  /** IDF per term id; common terms (see COMMON_TERM_SHARE) weigh 0 and so take no part in `related`. */
  private idfs(): Float64Array {
    if (this.idfCache) return this.idfCache;
    const n = this.ids.length;
    const commonDf = Math.max(COMMON_TERM_MIN_DF, COMMON_TERM_SHARE * n);
    const idf = new Float64Array(this.termPostings.length);
    this.termPostings.forEach((postings, id) => {
      idf[id] = postings.length > commonDf ? 0 : Math.log(1 + (n + 1) / (postings.length + 1));
    });
    this.idfCache = idf;
    return idf;
  }

  private ensurePositionIndex(): Float64Array[] {
    if (this.positionKeys) return this.positionKeys;
    const count = this.ids.length;
    const keys: Float64Array[] = [];
    for (let position = 0; position < SIGNATURE_SIZE; position++) {
      const column = new Float64Array(count);
      for (let article = 0; article < count; article++) {
        column[article] = this.signatures[article]![position]! * ARTICLE_BITS + article;
      }
      keys.push(column.sort());
    }
    this.positionKeys = keys;
    this.indexedCount = count;
    return keys;
  }

  private queryTerms(features: ArticleFeatures): QueryTerms {
    const idf = this.idfs();
    const ids = new Set<number>();
    let weight = 0;
    for (const term of Object.keys(features.terms)) {
      const id = this.termIds.get(term);
      // A term no indexed article uses weighs like the rarest.
      const w = id === undefined ? Math.log(1 + (this.ids.length + 1)) : idf[id]!;
      if (id !== undefined && w > 0) ids.add(id);
      weight += w;
    }
    return { ids, weight };
  }

  /** Scores one indexed article against the query; null when they are unrelated. */
  private classify(
    query: ArticleFeatures,
    terms: QueryTerms,
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
    if (terms.weight === 0) return null;
    // The share of the query's term weight the article also uses: a page on the same topic
    // scores high against a long article that covers more topics besides.
    const idf = this.idfs();
    let sharedWeight = 0;
    let sharedCount = 0;
    let articleWeight = 0;
    for (const id of this.termSets[article]!) {
      articleWeight += idf[id]!;
      if (terms.ids.has(id)) {
        sharedWeight += idf[id]!;
        sharedCount++;
      }
    }
    const similarity = sharedWeight / terms.weight;
    if (
      sharedCount >= THRESHOLDS.relatedMinSharedTerms &&
      similarity >= THRESHOLDS.relatedTermSimilarity
    ) {
      // The score also rewards the article's side a little, so of two articles covering the page's
      // terms, the one that is more nearly about just those terms ranks first.
      const score = 0.8 * similarity + 0.2 * (articleWeight > 0 ? sharedWeight / articleWeight : 0);
      return { articleId, score: Math.round(score * 1000) / 1000, relation: 'related' };
    }
    return null;
  }

  /** Best first, with at most MAX_RELATED related answers. */
  private finish(results: SimilarArticle[]): SimilarArticle[] {
    results.sort(compareSimilar);
    let related = 0;
    return results.filter((r) => r.relation !== 'related' || ++related <= MAX_RELATED);
  }

  /** Similar articles, best first, found through the index. */
  query(features: ArticleFeatures, exclude?: string): SimilarArticle[] {
    // Per-query scratch in typed arrays: a Map per candidate costs more than the lookups themselves.
    const matches = new Uint8Array(this.ids.length); // signature positions shared (≤ 128)
    const seen = new Uint8Array(this.ids.length);
    const candidates: number[] = [];
    const propose = (article: number): void => {
      if (seen[article] === 0) {
        seen[article] = 1;
        candidates.push(article);
      }
    };
    const keys = this.ensurePositionIndex();
    for (let position = 0; position < SIGNATURE_SIZE; position++) {
      const value = features.signature[position]!;
      if (value === 0xffffffff) continue;
      const column = keys[position]!;
      for (let k = lowerBound(column, value * ARTICLE_BITS); k < column.length; k++) {
        const key = column[k]!;
        if (Math.floor(key / ARTICLE_BITS) !== value) break;
        const article = key - value * ARTICLE_BITS;
        matches[article]!++;
        propose(article);
      }
    }
    // Articles added since the index was built are few: compare them directly.
    for (let article = this.indexedCount; article < this.ids.length; article++) {
      matches[article] = signatureMatches(features.signature, this.signatures[article]!);
      if (matches[article]! > 0) propose(article);
    }
    // Prefix filtering: an article sharing none of the query's rarest terms (the prefix holding more
    // than 1 - threshold of the query's term weight) cannot reach the related threshold.
    const terms = this.queryTerms(features);
    const idf = this.idfs();
    const byRarity = [...terms.ids].sort((a, b) => idf[b]! - idf[a]!);
    let prefixWeight = terms.weight - byRarity.reduce((sum, id) => sum + idf[id]!, 0); // unseen terms
    for (const id of byRarity) {
      if (prefixWeight > (1 - THRESHOLDS.relatedTermSimilarity) * terms.weight) break;
      for (const article of this.termPostings[id]!) propose(article);
      prefixWeight += idf[id]!;
    }
    const results: SimilarArticle[] = [];
    for (const article of candidates) {
      if (this.ids[article] === exclude) continue;
      const hit = this.classify(features, terms, article, matches[article]!);
      if (hit) results.push(hit);
    }
    return this.finish(results);
  }

  /** The same answer by comparing against every article: the reference the index is measured against. */
  scan(features: ArticleFeatures, exclude?: string): SimilarArticle[] {
    const terms = this.queryTerms(features);
    const results: SimilarArticle[] = [];
    for (let article = 0; article < this.ids.length; article++) {
      if (this.ids[article] === exclude) continue;
      const hit = this.classify(
        features,
        terms,
        article,
        signatureMatches(features.signature, this.signatures[article]!),
      );
      if (hit) results.push(hit);
    }
    return this.finish(results);
  }
}
