import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { BundleArticle, PassageLink } from '../bundle';
import type { GlossaryEntry } from '../glossary/glossary';

/** Where a row came from: the shipped bundle (replaced on update) or the reader (never touched by imports). */
export type Origin = 'bundle' | 'user';

export type StoredArticle = BundleArticle & {
  origin: Origin;
  addedAt?: number;
  /** The ids of the terms the text has (indexed: which articles have a term). */
  termIds?: string[];
};
/** One row of the stored corpus index (lib/db/corpus-store.ts): its description, or a chunk. */
export interface StoredIndexRow {
  key: string;
  value: unknown;
}
export type StoredTerm = GlossaryEntry & { origin: Origin };
export type StoredLink = PassageLink;
export interface StoredSetting {
  key: string;
  value: unknown;
}

export const DB_NAME = 'wenmai';

/** Wenmai's IndexedDB database, owned by the background service worker. */
export class WenmaiDB extends Dexie {
  articles!: EntityTable<StoredArticle, 'id'>;
  glossary!: EntityTable<StoredTerm, 'id'>;
  passageLinks!: Dexie.Table<StoredLink, [string, string]>;
  settings!: EntityTable<StoredSetting, 'key'>;
  corpusIndex!: EntityTable<StoredIndexRow, 'key'>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    // Versions are append-only. A version with upgrade() is never removed.
    // v1 (2026-11-23): articles, glossary and settings.
    this.version(1).stores({ articles: 'id, source', glossary: 'id, headword', settings: 'key' });
    // v2 (2026-11-23): rows record their origin so bundle updates replace only bundle rows and keep
    // the reader's own articles and glossary edits; passage links get their own table.
    this.version(2)
      .stores({
        articles: 'id, source, origin, url',
        glossary: 'id, headword, origin',
        passageLinks: '[from+to], from, to',
        settings: 'key',
      })
      .upgrade(async (tx) => {
        await tx
          .table('articles')
          .toCollection()
          .modify((article: Partial<StoredArticle>) => {
            article.origin ??= article.id?.startsWith('u-') ? 'user' : 'bundle';
          });
        await tx
          .table('glossary')
          .toCollection()
          .modify((term: Partial<StoredTerm>) => {
            term.origin ??= 'bundle';
          });
      });
    // v3 (2026-11-30): the corpus index is stored (corpusIndex) instead of rebuilt on every
    // service-worker start; articles are indexed by their terms (term cards) and by when the
    // reader added them (what a stored index may have missed).
    this.version(3)
      .stores({
        articles: 'id, source, origin, url, *termIds, addedAt',
        glossary: 'id, headword, origin',
        passageLinks: '[from+to], from, to',
        settings: 'key',
        corpusIndex: 'key',
      })
      .upgrade(async (tx) => {
        await tx
          .table('articles')
          .toCollection()
          .modify((article: Partial<StoredArticle>) => {
            article.termIds = Object.keys(article.terms ?? {});
          });
      });
  }
}

/** The row stored for an article: its origin, and the fields its indexes need. */
export function storedArticle(
  article: BundleArticle,
  origin: Origin,
  addedAt?: number,
): StoredArticle {
  return {
    ...article,
    origin,
    termIds: Object.keys(article.terms),
    ...(addedAt !== undefined ? { addedAt } : {}),
  };
}
