import { stopShinglesFrom, type ArticleFeatures } from './article-features';
import type { BundleArticle, CorpusBundle } from '../bundle';
import { compactForMatch } from '../normalise/fold-script';
import type { GlossaryEntry } from '../glossary/glossary';
import { termForms } from '../glossary/term-forms';
import { buildTermMatcher, matchTerms, type TermMatcher } from './match-terms';
import { PassageIndex, type PassageMatch } from './passage-index';
import { shingleHashes } from './shingles';
import { SimilarityIndex, type SimilarArticle } from './similarity-index';

/** Exact shingle sets kept in memory for verifying candidates (~4 KB each for a 1,000-character article). */
const MAX_CACHED_SHINGLE_SETS = 2000;

export interface PassageFeatures {
  shingles: Uint32Array;
  terms: string[];
}

/** Shingles and distinct term ids of one passage. */
export function passageFeatures(text: string, matcher: TermMatcher): PassageFeatures {
  return {
    shingles: shingleHashes(compactForMatch(text)),
    terms: [...new Set(matchTerms(text, matcher).map((hit) => hit.termId))],
  };
}

/** The stop shingles of a corpus: its boilerplate phrases and every glossary form. */
export function corpusStopShingles(
  stopPhrases: readonly string[],
  glossary: readonly GlossaryEntry[],
): Set<number> {
  return stopShinglesFrom([...stopPhrases, ...glossary.flatMap(termForms)]);
}

/**
 * The corpus in memory, ready to answer: which articles is a text like, and which corpus passages
 * parallel each of its passages. The CLI builds it from the bundle; the background from IndexedDB.
 */
export class CorpusIndex {
  readonly matcher: TermMatcher;
  readonly stop: Set<number>;
  readonly glossary: readonly GlossaryEntry[];
  readonly articles = new Map<string, BundleArticle>();
  private readonly passageTexts = new Map<string, { articleId: string; text: string }>();
  private readonly exactShingles = new Map<string, Uint32Array>();
  private readonly similarity = new SimilarityIndex((articleId) => this.shinglesOf(articleId));
  private readonly passageIndex = new PassageIndex();

  constructor(glossary: readonly GlossaryEntry[], stopPhrases: readonly string[]) {
    this.glossary = glossary;
    this.matcher = buildTermMatcher(glossary);
    this.stop = corpusStopShingles(stopPhrases, glossary);
  }

  static fromBundle(bundle: CorpusBundle, extra: readonly BundleArticle[] = []): CorpusIndex {
    const index = new CorpusIndex(bundle.glossary, bundle.stopPhrases);
    for (const article of [...bundle.articles, ...extra]) index.addArticle(article);
    return index;
  }

  addArticle(article: BundleArticle): void {
    if (this.articles.has(article.id)) return;
    this.articles.set(article.id, article);
    this.occurrences = null;
    this.similarity.add(article.id, {
      signature: Uint32Array.from(article.signature),
      shingleCount: article.shingleCount,
      terms: article.terms,
    });
    for (const passage of article.passages) {
      const text = article.text.slice(passage.start, passage.end);
      this.passageTexts.set(passage.id, { articleId: article.id, text });
      this.passageIndex.add({
        passageId: passage.id,
        articleId: article.id,
        ...passageFeatures(text, this.matcher),
      });
    }
  }

  /** An article's exact shingle set, computed from its text the first time a query needs it. */
  private shinglesOf(articleId: string): Uint32Array | undefined {
    let shingles = this.exactShingles.get(articleId);
    if (!shingles) {
      const article = this.articles.get(articleId);
      if (!article) return undefined;
      shingles = shingleHashes(compactForMatch(article.text), this.stop);
      // Bounded: a large corpus keeps only the most recently needed sets.
      if (this.exactShingles.size >= MAX_CACHED_SHINGLE_SETS) {
        this.exactShingles.delete(this.exactShingles.keys().next().value!);
      }
      this.exactShingles.set(articleId, shingles);
    }
    return shingles;
  }

  private occurrences: Map<
    string,
    { articleId: string; passageId: string; start: number; end: number }[]
  > | null = null;

  /** Where a term occurs in the corpus: passage by passage, with the offsets in the passage text. */
  occurrencesOf(
    termId: string,
  ): { articleId: string; passageId: string; start: number; end: number }[] {
    if (!this.occurrences) {
      const all = new Map<
        string,
        { articleId: string; passageId: string; start: number; end: number }[]
      >();
      for (const [passageId, { articleId, text }] of this.passageTexts) {
        for (const hit of matchTerms(text, this.matcher)) {
          const list = all.get(hit.termId) ?? [];
          list.push({ articleId, passageId, start: hit.start, end: hit.end });
          all.set(hit.termId, list);
        }
      }
      this.occurrences = all;
    }
    return this.occurrences.get(termId) ?? [];
  }

  passageText(passageId: string): string | undefined {
    return this.passageTexts.get(passageId)?.text;
  }

  /** Corpus articles like the given features, best first. */
  similar(features: ArticleFeatures, excludeArticle?: string): SimilarArticle[] {
    return this.similarity.query(features, excludeArticle);
  }

  /** For each passage text, the parallel corpus passages, best first. */
  parallels(passages: readonly string[], excludeArticle?: string): PassageMatch[][] {
    return passages.map((text) => {
      const { shingles, terms } = passageFeatures(text, this.matcher);
      return this.passageIndex.query(shingles, terms, excludeArticle);
    });
  }
}
