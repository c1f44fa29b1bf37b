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
/**
 * The passage links from one article's passages, in one row: an import writes one row per
 * article instead of one per link (7,000 links with the 2026 reports took 1.5 s of the install
 * import as rows of their own, and are only ever read an article at a time).
 */
export interface StoredArticleLinks {
  /** The article the links start from. */
  article: string;
  links: StoredLink[];
  /** The articles the links lead to (indexed: whose links must go when one of them is deleted). */
  targets: string[];
}
export interface StoredSetting {
  key: string;
  value: unknown;
}

export const DB_NAME = 'wenmai';

/** Wenmai's IndexedDB database, owned by the background service worker. */
export class WenmaiDB extends Dexie {
  articles!: EntityTable<StoredArticle, 'id'>;
  glossary!: EntityTable<StoredTerm, 'id'>;
  articleLinks!: EntityTable<StoredArticleLinks, 'article'>;
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
    // v4 (2026-11-30): passage links are stored an article per row (articleLinks) instead of a
    // link per row: the install import wrote them 20× faster.
    this.version(4)
      .stores({
        articles: 'id, source, origin, url, *termIds, addedAt',
        glossary: 'id, headword, origin',
        passageLinks: null,
        articleLinks: 'article, *targets',
        settings: 'key',
        corpusIndex: 'key',
      })
      .upgrade(async (tx) => {
        const links = (await tx.table('passageLinks').toArray()) as StoredLink[];
        await tx.table('articleLinks').bulkPut(linksByArticle(links));
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

/** The article a passage id belongs to (passage ids are `${articleId}#${n}`). */
export const articleOfPassage = (passageId: string): string => {
  const hash = passageId.indexOf('#');
  return hash < 0 ? passageId : passageId.slice(0, hash);
};

/** Groups passage links into one row per article they start from. */
export function linksByArticle(links: readonly StoredLink[]): StoredArticleLinks[] {
  const rows = new Map<string, StoredArticleLinks>();
  for (const link of links) {
    const article = articleOfPassage(link.from);
    let row = rows.get(article);
    if (!row) rows.set(article, (row = { article, links: [], targets: [] }));
    row.links.push(link);
  }
  for (const row of rows.values())
    row.targets = [...new Set(row.links.map((link) => articleOfPassage(link.to)))];
  return [...rows.values()];
}
