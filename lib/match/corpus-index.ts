import { stopShinglesFrom, type ArticleFeatures } from './article-features';
import type { BundleArticle, CorpusBundle } from '../bundle';
import { compactForMatch } from '../normalise/fold-script';
import type { GlossaryEntry, TermCategory } from '../glossary/glossary';
import { termForms } from '../glossary/term-forms';
import { buildTermMatcher, matchTerms, type TermMatcher } from './match-terms';
import {
  MAX_INDEXED_SHINGLES,
  PASSAGE_THRESHOLDS,
  PassageIndex,
  type IndexedPassage,
  type PassageIndexSnapshot,
} from './passage-index';
import { shingleHashes } from './shingles';
import {
  EXHORTATION,
  exhortationModel,
  sharedEvidence,
  type ExhortationModel,
} from './exhortation';
import { headingHashes } from './heading-line';
import {
  SimilarityIndex,
  type SimilarArticle,
  type SimilarityIndexSnapshot,
} from './similarity-index';
import { hashRange } from './hash';
import { ArticleCatalog, type ArticleCatalogSnapshot } from './article-catalog';
import {
  MAX_LINE_PASSAGES,
  type ArticleSummary,
  type PolicyLineArticle,
  type PolicyLineView,
} from '../views';
import { articleMeta, type ArticleMeta } from '../page-state';

/** Exact shingle sets kept in memory for verifying candidates (~4 KB each for a 1,000-character article). */
const MAX_CACHED_SHINGLE_SETS = 512;
/**
 * Largest passage index whose weights are computed ahead of queries: a few hundred long articles
 * (the 2026 reports hold ~0.4 M shingles). Past it, caching every weight would hold tens of MB.
 */
const MAX_WARMED_SHINGLES = 1_000_000;
/** Articles whose passage shingles are kept (a page's sources, asked again on every load). */
const MAX_CACHED_PASSAGE_SETS = 8;

export interface PassageFeatures {
  shingles: Uint32Array;
  /** Distinct glossary terms the passage names in quotation marks. */
  terms: string[];
  /** Runs of the task heading the passage opens with, if it does (heading-line.ts). */
  heading: Uint32Array;
}

/**
 * Changes when passageFeatures does, so that a stored index built the old way is rebuilt
 * (2: only quoted terms, 2026-11; 3: a term whose match starts in quotes, 2026-12; 4: task
 * headings, 2026-12).
 */
const PASSAGE_FEATURES_VERSION = 'p4';

/**
 * Glossary categories whose terms name a specific line (“高效办成一件事”, “人工智能+”, “千万工程”):
 * quoted, they link passages however common they are. Slogans, formulas and concepts (“两个维护”,
 * “十五五”) are quoted as often and say nothing about which line a passage carries.
 */
const NAMED_LINE_CATEGORIES: ReadonlySet<TermCategory> = new Set([
  'programme',
  'policy',
  'local-brand',
]);

/** Quoted spans (“…”, 「…」, 『…』, "…") of at most this many characters name a formula or programme. */
const MAX_QUOTED = 30;
const QUOTED = new RegExp(`[“「『"]([^“”「」『』"\n]{1,${MAX_QUOTED}})[”」』"]`, 'g');

/**
 * Shingles of one passage, and the glossary terms it names in quotation marks. A term in quotes
 * is the text's own marker of a named line (“小马拉大车”, “三个区分开来”): the same named line in
 * two passages is a parallel even when they share no sentence; a term merely used (干事创业,
 * 年轻干部) is not.
 */
export function passageFeatures(
  text: string,
  matcher: TermMatcher,
  /** Terms that name no line in a heading: the glossary's formulas, slogans and concepts. */
  exhorting: ReadonlySet<string> = new Set(),
): PassageFeatures {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(QUOTED))
    spans.push([match.index + 1, match.index + match[0].length - 1]);
  // A match may run on past the closing quote: “人工智能+”行动 is the form 人工智能+行动.
  const quoted = (start: number) => spans.some(([s, e]) => start >= s && start < e);
  const terms = new Set<string>();
  if (spans.length > 0)
    for (const hit of matchTerms(text, matcher)) if (quoted(hit.start)) terms.add(hit.termId);
  return {
    shingles: shingleHashes(compactForMatch(text)),
    terms: [...terms],
    heading: headingHashes(text, (heading) =>
      matchTerms(heading, matcher).flatMap((hit) =>
        exhorting.has(hit.termId) ? [] : [[hit.start, hit.end] as const],
      ),
    ),
  };
}

/** The stop shingles of a corpus: its boilerplate phrases and every glossary form. */
export function corpusStopShingles(
  stopPhrases: readonly string[],
  glossary: readonly GlossaryEntry[],
): Set<number> {
  return stopShinglesFrom([...stopPhrases, ...glossary.flatMap(termForms)]);
}

/** The glossary as matching needs it: entries, the term matcher and the stop shingles. */
export interface MatchingGlossary {
  readonly entries: readonly GlossaryEntry[];
  readonly matcher: TermMatcher;
  readonly stop: ReadonlySet<number>;
  /** Changes whenever anything the corpus index derives from the glossary changes. */
  readonly key: string;
}

export function matchingGlossary(
  entries: readonly GlossaryEntry[],
  stopPhrases: readonly string[],
): MatchingGlossary {
  // Blocked words and only-in phrases change what matches, so they are part of the key.
  const forms = entries
    .map(
      (entry) =>
        `${entry.id}=${termForms(entry).join('|')}!${(entry.blockedIn ?? []).join('|')}` +
        (entry.onlyIn?.length ? `?${entry.onlyIn.join('|')}` : ''),
    )
    .sort();
  const text = [...forms, '--', ...stopPhrases].join('\n');
  return {
    entries,
    matcher: buildTermMatcher(entries),
    stop: corpusStopShingles(stopPhrases, entries),
    key: `${PASSAGE_FEATURES_VERSION}-${entries.length}-${text.length}-${hashRange(text, 0, text.length).toString(36)}`,
  };
}

/** What the index adds of an article: its features, its passages, and what its list row shows. */
export type IndexableArticle = Pick<
  BundleArticle,
  | 'id'
  | 'title'
  | 'source'
  | 'url'
  | 'lang'
  | 'meta'
  | 'text'
  | 'passages'
  | 'signature'
  | 'shingleCount'
  | 'terms'
> & { origin?: 'bundle' | 'user' };

/** An article as readers of the corpus see it. */
export type CorpusArticle = Pick<
  BundleArticle,
  'id' | 'title' | 'source' | 'url' | 'text' | 'passages' | 'terms' | 'meta'
>;

/** Where the article texts are: in memory (the CLI), or in IndexedDB (the background). */
export interface CorpusTexts {
  /** The articles with these ids; ids not in the corpus are left out. */
  articles(ids: readonly string[]): Promise<Map<string, CorpusArticle>>;
  /** Up to `limit` articles whose text has the term. */
  withTerm(termId: string, limit: number): Promise<CorpusArticle[]>;
}

/** Texts held in memory: the bundle's articles, for the CLI, the build and tests. */
export class MemoryTexts implements CorpusTexts {
  readonly byId = new Map<string, CorpusArticle>();

  async articles(ids: readonly string[]): Promise<Map<string, CorpusArticle>> {
    const found = new Map<string, CorpusArticle>();
    for (const id of ids) {
      const article = this.byId.get(id);
      if (article) found.set(id, article);
    }
    return found;
  }

  async withTerm(termId: string, limit: number): Promise<CorpusArticle[]> {
    const found: CorpusArticle[] = [];
    for (const article of this.byId.values()) {
      if (found.length >= limit) break;
      if (article.terms[termId]) found.push(article);
    }
    return found;
  }
}

export interface PassageMatch {
  passageId: string;
  articleId: string;
  score: number;
}

export interface CorpusPassage extends ArticleMeta {
  passageId: string;
  articleId: string;
  title: string;
  source: string;
  text: string;
}

export interface TermOccurrence {
  articleId: string;
  title: string;
  passageId: string;
  /** The passage's text and where the term is in it. */
  text: string;
  start: number;
  end: number;
}

/** A corpus index as stored: both indexes, and the glossary they were built with. */
/** An article as a policy line names it: from the catalog, else from the passage read. */
function describe(
  articleId: string,
  info: ReadonlyMap<string, ArticleSummary>,
  fallback: { title: string; source: string },
): Omit<PolicyLineArticle, 'passages'> {
  const summary = info.get(articleId);
  return {
    articleId,
    title: summary?.title || fallback.title,
    source: summary?.source ?? fallback.source,
    ...articleMeta(summary),
  };
}

/** A page passage and a passage of its source sharing this much of the smaller one are the same passage. */
export const SOURCE_PASSAGE_SHARE = 0.5;
/** Passages shorter than this (in shingles: ~a dozen characters) are headings, not evidence. */
const MIN_SOURCE_SHINGLES = 8;

export interface CorpusIndexSnapshot {
  glossaryKey: string;
  similarity: SimilarityIndexSnapshot;
  passages: PassageIndexSnapshot;
  catalog: ArticleCatalogSnapshot;
}

/** A passage's number within its article, from its id (`<article>#p<n>`). */
export function passageOrdinal(passageId: string): number {
  const match = /#p(\d+)$/.exec(passageId);
  return match ? Number(match[1]) : -1;
}

export const passageIdOf = (articleId: string, ordinal: number): string =>
  `${articleId}#p${ordinal}`;

/**
 * The corpus, ready to answer: which articles is a text like, and which corpus passages parallel
 * each of its passages. It holds only numbers (signatures, term sets, shingles of passages);
 * texts are read from `texts` when an answer needs them. The CLI builds it from the bundle; the
 * background keeps it in IndexedDB (lib/db/corpus-store.ts) and updates it article by article.
 */
export class CorpusIndex {
  readonly glossary: readonly GlossaryEntry[];
  readonly matcher: TermMatcher;
  readonly stop: ReadonlySet<number>;
  readonly glossaryKey: string;
  private readonly similarity: SimilarityIndex;
  private readonly passageIndex: PassageIndex;
  private readonly exactShingles = new Map<string, Uint32Array>();
  private readonly passageShingleSets = new Map<
    string,
    { articleId: string; passageId: string; shingles: Uint32Array }[]
  >();
  /** The corpus as a list (titles, sources, dates, places), for the options page and the browser. */
  readonly catalog: ArticleCatalog;
  /** exhortationModel of the glossary: which shared runs are stock phrases. */
  private readonly exhortation: ExhortationModel;
  /**
   * The glossary's formulas, slogans and concepts: quoted (“两个维护”), they are exhortation as
   * much as unquoted, and link nothing however few articles quote them.
   */
  private readonly exhorting: ReadonlySet<string>;

  constructor(
    glossary: MatchingGlossary,
    readonly texts: CorpusTexts,
    snapshot?: CorpusIndexSnapshot,
    /** The passage index's memory budget, in shingles (past it, it samples). */
    maxIndexedShingles = MAX_INDEXED_SHINGLES,
  ) {
    this.glossary = glossary.entries;
    this.matcher = glossary.matcher;
    this.stop = glossary.stop;
    this.glossaryKey = glossary.key;
    this.exhortation = exhortationModel(glossary.entries);
    const usable = snapshot && snapshot.glossaryKey === glossary.key;
    this.similarity = usable
      ? SimilarityIndex.fromSnapshot(snapshot.similarity)
      : new SimilarityIndex();
    const lines = new Set(
      glossary.entries.filter((e) => NAMED_LINE_CATEGORIES.has(e.category)).map((e) => e.id),
    );
    const namesLine = (term: string) => lines.has(term);
    this.exhorting = new Set(
      glossary.entries.filter((e) => EXHORTATION.has(e.category)).map((e) => e.id),
    );
    this.passageIndex = usable
      ? PassageIndex.fromSnapshot(snapshot.passages, maxIndexedShingles, namesLine)
      : new PassageIndex(maxIndexedShingles, namesLine);
    this.catalog = usable ? ArticleCatalog.fromSnapshot(snapshot.catalog) : new ArticleCatalog();
  }

  /** An in-memory index of a bundle's articles (and more), texts included. */
  static fromBundle(
    bundle: CorpusBundle,
    extra: readonly BundleArticle[] = [],
    maxIndexedShingles = MAX_INDEXED_SHINGLES,
  ): CorpusIndex {
    const texts = new MemoryTexts();
    const index = new CorpusIndex(
      matchingGlossary(bundle.glossary, bundle.stopPhrases),
      texts,
      undefined,
      maxIndexedShingles,
    );
    const articles = [...bundle.articles, ...extra];
    for (const article of articles) texts.byId.set(article.id, article);
    index.addArticles(articles);
    return index;
  }

  get size(): number {
    return this.similarity.size;
  }

  /** Passage-index sampling (1: every shingle indexed). */
  get passageSamplingRate(): number {
    return this.passageIndex.samplingRate;
  }

  has(articleId: string): boolean {
    return this.similarity.has(articleId);
  }

  /** Adds an article (an id already indexed is replaced). */
  addArticle(article: IndexableArticle): void {
    this.addArticles([article]);
  }

  /**
   * Adds articles (ids already indexed are replaced; of one id given twice, the last counts),
   * sorting their passages' postings once for all of them (PassageIndex.addAll).
   */
  addArticles(articles: readonly IndexableArticle[]): void {
    const byId = new Map(articles.map((article) => [article.id, article]));
    this.removeArticles([...byId.keys()].filter((id) => this.similarity.has(id)));
    const passages: IndexedPassage[] = [];
    for (const article of byId.values()) {
      this.similarity.add(article.id, {
        signature: Uint32Array.from(article.signature),
        shingleCount: article.shingleCount,
        terms: article.terms,
      });
      this.catalog.add(article);
      const slot = this.similarity.slotOf(article.id)!;
      article.passages.forEach((passage, i) => {
        const ordinal = passageOrdinal(passage.id);
        passages.push({
          article: slot,
          ordinal: ordinal >= 0 ? ordinal : i,
          ...passageFeatures(
            article.text.slice(passage.start, passage.end),
            this.matcher,
            this.exhorting,
          ),
        });
      });
    }
    this.passageIndex.addAll(passages);
  }

  removeArticles(ids: readonly string[]): void {
    const slots = new Set<number>();
    for (const id of ids) {
      const slot = this.similarity.slotOf(id);
      if (slot !== undefined) slots.add(slot);
      this.exactShingles.delete(id);
      this.passageShingleSets.delete(id);
    }
    if (slots.size === 0) return;
    this.catalog.remove(ids);
    this.similarity.remove(ids);
    this.passageIndex.removeArticles(slots);
  }

  /** Does now the work the first query would otherwise do (the signature position index). */
  warm(): void {
    this.similarity.warm();
  }

  /**
   * Computes passage weights the first passage query would otherwise compute, for about
   * `budgetMs` from passage `from` on; returns where to go on, or -1 when done (or when the index
   * is too large for every weight to be kept: see MAX_WARMED_SHINGLES).
   */
  warmPassages(from: number, budgetMs: number): number {
    if (this.passageIndex.indexedShingles > MAX_WARMED_SHINGLES) return -1;
    return this.passageIndex.warmWeights(from, budgetMs);
  }

  /** Ids of the indexed articles. */
  articleIds(): string[] {
    return this.similarity.liveIds();
  }

  snapshot(): CorpusIndexSnapshot {
    return {
      glossaryKey: this.glossaryKey,
      similarity: this.similarity.snapshot(),
      passages: this.passageIndex.snapshot(),
      catalog: this.catalog.snapshot(),
    };
  }

  /** Exact shingle sets of these articles, computed from their texts (a few cached). */
  private async shingleSets(ids: readonly string[]): Promise<Map<string, Uint32Array>> {
    const sets = new Map<string, Uint32Array>();
    const missing = ids.filter((id) => {
      const cached = this.exactShingles.get(id);
      if (cached) sets.set(id, cached);
      return !cached;
    });
    for (const [id, article] of await this.texts.articles(missing)) {
      const shingles = shingleHashes(compactForMatch(article.text), this.stop);
      sets.set(id, shingles);
      // Bounded: a large corpus keeps only the most recently needed sets.
      if (this.exactShingles.size >= MAX_CACHED_SHINGLE_SETS)
        this.exactShingles.delete(this.exactShingles.keys().next().value!);
      this.exactShingles.set(id, shingles);
    }
    return sets;
  }

  /**
   * Corpus articles like the given features, best first. `extra` proposes more candidates (the
   * articles of parallel passages find excerpts too short for signatures to agree on).
   */
  async similar(
    features: ArticleFeatures,
    excludeArticle?: string,
    extra: readonly string[] = [],
  ): Promise<SimilarArticle[]> {
    const options = { ...(excludeArticle ? { exclude: excludeArticle } : {}), extra };
    const { verify, answer } = this.similarity.search(features, options);
    const exact = await this.shingleSets(verify);
    return answer((id) => exact.get(id));
  }

  /** For each passage text, the parallel corpus passages, best first. */
  parallels(
    passages: readonly string[],
    excludeArticle?: string,
    limit: number = PASSAGE_THRESHOLDS.limit,
  ): PassageMatch[][] {
    const exclude = excludeArticle ? this.similarity.slotOf(excludeArticle) : undefined;
    return passages.map((text) => {
      const { shingles, terms, heading } = passageFeatures(text, this.matcher, this.exhorting);
      const evidence = sharedEvidence(text, this.exhortation);
      const named = terms.filter((term) => !this.exhorting.has(term));
      return this.passageIndex
        .query(shingles, named, exclude, evidence, heading)
        .map((hit) => {
          const articleId = this.similarity.idOf(hit.article);
          return { articleId, passageId: passageIdOf(articleId, hit.ordinal), score: hit.score };
        })
        .sort((a, b) => b.score - a.score || (a.passageId < b.passageId ? -1 : 1))
        .slice(0, limit);
    });
  }

  /**
   * Parallels of page passages within a few given articles (the page's duplicates and sources),
   * counted exactly on their texts: where a large corpus makes the passage index sample, a
   * copied or excerpted passage still links to its source. A pair counts when at least
   * SOURCE_PASSAGE_SHARE of the smaller passage's shingles are shared; its score is that share.
   */
  async parallelsWithin(
    passages: readonly string[],
    articleIds: readonly string[],
  ): Promise<PassageMatch[][]> {
    const theirs = await this.passageShingles(articleIds);
    // Which of their passages hold each hash: a page passage then meets only the passages it
    // shares a shingle with (a whole report against its copy: 200 × 200 pairs merged before).
    const holders = new Map<number, number[]>();
    theirs.forEach(({ shingles }, k) => {
      if (shingles.length < MIN_SOURCE_SHINGLES) return;
      for (const hash of shingles) {
        const list = holders.get(hash);
        if (list) list.push(k);
        else holders.set(hash, [k]);
      }
    });
    const shared = new Uint32Array(theirs.length);
    return passages.map((text) => {
      const ours = shingleHashes(compactForMatch(text));
      if (ours.length < MIN_SOURCE_SHINGLES) return [];
      const met: number[] = [];
      for (const hash of ours)
        for (const k of holders.get(hash) ?? []) {
          const before = shared[k]!;
          shared[k] = before + 1;
          if (before === 0) met.push(k);
        }
      const found: PassageMatch[] = [];
      for (const k of met.sort((a, b) => a - b)) {
        const { articleId, passageId, shingles } = theirs[k]!;
        const score = shared[k]! / Math.min(ours.length, shingles.length);
        shared[k] = 0;
        if (score >= SOURCE_PASSAGE_SHARE) found.push({ articleId, passageId, score });
      }
      return found;
    });
  }

  /** The shingles of each passage of these articles, in order (the last few articles' kept). */
  private async passageShingles(
    articleIds: readonly string[],
  ): Promise<{ articleId: string; passageId: string; shingles: Uint32Array }[]> {
    const missing = articleIds.filter((id) => !this.passageShingleSets.has(id));
    for (const [id, article] of await this.texts.articles(missing)) {
      const sets = article.passages.map((p) => ({
        articleId: article.id,
        passageId: p.id,
        shingles: shingleHashes(compactForMatch(article.text.slice(p.start, p.end))),
      }));
      if (this.passageShingleSets.size >= MAX_CACHED_PASSAGE_SETS)
        this.passageShingleSets.delete(this.passageShingleSets.keys().next().value!);
      this.passageShingleSets.set(id, sets);
    }
    return [...new Set(articleIds)].flatMap((id) => this.passageShingleSets.get(id) ?? []);
  }

  /** Passages with their text and article, in the order asked (unknown ids left out). */
  async passages(passageIds: readonly string[]): Promise<CorpusPassage[]> {
    const articleIds = [...new Set(passageIds.map((id) => id.slice(0, id.lastIndexOf('#'))))];
    const articles = await this.texts.articles(articleIds);
    return passageIds.flatMap((passageId) => {
      const articleId = passageId.slice(0, passageId.lastIndexOf('#'));
      const article = articles.get(articleId);
      const passage = article?.passages.find((p) => p.id === passageId);
      if (!article || !passage) return [];
      const text = article.text.slice(passage.start, passage.end);
      const meta = articleMeta(this.catalog.get(articleId));
      return [
        { passageId, articleId, title: article.title, source: article.source, text, ...meta },
      ];
    });
  }

  /**
   * A policy line: every parallel of one corpus passage across the corpus (other articles only),
   * grouped by article, oldest first (undated last), each article's passages best first. Null
   * when the passage is not in the corpus.
   */
  async policyLine(passageId: string, limit = MAX_LINE_PASSAGES): Promise<PolicyLineView | null> {
    const [anchor] = await this.passages([passageId]);
    if (!anchor) return null;
    const matches = this.parallels([anchor.text], anchor.articleId, limit + 1)[0]!;
    const shown = matches.slice(0, limit);
    const texts = new Map(
      (await this.passages(shown.map((m) => m.passageId))).map((p) => [p.passageId, p]),
    );
    const info = this.articleInfo([anchor.articleId, ...shown.map((m) => m.articleId)]);
    const groups = new Map<string, PolicyLineArticle>();
    for (const match of shown) {
      const passage = texts.get(match.passageId);
      if (!passage) continue;
      let group = groups.get(match.articleId);
      if (!group) {
        group = { ...describe(match.articleId, info, passage), passages: [] };
        groups.set(match.articleId, group);
      }
      group.passages.push({ passageId: match.passageId, text: passage.text, score: match.score });
    }
    const best = (g: PolicyLineArticle) => g.passages[0]!.score;
    const articles = [...groups.values()].sort(
      (a, b) =>
        (a.date ? 0 : 1) - (b.date ? 0 : 1) ||
        (a.date ?? '').localeCompare(b.date ?? '') ||
        best(b) - best(a),
    );
    return {
      anchor: { ...describe(anchor.articleId, info, anchor), passageId, text: anchor.text },
      articles,
      truncated: matches.length > limit,
    };
  }

  /** Titles and sources of articles, for answers that name them (from the catalog, no read). */
  articleInfo(ids: readonly string[]): Map<string, ArticleSummary> {
    const found = new Map<string, ArticleSummary>();
    for (const id of ids) {
      const summary = this.catalog.get(id);
      if (summary) found.set(id, summary);
    }
    return found;
  }

  /** Where a term occurs in the corpus, passage by passage, at most `limit` occurrences. */
  async occurrencesOf(termId: string, limit: number): Promise<TermOccurrence[]> {
    const found: TermOccurrence[] = [];
    for (const article of await this.texts.withTerm(termId, limit)) {
      for (const passage of article.passages) {
        const text = article.text.slice(passage.start, passage.end);
        for (const hit of matchTerms(text, this.matcher)) {
          if (hit.termId !== termId) continue;
          found.push({
            articleId: article.id,
            title: article.title,
            passageId: passage.id,
            text,
            start: hit.start,
            end: hit.end,
          });
          if (found.length >= limit) return found;
        }
      }
    }
    return found;
  }
}
