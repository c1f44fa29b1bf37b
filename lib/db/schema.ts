import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { BundleArticle, PassageLink } from '../bundle';
import type { GlossaryEntry } from '../glossary/glossary';

/** Where a row came from: the shipped bundle (replaced on update) or the reader (never touched by imports). */
export type Origin = 'bundle' | 'user';

export type StoredArticle = BundleArticle & { origin: Origin; addedAt?: number };
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
  }
}
