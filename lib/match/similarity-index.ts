import type { ArticleFeatures } from './article-features';
import { SIGNATURE_SIZE } from './minhash';
import { countShared } from './shingles';
import {
  GrowableUint16,
  GrowableUint32,
  SlotTable,
  sortPairs,
  StringColumn,
  type PackedStrings,
} from './typed-arrays';

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

/** Sorts best first: stronger relation, then higher score, then id for a stable order. */
export function compareSimilar(a: SimilarArticle, b: SimilarArticle): number {
  return (
    RELATION_RANK[a.relation] - RELATION_RANK[b.relation] ||
    b.score - a.score ||
    (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0)
  );
}

/** Related answers kept per query, best first: beyond this a list stops helping the reader. */
export const MAX_RELATED = 20;
/** A term in more than this share of articles says little about topic and is left out of `related`… */
const COMMON_TERM_SHARE = 0.02;
/** …once the corpus is large enough for shares to mean something. */
const COMMON_TERM_MIN_DF = 20;
/** Articles added since the position index was built are compared one by one until there are this many. */
const MAX_UNINDEXED = 512;

/**
 * Signature positions with a lookup index. An article sharing any of them with the query is a
 * candidate; 64 of 128 find an excerpt of a fifteenth of an article 99 % of the time, and the
 * corpus index also proposes the articles of parallel passages. Half the positions, half the memory.
 */
export const INDEXED_POSITIONS = 64;
/** Candidates verified against their exact shingle sets, most signature agreement first. */
export const MAX_VERIFIED = 64;

/** A signature's values cut to their low 16 bits, as the index keeps them. */
function short(signature: ArrayLike<number>): Uint16Array {
  const values = new Uint16Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) values[i] = signature[i]! & 0xffff;
  return values;
}

/** Positions where a query (full values, and cut) agrees with a kept signature; empty ones never. */
function agreement(full: ArrayLike<number>, query: Uint16Array, kept: Uint16Array): number {
  let matches = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++)
    if (query[i] === kept[i] && full[i] !== 0xffffffff) matches++;
  return matches;
}

/** The query's terms, weighted once per query. */
interface QueryTerms {
  ids: Set<number>;
  weight: number;
}

/** A similarity index as stored (lib/db/corpus-snapshot.ts). */
export interface SimilarityIndexSnapshot {
  /** Article id per slot, packed (see StringColumn). */
  ids: PackedStrings;
  alive: Uint8Array;
  /** The low 16 bits of each signature value (see SimilarityIndex). */
  signatures: Uint16Array;
  sizes: Uint32Array;
  termStart: Uint32Array;
  terms: Uint32Array;
  termNames: string[];
}

export interface SimilarityQueryOptions {
  /** An article to leave out (the one being compared with the corpus). */
  exclude?: string;
  /** More candidates (e.g. the articles of parallel passages). */
  extra?: Iterable<string>;
  /** Exact shingle sets of candidates, where the caller has them (see `search`). */
  exact?: ExactShingles;
}

/**
 * Answers "which indexed articles are like this text?" without scanning them all: an index over
 * MinHash positions finds the articles whose signatures agree somewhere, and a prefix-filtered
 * term index finds the articles that can reach the `related` threshold. Everything is kept in
 * typed arrays (about 1 KB per article), so 100,000 articles fit in ~100 MB.
 */
export class SimilarityIndex {
  private ids = new StringColumn();
  private slots = new SlotTable(this.ids);
  private alive = new Uint8Array(64);
  private live = 0;
  // The low 16 bits of each value: two different values agree by chance once in 65,536, far
  // below what MinHash's own estimate error notices, and the signatures take half the memory.
  private signatures = new GrowableUint16(SIGNATURE_SIZE * 16);
  private sizes = new GrowableUint32();
  private termStart = new GrowableUint32(Uint32Array.of(0));
  private termList = new GrowableUint32();
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly termPostings: GrowableUint32[] = [];
  private idfCache: Float64Array | null = null;
  // Per indexed position, article slots sorted by their signature value there.
  private positionSlots: Uint32Array[] | null = null;
  private indexedCount = 0;

  /**
   * @param exactShingles looks up an indexed article's exact shingle set, when the caller keeps
   *   them; containment is then counted rather than estimated from signatures, whose estimates are
   *   too coarse for short texts (a paragraph of slogans against a long article).
   */
  constructor(private readonly exactShingles?: ExactShingles) {}

  get size(): number {
    return this.live;
  }

  has(articleId: string): boolean {
    const slot = this.slots.get(articleId);
    return slot !== undefined && this.alive[slot] === 1;
  }

  /** The slot of a live article (the number the passage index knows it by). */
  slotOf(articleId: string): number | undefined {
    const slot = this.slots.get(articleId);
    return slot !== undefined && this.alive[slot] === 1 ? slot : undefined;
  }

  idOf(slot: number): string {
    return this.ids.get(slot);
  }

  liveIds(): string[] {
    const ids: string[] = [];
    for (let slot = 0; slot < this.ids.length; slot++)
      if (this.alive[slot] === 1) ids.push(this.ids.get(slot));
    return ids;
  }

  /** Adds an article; adding an id again replaces it. */
  add(articleId: string, features: ArticleFeatures): void {
    this.remove([articleId]);
    const slot = this.ids.push(articleId);
    this.slots.added(slot);
    if (slot >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[slot] = 1;
    this.live++;
    this.signatures.pushAll(short(features.signature));
    this.sizes.push(features.shingleCount);
    for (const term of Object.keys(features.terms)) {
      const id = this.termId(term);
      this.termList.push(id);
      this.termPostings[id]!.push(slot);
    }
    this.termStart.push(this.termList.length);
    this.idfCache = null;
    // A few new articles are compared directly; many make the index worth rebuilding.
    if (this.ids.length - this.indexedCount > MAX_UNINDEXED) this.positionSlots = null;
  }

  /** Forgets articles (their slots stay empty; the term index is rebuilt without them). */
  remove(articleIds: Iterable<string>): void {
    let removed = 0;
    for (const id of articleIds) {
      const slot = this.slots.get(id);
      if (slot === undefined) continue;
      if (this.alive[slot] === 1) {
        this.alive[slot] = 0;
        removed++;
      }
    }
    if (removed === 0) return;
    this.live -= removed;
    this.rebuildTermPostings();
    this.idfCache = null;
  }

  /** The term → live slots lists, from the slots' term lists: counted first, then filled. */
  private rebuildTermPostings(): void {
    const start = this.termStart.view();
    const list = this.termList.view();
    const counts = new Uint32Array(this.termNames.length);
    for (let slot = 0; slot < this.ids.length; slot++)
      if (this.alive[slot] === 1)
        for (let k = start[slot]!; k < start[slot + 1]!; k++) counts[list[k]!]!++;
    // Sized exactly: growing 100,000-long lists by doubling costs more than the filling.
    for (let id = 0; id < counts.length; id++)
      this.termPostings[id] = new GrowableUint32(counts[id]!);
    for (let slot = 0; slot < this.ids.length; slot++)
      if (this.alive[slot] === 1)
        for (let k = start[slot]!; k < start[slot + 1]!; k++)
          this.termPostings[list[k]!]!.push(slot);
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.push(term) - 1;
      this.termIds.set(term, id);
      this.termPostings.push(new GrowableUint32(4));
    }
    return id;
  }

  private termsOf(slot: number): Uint32Array {
    return this.termList.view().subarray(this.termStart.get(slot), this.termStart.get(slot + 1));
  }

  private signatureOf(slot: number): Uint16Array {
    return this.signatures.view().subarray(slot * SIGNATURE_SIZE, (slot + 1) * SIGNATURE_SIZE);
  }

  /** IDF per term id; common terms (see COMMON_TERM_SHARE) weigh 0 and so take no part in `related`. */
  private idfs(): Float64Array {
    if (this.idfCache) return this.idfCache;
    const n = this.live;
    const commonDf = Math.max(COMMON_TERM_MIN_DF, COMMON_TERM_SHARE * n);
    const idf = new Float64Array(this.termPostings.length);
    this.termPostings.forEach((postings, id) => {
      idf[id] = postings.length > commonDf ? 0 : Math.log(1 + (n + 1) / (postings.length + 1));
    });
    this.idfCache = idf;
    return idf;
  }

  /** Builds the position index now (after a start, before the first query needs it). */
  warm(): void {
    this.ensurePositionIndex();
  }

  private ensurePositionIndex(): Uint32Array[] {
    if (this.positionSlots) return this.positionSlots;
    const count = this.ids.length;
    const signatures = this.signatures.view();
    const index: Uint32Array[] = [];
    for (let position = 0; position < INDEXED_POSITIONS; position++) {
      const values = new Uint32Array(count); // 16-bit values, sorted as keys
      const slots = new Uint32Array(count);
      for (let slot = 0; slot < count; slot++) {
        values[slot] = signatures[slot * SIGNATURE_SIZE + position]!;
        slots[slot] = slot;
      }
      sortPairs(values, slots);
      index.push(slots);
    }
    this.positionSlots = index;
    this.indexedCount = count;
    return index;
  }

  private queryTerms(features: ArticleFeatures): QueryTerms {
    const idf = this.idfs();
    const ids = new Set<number>();
    let weight = 0;
    for (const term of Object.keys(features.terms)) {
      const id = this.termIds.get(term);
      // A term no indexed article uses weighs like the rarest.
      const w = id === undefined ? Math.log(1 + (this.live + 1)) : idf[id]!;
      if (id !== undefined && w > 0) ids.add(id);
      weight += w;
    }
    return { ids, weight };
  }

  /** Scores one indexed article against the query; null when they are unrelated. */
  private classify(
    query: ArticleFeatures,
    terms: QueryTerms,
    slot: number,
    matches: number,
    exactShingles: ExactShingles | undefined,
  ): SimilarArticle | null {
    const articleId = this.ids.get(slot);
    const sizeA = query.shingleCount;
    const sizeB = this.sizes.get(slot);
    if (matches > 0 && sizeA > 0 && sizeB > 0) {
      const exact = query.shingles && exactShingles?.(articleId);
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
    for (const id of this.termsOf(slot)) {
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

  /** Candidate slots with the number of signature positions each shares with the query. */
  private candidates(
    features: ArticleFeatures,
    options: SimilarityQueryOptions,
  ): { slots: number[]; matches: Uint8Array; terms: QueryTerms } {
    // Per-query scratch in typed arrays: a Map per candidate costs more than the lookups themselves.
    const matches = new Uint8Array(this.ids.length); // signature positions shared (≤ 128)
    const seen = new Uint8Array(this.ids.length);
    const query = short(features.signature);
    const slots: number[] = [];
    const propose = (slot: number): void => {
      if (seen[slot] === 0 && this.alive[slot] === 1) {
        seen[slot] = 1;
        slots.push(slot);
        matches[slot] = agreement(features.signature, query, this.signatureOf(slot));
      }
    };
    const index = this.ensurePositionIndex();
    const signatures = this.signatures.view();
    for (let position = 0; position < INDEXED_POSITIONS; position++) {
      if (features.signature[position] === 0xffffffff) continue;
      const value = query[position]!;
      const column = index[position]!;
      // Binary search through the slots, reading each slot's value at this position.
      let lo = 0;
      let hi = column.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (signatures[column[mid]! * SIGNATURE_SIZE + position]! < value) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < column.length; k++) {
        const slot = column[k]!;
        if (signatures[slot * SIGNATURE_SIZE + position] !== value) break;
        propose(slot);
      }
    }
    // Articles added since the index was built are few: compare them directly.
    for (let slot = this.indexedCount; slot < this.ids.length; slot++) {
      if (
        this.alive[slot] === 1 &&
        agreement(features.signature, query, this.signatureOf(slot)) > 0
      )
        propose(slot);
    }
    for (const id of options.extra ?? []) {
      const slot = this.slots.get(id);
      if (slot !== undefined) propose(slot);
    }
    // Prefix filtering: an article sharing none of the query's rarest terms (the prefix holding more
    // than 1 - threshold of the query's term weight) cannot reach the related threshold.
    const terms = this.queryTerms(features);
    const idf = this.idfs();
    const byRarity = [...terms.ids].sort((a, b) => idf[b]! - idf[a]!);
    let prefixWeight = terms.weight - byRarity.reduce((sum, id) => sum + idf[id]!, 0); // unseen terms
    for (const id of byRarity) {
      if (prefixWeight > (1 - THRESHOLDS.relatedTermSimilarity) * terms.weight) break;
      for (const slot of this.termPostings[id]!.view()) propose(slot);
      prefixWeight += idf[id]!;
    }
    return { slots, matches, terms };
  }

  /**
   * One query in two steps, candidates found once: `verify` names the candidates whose exact
   * shingle sets would make the answer exact (their signatures agree with the query somewhere),
   * most agreement first, which a caller without texts in memory loads; `answer` classifies them.
   */
  search(
    features: ArticleFeatures,
    options: SimilarityQueryOptions = {},
  ): { verify: string[]; answer: (exact?: ExactShingles) => SimilarArticle[] } {
    const { slots, matches, terms } = this.candidates(features, options);
    const exclude = options.exclude === undefined ? -1 : (this.slots.get(options.exclude) ?? -1);
    const verify = slots
      .filter((slot) => matches[slot]! > 0 && slot !== exclude)
      .sort((a, b) => matches[b]! - matches[a]! || a - b)
      .slice(0, MAX_VERIFIED)
      .map((slot) => this.ids.get(slot));
    const answer = (exact: ExactShingles | undefined = this.exactShingles): SimilarArticle[] => {
      const results: SimilarArticle[] = [];
      for (const slot of slots) {
        if (slot === exclude) continue;
        const hit = this.classify(features, terms, slot, matches[slot]!, exact);
        if (hit) results.push(hit);
      }
      return this.finish(results);
    };
    return { verify, answer };
  }

  /** Similar articles, best first, found through the index. */
  query(
    features: ArticleFeatures,
    options: SimilarityQueryOptions | string = {},
  ): SimilarArticle[] {
    const opts = typeof options === 'string' ? { exclude: options } : options;
    return this.search(features, opts).answer(opts.exact);
  }

  /** The same answer by comparing against every article: the reference the index is measured against. */
  scan(features: ArticleFeatures, exclude?: string): SimilarArticle[] {
    const terms = this.queryTerms(features);
    const excluded = exclude === undefined ? -1 : (this.slots.get(exclude) ?? -1);
    const results: SimilarArticle[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (this.alive[slot] !== 1 || slot === excluded) continue;
      const hit = this.classify(
        features,
        terms,
        slot,
        agreement(features.signature, short(features.signature), this.signatureOf(slot)),
        this.exactShingles,
      );
      if (hit) results.push(hit);
    }
    return this.finish(results);
  }

  snapshot(): SimilarityIndexSnapshot {
    return {
      ids: this.ids.pack(),
      alive: this.alive.slice(0, this.ids.length),
      signatures: this.signatures.toArray(),
      sizes: this.sizes.toArray(),
      termStart: this.termStart.toArray(),
      terms: this.termList.toArray(),
      termNames: [...this.termNames],
    };
  }

  static fromSnapshot(snapshot: SimilarityIndexSnapshot, exactShingles?: ExactShingles) {
    const index = new SimilarityIndex(exactShingles);
    // Ids stay packed, decoded one by one as answers name them; the id → slot table is built by
    // the first lookup.
    index.ids = new StringColumn(snapshot.ids);
    index.slots = new SlotTable(index.ids);
    const count = index.ids.length;
    index.alive = new Uint8Array(Math.max(64, count));
    index.alive.set(snapshot.alive);
    for (let slot = 0; slot < count; slot++) index.live += snapshot.alive[slot]!;
    // The stored arrays are this index's own from now on: adopted, not copied.
    index.signatures = GrowableUint16.adopt(snapshot.signatures);
    index.sizes = GrowableUint32.adopt(snapshot.sizes);
    index.termStart = GrowableUint32.adopt(snapshot.termStart);
    index.termList = GrowableUint32.adopt(snapshot.terms);
    for (const name of snapshot.termNames) index.termId(name);
    index.rebuildTermPostings();
    return index;
  }
}
