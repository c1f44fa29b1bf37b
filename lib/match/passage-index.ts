import { HeadingPostings, type HeadingPostingsSnapshot } from './heading-postings';
import { GrowableUint32, lowerBound, sortPairs } from './typed-arrays';

/** A corpus passage as the passage index receives it. */
export interface IndexedPassage {
  /** The caller's number for the passage's article (CorpusIndex: its article slot). */
  article: number;
  /** The passage's number within its article (its id is `<article id>#p<ordinal>`). */
  ordinal: number;
  /** Sorted shingle hashes of the passage's compact text (boilerplate kept: weights discount it). */
  shingles: Uint32Array;
  /** Distinct glossary term ids the passage names (corpus-index.ts passageFeatures: in quotation marks). */
  terms: readonly string[];
  /** Sorted run hashes of the task heading the passage opens with (heading-line.ts), if any. */
  heading?: Uint32Array;
}

export interface PassageHit {
  article: number;
  ordinal: number;
  score: number;
  /** Shared rare shingles (sampled, when the index samples). */
  sharedShingles: number;
  /** Shared distinctive terms. */
  sharedTerms: number;
  /** Whether both passages open with a task heading stating the same line. */
  sameHeading: boolean;
}

export const PASSAGE_THRESHOLDS = {
  /**
   * A parallel shares at least this much of the smaller passage's (rarity-weighted) text: low,
   * since one adapted policy line in two long paragraphs is a small share of either (tuned on
   * tests/fixtures/passage-pairs.yaml with `npm run corpus:quality`)…
   */
  minScore: 0.02,
  /**
   * …and either this many shared shingles that are not common wording (a run of ~10 characters:
   * a copied or adapted phrase; 8 and 10 lost more meaningful pairs than weak ones on the set)…
   */
  minSharedShingles: 6,
  /**
   * …or a distinctive named term (quoted in both passages) found in at most this share of the
   * corpus's articles, or in at most `distinctiveTermArticles`, whichever allows more.
   */
  distinctiveTermShare: 0.1,
  /** Three: in the five seeds, “小马拉大车” is in three articles. */
  distinctiveTermArticles: 3,
  /**
   * A shingle found in more than this share of the corpus's articles is common wording (the
   * central line every report repeats, a title, an occasion line): it weighs nothing and proposes
   * nothing. Learnt from the corpus itself: no list of phrases.
   */
  commonArticleShare: 0.5,
  /**
   * Shared text whose common shingles outnumber its rare ones this many times over is a shared
   * template (the general requirements, the closing rally): its rare shingles are the template's
   * local fill-ins, not a line of their own.
   */
  commonPerRare: 1,
  /** How much shared distinctive terms add, at most, on top of shared text. */
  termBonus: 0.35,
  /**
   * How much the same task heading adds, at most, on top of shared text: by the share of the
   * shorter heading's runs the other heading has. A province's heading of the same central task
   * (因地制宜发展新质生产力) is the line in its section's role, however many reports state it.
   */
  headingBonus: 0.35,
  /** Matches kept per passage. */
  limit: 5,
} as const;

/** Share of the shorter heading's runs (sorted hashes) that the other heading has too. */
function sharedHeading(a: Uint32Array, b: Uint32Array): number {
  if (b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / Math.min(a.length, b.length);
}

/**
 * Shingles the index keeps at most (~12 bytes each: the passage's list and the posting). Beyond
 * it the index keeps a sample: a shingle counts when its hash is 0 modulo the sampling rate, which
 * doubles as needed. Hashes are uniform, so two passages sharing text share the same sample of it.
 * Until a corpus has this many shingles (a few thousand long articles), nothing is sampled.
 */
export const MAX_INDEXED_SHINGLES = 4_000_000;
/** Postings added since the last flush, kept in a small Map until there are this many. */
const MAX_UNSORTED = 1 << 14;

/** A sorted run of postings: hashes ascending, with their passages. */
interface Run {
  hashes: Uint32Array;
  passages: Uint32Array;
}

/** Merges two sorted runs into one. */
function mergeRuns(a: Run, b: Run): Run {
  const n = a.hashes.length + b.hashes.length;
  const hashes = new Uint32Array(n);
  const passages = new Uint32Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (j >= b.hashes.length || (i < a.hashes.length && a.hashes[i]! <= b.hashes[j]!)) {
      hashes[k] = a.hashes[i]!;
      passages[k] = a.passages[i++]!;
    } else {
      hashes[k] = b.hashes[j]!;
      passages[k] = b.passages[j++]!;
    }
  }
  return { hashes, passages };
}

/** A passage index as stored (lib/db/corpus-snapshot.ts): plain typed arrays and strings. */
export interface PassageIndexSnapshot {
  rate: number;
  article: Uint32Array;
  ordinal: Uint32Array;
  alive: Uint8Array;
  shingleStart: Uint32Array;
  shingles: Uint32Array;
  termStart: Uint32Array;
  terms: Uint32Array;
  termNames: string[];
  headings: HeadingPostingsSnapshot;
  /** The posting list, sorted (so a worker start reads it instead of sorting it again). */
  postingHashes: Uint32Array;
  postingPassages: Uint32Array;
}

/**
 * Finds the corpus passages that reuse or parallel a passage: shared running text weighted by
 * rarity (a copied sentence counts, a slogan every passage repeats barely does), plus shared
 * distinctive terms (the 小马拉大车 passages of different cities rarely share a sentence).
 *
 * Memory is a few typed arrays: per passage its (sampled) shingles and term numbers, and one
 * sorted posting list over all of them, rebuilt by radix sort from the per-passage lists.
 */
export class PassageIndex {
  /**
   * @param maxShingles the memory budget (MAX_INDEXED_SHINGLES; smaller in tests).
   * @param namesLine whether a quoted term names a specific line (a programme or policy, not a
   *   slogan or formula): such a term links its passages however many articles carry it.
   */
  constructor(
    private readonly maxShingles = MAX_INDEXED_SHINGLES,
    private readonly namesLine: (term: string) => boolean = () => false,
  ) {}

  private rate = 1;
  private articleOf = new GrowableUint32();
  private ordinalOf = new GrowableUint32();
  private alive = new Uint8Array(64);
  private live = 0;
  /**
   * Live passages per article number, and how many articles have any (for article frequencies):
   * a typed array, so a worker start counts a million passages without building a Map.
   */
  private articlePassages = new Uint32Array(64);
  private liveArticles = 0;
  private shingleStart = new GrowableUint32(Uint32Array.of(0));
  private shingles = new GrowableUint32();
  private termStart = new GrowableUint32(Uint32Array.of(0));
  private termList = new GrowableUint32();
  private readonly termNames: string[] = [];
  private readonly termNumbers = new Map<string, number>();
  private readonly termPostings: GrowableUint32[] = [];
  private headings = new HeadingPostings();
  // The posting list: sorted runs, each at most half the size of the one before it (merged as
  // they grow, so each posting is merged a few times in all); recent additions wait unsorted, as
  // pairs in typed arrays (a Map of arrays per hash cost more than the sorting), until a query.
  private runs: Run[] = [];
  private unsortedHashes = new GrowableUint32(1024);
  private unsortedPassages = new GrowableUint32(1024);
  // Weights depend on the whole index: cached, and dropped whenever it changes.
  private readonly weights = new Map<number, number>();
  private readonly passageWeights = new Map<number, number>();

  /** Live passages. */
  get size(): number {
    return this.live;
  }

  /** 1 while every shingle is indexed; otherwise one shingle in `samplingRate` is. */
  get samplingRate(): number {
    return this.rate;
  }

  /** Shingles held (per-passage lists), for memory figures. */
  get indexedShingles(): number {
    return this.shingles.length;
  }

  private get count(): number {
    return this.articleOf.length;
  }

  private keeps(hash: number): boolean {
    return (hash & (this.rate - 1)) === 0;
  }

  private sample(shingles: Uint32Array): Uint32Array {
    return this.rate === 1 ? shingles : shingles.filter((hash) => this.keeps(hash));
  }

  private termNumber(term: string): number {
    let number = this.termNumbers.get(term);
    if (number === undefined) {
      number = this.termNames.push(term) - 1;
      this.termNumbers.set(term, number);
      this.termPostings.push(new GrowableUint32(4));
    }
    return number;
  }

  add(passage: IndexedPassage): void {
    this.append(passage);
    if (this.shingles.length > this.maxShingles) this.resample();
    else if (this.unsortedCount > MAX_UNSORTED) this.flush();
  }

  /**
   * Adds passages and sorts their postings once, into one run: an import's or an indexing page's
   * passages cost one radix sort instead of one per MAX_UNSORTED postings plus the merges of
   * those runs (about half of indexing the 2026 reports at install).
   */
  addAll(passages: Iterable<IndexedPassage>): void {
    for (const passage of passages) {
      this.append(passage);
      if (this.shingles.length > this.maxShingles) this.resample();
    }
    this.flush();
    this.headings.settle();
  }

  private append(passage: IndexedPassage): void {
    const index = this.count;
    this.articleOf.push(passage.article);
    this.ordinalOf.push(passage.ordinal);
    if (index >= this.alive.length) {
      const grown = new Uint8Array(this.alive.length * 2);
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[index] = 1;
    this.live++;
    this.countPassage(passage.article);
    const kept = this.sample(passage.shingles);
    this.shingles.pushAll(kept);
    this.shingleStart.push(this.shingles.length);
    for (const term of passage.terms) {
      const number = this.termNumber(term);
      this.termList.push(number);
      this.termPostings[number]!.push(index);
    }
    this.termStart.push(this.termList.length);
    if (passage.heading) this.headings.add(index, passage.heading);
    this.weights.clear();
    this.passageWeights.clear();
    this.unsortedHashes.pushAll(kept);
    for (let k = 0; k < kept.length; k++) this.unsortedPassages.push(index);
  }

  private get unsortedCount(): number {
    return this.unsortedHashes.length;
  }

  /** Sorts the recent postings into a run, merging runs of similar size. */
  private flush(): void {
    if (this.unsortedCount === 0) return;
    const hashes = this.unsortedHashes.toArray();
    const passages = this.unsortedPassages.toArray();
    sortPairs(hashes, passages);
    this.runs.push({ hashes, passages });
    this.unsortedHashes.length = 0;
    this.unsortedPassages.length = 0;
    while (this.runs.length >= 2) {
      const last = this.runs.at(-1)!;
      const before = this.runs.at(-2)!;
      if (before.hashes.length > 2 * last.hashes.length) break;
      this.runs.splice(-2, 2, mergeRuns(before, last));
    }
  }

  /** Forgets every passage of these articles (one rebuild of the postings for all of them). */
  removeArticles(articles: ReadonlySet<number>): void {
    let removed = 0;
    for (let p = 0; p < this.count; p++) {
      if (this.alive[p] === 1 && articles.has(this.articleOf.get(p))) {
        this.alive[p] = 0;
        removed++;
      }
    }
    if (removed === 0) return;
    this.live -= removed;
    for (const article of articles) {
      if (article < this.articlePassages.length && this.articlePassages[article]! > 0) {
        this.articlePassages[article] = 0;
        this.liveArticles--;
      }
    }
    this.weights.clear();
    this.passageWeights.clear();
    this.sort();
  }

  /** Doubles the sampling rate until the index is within its budget, keeping each passage's sample. */
  private resample(): void {
    while (this.shingles.length > this.maxShingles) {
      this.rate *= 2;
      const kept = new GrowableUint32(this.shingles.length / 2 + 16);
      for (let p = 0; p < this.count; p++) {
        const from = this.shingleStart.get(p);
        const to = this.shingleStart.get(p + 1);
        this.shingleStart.set(p, kept.length);
        for (let i = from; i < to; i++) {
          const hash = this.shingles.get(i);
          if (this.keeps(hash)) kept.push(hash);
        }
      }
      this.shingleStart.set(this.count, kept.length);
      this.shingles = kept;
    }
    this.sort();
  }

  /** Rebuilds the sorted posting list (and the term postings) from the live passages' lists. */
  private sort(): void {
    for (const postings of this.termPostings) postings.length = 0;
    for (let p = 0; p < this.count; p++) {
      if (this.alive[p] !== 1) continue;
      for (const term of this.termsOf(p)) this.termPostings[term]!.push(p);
    }
    let total = 0;
    for (let p = 0; p < this.count; p++)
      if (this.alive[p] === 1) total += this.shingleStart.get(p + 1) - this.shingleStart.get(p);
    const hashes = new Uint32Array(total);
    const passages = new Uint32Array(total);
    let at = 0;
    const all = this.shingles.view();
    for (let p = 0; p < this.count; p++) {
      if (this.alive[p] !== 1) continue;
      const from = this.shingleStart.get(p);
      const to = this.shingleStart.get(p + 1);
      hashes.set(all.subarray(from, to), at);
      passages.fill(p, at, at + to - from);
      at += to - from;
    }
    sortPairs(hashes, passages);
    this.runs = [{ hashes, passages }];
    this.unsortedHashes.length = 0;
    this.unsortedPassages.length = 0;
    this.weights.clear();
  }

  /** Calls back for each passage holding a hash; returns how many hold it. */
  private postings(hash: number, each?: (passage: number) => void): number {
    let count = 0;
    for (const run of this.runs) {
      const from = lowerBound(run.hashes, hash);
      let to = from;
      while (to < run.hashes.length && run.hashes[to] === hash) to++;
      if (each) for (let k = from; k < to; k++) each(run.passages[k]!);
      count += to - from;
    }
    return count;
  }

  /** Articles in the corpus. */
  private get articles(): number {
    return this.liveArticles;
  }

  private countPassage(article: number): void {
    if (article >= this.articlePassages.length) {
      const grown = new Uint32Array(Math.max(article + 1, this.articlePassages.length * 2));
      grown.set(this.articlePassages);
      this.articlePassages = grown;
    }
    if (this.articlePassages[article]!++ === 0) this.liveArticles++;
  }

  /** Most articles a shingle may be found in and still be evidence (COMMON_ARTICLE_SHARE). */
  private get maxArticles(): number {
    return Math.max(2, Math.floor(PASSAGE_THRESHOLDS.commonArticleShare * this.articles));
  }

  /** Distinct live articles among passages. */
  private articleCount(passages: (each: (passage: number) => void) => void): number {
    const seen = new Set<number>();
    passages((p) => {
      if (this.alive[p] === 1) seen.add(this.articleOf.get(p));
    });
    return seen.size;
  }

  /**
   * A shingle's weight: how rare it is among articles (not passages: a sentence that every report
   * has once is as common as a slogan). Common shingles weigh nothing.
   */
  private shingleWeight(hash: number): number {
    let weight = this.weights.get(hash);
    if (weight === undefined) {
      const df = this.articleCount((each) => this.postings(hash, each));
      weight = df > this.maxArticles ? 0 : Math.log(1 + this.articles / Math.max(1, df));
      this.weights.set(hash, weight);
    }
    return weight;
  }

  private shinglesOf(passage: number): Uint32Array {
    return this.shingles
      .view()
      .subarray(this.shingleStart.get(passage), this.shingleStart.get(passage + 1));
  }

  private termsOf(passage: number): Uint32Array {
    return this.termList
      .view()
      .subarray(this.termStart.get(passage), this.termStart.get(passage + 1));
  }

  private passageWeight(passage: number): number {
    let weight = this.passageWeights.get(passage);
    if (weight === undefined) {
      weight = this.textWeight(this.shinglesOf(passage));
      this.passageWeights.set(passage, weight);
    }
    return weight;
  }

  /** Articles with the term. */
  private termDf(term: number): number {
    const postings = this.termPostings[term];
    if (!postings) return 0;
    return this.articleCount((each) => {
      for (const p of postings.view()) each(p);
    });
  }

  private termWeight(term: number): number {
    return Math.log(1 + this.articles / Math.max(1, this.termDf(term)));
  }

  private isDistinctive(term: number): boolean {
    const df = this.termDf(term);
    const most = Math.max(
      PASSAGE_THRESHOLDS.distinctiveTermArticles,
      Math.floor(PASSAGE_THRESHOLDS.distinctiveTermShare * this.articles),
    );
    return df > 1 && df <= most;
  }

  private textWeight(shingles: Uint32Array): number {
    let sum = 0;
    for (const hash of shingles) sum += this.shingleWeight(hash);
    return sum;
  }

  /**
   * Computes passage weights ahead of queries (a first query after a worker start or a corpus
   * change otherwise computes them all: ~1 s for the 2026 reports), for about `budgetMs`, from
   * passage `from` on. Returns the passage to go on from, or -1 once every live passage has its.
   */
  warmWeights(from: number, budgetMs: number): number {
    this.flush(); // weights count postings in sorted runs only
    const until = performance.now() + budgetMs;
    for (let p = from; p < this.count; p++) {
      if (this.alive[p] === 1) this.passageWeight(p);
      if ((p & 31) === 31 && performance.now() > until) return p + 1;
    }
    return -1;
  }

  /**
   * Corpus passages parallel to the given one, in no particular order (callers rank and cut).
   * `evidence` says how many of the rare shingles a candidate shares count as evidence (the
   * caller has the text, and reads them as runs: exhortation.ts); unsampled indexes only, as a
   * sample breaks the runs.
   */
  query(
    allShingles: Uint32Array,
    terms: readonly string[],
    excludeArticle?: number,
    evidence?: (shared: ReadonlySet<number>) => number,
    heading: Uint32Array = new Uint32Array(0),
  ): PassageHit[] {
    this.flush(); // postings only look in sorted runs
    const shingles = this.sample(allShingles);
    const candidates = new Set<number>();
    const propose = (p: number): void => {
      if (this.alive[p] === 1) candidates.add(p);
    };
    // Common shingles (in many articles) neither weigh nor propose.
    for (const hash of shingles) {
      if (this.shingleWeight(hash) > 0) this.postings(hash, propose);
    }
    const distinctive: number[] = [];
    for (const term of terms) {
      const number = this.termNumbers.get(term);
      if (number !== undefined && (this.namesLine(term) || this.isDistinctive(number)))
        distinctive.push(number);
    }
    for (const term of distinctive) {
      for (const p of this.termPostings[term]!.view()) propose(p);
    }
    for (const hash of heading) this.headings.passagesWith(hash, propose);

    const ownWeight = this.textWeight(shingles);
    // Two terms found in only a couple of articles each are as much as term evidence can say.
    const termSaturation = 2 * Math.log(1 + this.articles / 2);
    // With a sample, a run of shared text holds proportionally fewer shared (sampled) shingles.
    const minShared =
      this.rate === 1
        ? PASSAGE_THRESHOLDS.minSharedShingles
        : Math.max(2, Math.ceil(PASSAGE_THRESHOLDS.minSharedShingles / this.rate));
    const hits: PassageHit[] = [];
    for (const candidate of candidates) {
      const article = this.articleOf.get(candidate);
      if (article === excludeArticle) continue;
      const other = this.shinglesOf(candidate);
      let sharedCount = 0;
      let sharedCommon = 0;
      let sharedWeight = 0;
      const sharedRare = evidence && this.rate === 1 ? new Set<number>() : undefined;
      let i = 0;
      let j = 0;
      while (i < shingles.length && j < other.length) {
        const x = shingles[i]!;
        const y = other[j]!;
        if (x === y) {
          const weight = this.shingleWeight(x);
          if (weight > 0) {
            sharedCount++;
            sharedRare?.add(x);
          } else sharedCommon++;
          sharedWeight += weight;
          i++;
          j++;
        } else if (x < y) i++;
        else j++;
      }
      const textScore =
        sharedWeight / Math.max(1e-9, Math.min(ownWeight, this.passageWeight(candidate)));
      const otherTerms = this.termsOf(candidate);
      let termWeightSum = 0;
      let sharedTerms = 0;
      for (const term of distinctive) {
        if (otherTerms.includes(term)) {
          sharedTerms++;
          termWeightSum += this.termWeight(term);
        }
      }
      const termScore = termWeightSum / termSaturation;
      const headingShare =
        heading.length > 0 ? sharedHeading(heading, this.headings.of(candidate)) : 0;
      const score = Math.min(
        1,
        textScore +
          (PASSAGE_THRESHOLDS.termBonus * Math.min(1, termScore) +
            PASSAGE_THRESHOLDS.headingBonus * headingShare) *
            (1 - textScore),
      );
      // Two paragraphs built on the same central template (the general requirements, the closing
      // rally) share mostly common wording, and their rare shingles are the template's local
      // fill-ins: rare text is evidence only where it outweighs the common text around it.
      // Rare text is evidence where it is a line, not a stock phrase of exhortation: a formula
      // found in a few articles (把人民放在心中最高位置) is as rare as a reused measure.
      const counted = sharedRare && sharedCount >= minShared ? evidence!(sharedRare) : sharedCount;
      const rareText =
        counted >= minShared && sharedCount * PASSAGE_THRESHOLDS.commonPerRare >= sharedCommon;
      const enoughEvidence = rareText || sharedTerms > 0 || headingShare > 0;
      if (enoughEvidence && score >= PASSAGE_THRESHOLDS.minScore) {
        hits.push({
          article,
          ordinal: this.ordinalOf.get(candidate),
          score: Math.round(score * 1000) / 1000,
          sharedShingles: sharedCount,
          sharedTerms,
          sameHeading: headingShare > 0,
        });
      }
    }
    return hits;
  }

  snapshot(): PassageIndexSnapshot {
    // One sorted run to store: what the runs and recent postings hold, merged.
    if (this.runs.length !== 1 || this.unsortedCount > 0) this.sort();
    const run = this.runs[0] ?? { hashes: new Uint32Array(0), passages: new Uint32Array(0) };
    return {
      postingHashes: run.hashes.slice(),
      postingPassages: run.passages.slice(),
      rate: this.rate,
      article: this.articleOf.toArray(),
      ordinal: this.ordinalOf.toArray(),
      alive: this.alive.slice(0, this.count),
      shingleStart: this.shingleStart.toArray(),
      shingles: this.shingles.toArray(),
      termStart: this.termStart.toArray(),
      terms: this.termList.toArray(),
      termNames: [...this.termNames],
      headings: this.headings.snapshot(),
    };
  }

  static fromSnapshot(
    snapshot: PassageIndexSnapshot,
    maxShingles = MAX_INDEXED_SHINGLES,
    namesLine: (term: string) => boolean = () => false,
  ): PassageIndex {
    const index = new PassageIndex(maxShingles, namesLine);
    index.rate = snapshot.rate;
    // The stored arrays are this index's own from now on: adopted, not copied.
    index.articleOf = GrowableUint32.adopt(snapshot.article);
    index.ordinalOf = GrowableUint32.adopt(snapshot.ordinal);
    index.alive = new Uint8Array(Math.max(64, snapshot.alive.length));
    index.alive.set(snapshot.alive);
    for (let p = 0; p < snapshot.alive.length; p++) {
      if (snapshot.alive[p] !== 1) continue;
      index.live++;
      index.countPassage(snapshot.article[p]!);
    }
    index.shingleStart = GrowableUint32.adopt(snapshot.shingleStart);
    index.shingles = GrowableUint32.adopt(snapshot.shingles);
    index.termStart = GrowableUint32.adopt(snapshot.termStart);
    index.termList = GrowableUint32.adopt(snapshot.terms);
    index.headings = HeadingPostings.fromSnapshot(snapshot.headings);
    for (const name of snapshot.termNames) index.termNumber(name);
    for (let p = 0; p < index.count; p++) {
      if (index.alive[p] !== 1) continue;
      for (const term of index.termsOf(p)) index.termPostings[term]!.push(p);
    }
    index.runs = [{ hashes: snapshot.postingHashes, passages: snapshot.postingPassages }];
    return index;
  }
}
