import type { BundleArticle, PassageLink } from './bundle';
import type { GlossaryEntry } from './glossary/glossary';

// What the reader is shown of the corpus: the domain's own shapes, apart from the wire format
// (lib/messaging) that carries them and the database (lib/db) that stores their parts.

export interface ArticleSummary {
  id: string;
  source: string;
  title: string;
  lang: BundleArticle['lang'];
  origin: 'bundle' | 'user';
  url?: string;
  chars: number;
  passages: number;
}

export interface TermOccurrence {
  articleId: string;
  title: string;
  passageId: string;
  snippet: string;
}

export interface TermCard {
  /** The entry, its Chinese definition in `script`. */
  entry: GlossaryEntry;
  /** The script the card's Chinese is written in (the page's, as the reader sees it). */
  script: 'simplified' | 'traditional';
  /** The headword in that script. */
  headword: string;
  related: { id: string; headword: string }[];
  occurrences: TermOccurrence[];
}

export interface ImportStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  corpusVersion?: string;
  errors: string[];
}

export interface ArticleView {
  article: BundleArticle;
  origin: 'bundle' | 'user';
  /** Term hits in the article text (offsets into article.text). */
  terms: { termId: string; start: number; end: number }[];
  links: PassageLink[];
}

export interface PassageView {
  passageId: string;
  articleId: string;
  title: string;
  source: string;
  text: string;
}

/** The tag every Wenmai backup file carries in its "format" field. */
export const BACKUP_FORMAT = 'wenmai-backup';
