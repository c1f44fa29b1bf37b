import type { BundleArticle, PassageLink } from './bundle';
import type { GlossaryEntry } from './glossary/glossary';
import type { ArticleMeta } from './page-state';
import type { TermTimeline } from './match/term-timeline';

// What the reader is shown of the corpus: the domain's own shapes, apart from the wire format
// (lib/messaging) that carries them and the database (lib/db) that stores their parts.

export interface ArticleSummary {
  id: string;
  source: string;
  title: string;
  lang: BundleArticle['lang'];
  origin: 'bundle' | 'user';
  url?: string;
  /** Publication date and place, where the source says. */
  date?: string;
  place?: string;
  /** The outlet or site that published it, where known. */
  outlet?: string;
  chars: number;
  passages: number;
}

/** What a list of the corpus asks for: a search in either script, filters, an order, a window. */
export interface ArticleListQuery {
  search?: string;
  /** Only articles holding this glossary term. */
  term?: string;
  origin?: 'bundle' | 'user';
  place?: string;
  outlet?: string;
  /** Dates as written (YYYY, YYYY-MM or YYYY-MM-DD); an article without a date is left out. */
  from?: string;
  to?: string;
  sort?: 'title' | 'date' | 'chars' | 'added';
  descending?: boolean;
  offset?: number;
  limit?: number;
}

/** A window of the corpus list, with what the whole list holds. */
export interface ArticleList {
  /** Articles in the corpus, and how many of them are the reader's. */
  total: number;
  userTotal: number;
  /** Articles matching the query; `rows` are those from `offset` on. */
  matching: number;
  offset: number;
  rows: ArticleSummary[];
  /** Places among the matching articles (before the place filter), most articles first. */
  places: { name: string; count: number }[];
  /** Outlets among the matching articles (before the outlet filter), most articles first. */
  outlets: { name: string; count: number }[];
  /** Years among the matching articles (before the date filter), latest first. */
  years: { name: string; count: number }[];
}

export interface TermOccurrence {
  articleId: string;
  title: string;
  passageId: string;
  snippet: string;
}

export type { TermTimeline } from './match/term-timeline';

export interface TermCard {
  /** The entry, its Chinese definition in `script`. */
  entry: GlossaryEntry;
  /** The script the card's Chinese is written in (the page's, as the reader sees it). */
  script: 'simplified' | 'traditional';
  /** The headword in that script. */
  headword: string;
  related: { id: string; headword: string }[];
  occurrences: TermOccurrence[];
  /** How many corpus articles hold the term, by date. */
  timeline: TermTimeline;
}

export interface ImportStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  corpusVersion?: string;
  errors: string[];
  /** The corpus index (lib/db/corpus-store.ts): loading, indexing (with progress) or ready. */
  index?: CorpusIndexStatus;
}

export interface CorpusIndexStatus {
  state: 'loading' | 'indexing' | 'ready';
  done: number;
  total: number;
  /** True when the index was read as stored (a worker start), false when it was built. */
  stored?: boolean;
  /** Why the last attempt to open the index failed (the next request tries again). */
  error?: string;
}

export interface ArticleView {
  article: BundleArticle;
  origin: 'bundle' | 'user';
  /** Term hits in the article text (offsets into article.text). */
  terms: { termId: string; start: number; end: number }[];
  links: PassageLink[];
}

export interface PassageView extends ArticleMeta {
  passageId: string;
  articleId: string;
  title: string;
  source: string;
  text: string;
}

/** A policy line lists at most this many passages (the best by score). */
export const MAX_LINE_PASSAGES = 200;

/** An article in a policy line, as its heading shows it. */
export interface PolicyLineArticle {
  articleId: string;
  title: string;
  source: string;
  outlet?: string;
  place?: string;
  date?: string;
  /** Its passages that parallel the anchor, best first; score as the parallel panel shows it. */
  passages: { passageId: string; text: string; score: number }[];
}

/** One policy line across the corpus: a passage and every parallel of it in other articles. */
export interface PolicyLineView {
  anchor: Omit<PolicyLineArticle, 'passages'> & { passageId: string; text: string };
  /** Oldest first; undated articles last. */
  articles: PolicyLineArticle[];
  /** More parallels exist than are listed (the best MAX_LINE_PASSAGES are). */
  truncated: boolean;
}

/** The tag every Wenmai backup file carries in its "format" field. */
export const BACKUP_FORMAT = 'wenmai-backup';
