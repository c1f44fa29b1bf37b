import Dexie from 'dexie';
import type { CorpusBundle } from '../bundle';
import type { ImportStatus } from '../views';
import {
  linksByArticle,
  storedArticle,
  type StoredArticle,
  type StoredTerm,
  type WenmaiDB,
} from './schema';

/** Rows written per bulk call: small enough to report progress, large enough to be fast. */
const CHUNK = 50;
const BUNDLE_VERSION_KEY = 'bundleVersion';
export const STOP_PHRASES_KEY = 'stopPhrases';

/**
 * User Timing marks of the background's start and its install import, read from the worker's own
 * clock by the benchmark (tests/bench/bench-reports.ts); a mark costs microseconds.
 */
export const IMPORT_MARKS = {
  /** The background script's first line (after Chromium started the worker and compiled it). */
  start: 'wenmai:start',
  fetched: 'wenmai:import:fetched',
  parsed: 'wenmai:import:parsed',
  /** The database is open and says which corpus it holds. */
  databaseOpen: 'wenmai:import:db-open',
  done: 'wenmai:import:done',
  /** A fresh corpus index is built from the articles (then saved; absent when one was read). */
  indexBuilt: 'wenmai:index:built',
  /** The corpus index is built (or read) and saved: pages are answered from here on. */
  indexReady: 'wenmai:index:ready',
} as const;

/** The corpus version last imported, if any. */
export async function importedBundleVersion(db: WenmaiDB): Promise<string | undefined> {
  return (await db.settings.get(BUNDLE_VERSION_KEY))?.value as string | undefined;
}

function describeBulkError(error: unknown, what: string): string {
  if (error instanceof Dexie.BulkError) {
    const first = Object.values(error.failuresByPos)[0];
    return `${error.failures.length} ${what} could not be stored${first ? `: ${first.message}` : ''}`;
  }
  return `${what}: ${(error as Error).message}`;
}

/**
 * Imports the shipped corpus bundle: replaces bundle articles, glossary entries and passage links,
 * and keeps every row the reader added or edited. Failed rows are reported, not fatal.
 */
export async function importBundle(
  db: WenmaiDB,
  bundle: CorpusBundle,
  onProgress: (status: ImportStatus) => void = () => {},
): Promise<ImportStatus> {
  const total = bundle.articles.length + bundle.glossary.length + bundle.passageLinks.length;
  const status: ImportStatus = {
    state: 'running',
    done: 0,
    total,
    corpusVersion: bundle.corpusVersion,
    errors: [],
  };
  onProgress({ ...status });
  const step = (n: number): void => {
    status.done += n;
    onProgress({ ...status, errors: [...status.errors] });
  };

  await db.transaction('rw', [db.articles, db.glossary, db.articleLinks, db.settings], async () => {
    const userTerms = new Set(
      (await db.glossary.where('origin').equals('user').primaryKeys()) as string[],
    );
    const newIds = new Set(bundle.articles.map((a) => a.id));
    const stale = (await db.articles.where('origin').equals('bundle').primaryKeys()).filter(
      (id) => !newIds.has(id as string),
    );
    await db.articles.bulkDelete(stale);
    await db.glossary.where('origin').equals('bundle').delete();
    await db.articleLinks.clear();

    for (let i = 0; i < bundle.articles.length; i += CHUNK) {
      const rows: StoredArticle[] = bundle.articles
        .slice(i, i + CHUNK)
        .map((a) => storedArticle(a, 'bundle'));
      try {
        await db.articles.bulkPut(rows);
      } catch (error) {
        status.errors.push(describeBulkError(error, 'articles'));
      }
      step(rows.length);
    }
    const terms: StoredTerm[] = bundle.glossary
      .filter((t) => !userTerms.has(t.id))
      .map((t) => ({ ...t, origin: 'bundle' }));
    for (let i = 0; i < terms.length; i += CHUNK * 4) {
      try {
        await db.glossary.bulkPut(terms.slice(i, i + CHUNK * 4));
      } catch (error) {
        status.errors.push(describeBulkError(error, 'glossary entries'));
      }
      step(Math.min(CHUNK * 4, terms.length - i));
    }
    step(bundle.glossary.length - terms.length);
    // One row per article (see StoredArticleLinks), in one call: they are few.
    try {
      await db.articleLinks.bulkPut(linksByArticle(bundle.passageLinks));
    } catch (error) {
      status.errors.push(describeBulkError(error, 'passage links'));
    }
    step(bundle.passageLinks.length);
    await db.settings.put({ key: STOP_PHRASES_KEY, value: bundle.stopPhrases });
    await db.settings.put({ key: BUNDLE_VERSION_KEY, value: bundle.corpusVersion });
  });
  const final: ImportStatus = { ...status, state: status.errors.length > 0 ? 'failed' : 'done' };
  onProgress(final);
  return final;
}
