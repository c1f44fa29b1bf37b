import { z } from 'zod';
import { bundleArticleSchema } from '../bundle';
import { glossaryEntrySchema } from '../glossary/glossary';
import { settingsSchema } from '../settings';
import { getSettings, refuseHeadwordClash } from './repository';
import { storedArticle, type WenmaiDB } from './schema';

import { BACKUP_FORMAT } from '../views';
export const BACKUP_VERSION = 1;

const backupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    exportedAt: z.string(),
    articles: z.array(bundleArticleSchema),
    glossary: z.array(glossaryEntrySchema),
    settings: settingsSchema,
  })
  .strict();

export type Backup = z.output<typeof backupSchema>;

/** Everything the reader owns: their articles, glossary entries and edits, and settings. */
export async function exportBackup(db: WenmaiDB, now = new Date()): Promise<Backup> {
  const articles = (await db.articles.where('origin').equals('user').toArray()).map(
    ({ origin: _origin, addedAt: _addedAt, termIds: _termIds, ...article }) => article,
  );
  const glossary = (await db.glossary.where('origin').equals('user').toArray()).map(
    ({ origin: _origin, ...entry }) => entry,
  );
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    articles,
    glossary,
    settings: await getSettings(db),
  };
}

/** Parses and checks a backup file; the error says what is wrong and nothing is changed. */
export function parseBackup(
  json: string,
): { ok: true; value: Backup } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: 'not a Wenmai backup: the file is not valid JSON' };
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    return { ok: false, error: 'not a Wenmai backup: "format" must be "wenmai-backup"' };
  }
  if ((value as { version?: unknown }).version !== BACKUP_VERSION) {
    return {
      ok: false,
      error: `unsupported backup version ${JSON.stringify((value as { version?: unknown }).version)} (expected ${BACKUP_VERSION})`,
    };
  }
  const parsed = backupSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      error: `invalid backup at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    };
  }
  return { ok: true, value: parsed.data };
}

/**
 * Restores a backup in one transaction: all of it or, on any failure, none of it. The reader's
 * rows never shadow the shipped corpus: an article with a shipped article's id, a passage id of
 * another article, or an entry taking a shipped headword under a new id refuses the whole restore,
 * saying which (the editor refuses the same entry; an update would silently replace the rest).
 */
export async function restoreBackup(
  db: WenmaiDB,
  backup: Backup,
): Promise<{ articles: number; glossary: number }> {
  await db.transaction('rw', [db.articles, db.glossary, db.settings], async () => {
    const addedAt = Date.now();
    for (const article of backup.articles) {
      const existing = await db.articles.get(article.id);
      if (existing?.origin === 'bundle')
        throw new Error(
          `backup article "${article.title || article.id}" has the id of a shipped article (${article.id}): nothing was restored`,
        );
      const stray = article.passages.find((p) => !p.id.startsWith(`${article.id}#`));
      if (stray)
        throw new Error(
          `backup article "${article.title || article.id}" has a passage of another article (${stray.id}): nothing was restored`,
        );
    }
    await db.articles.bulkPut(backup.articles.map((a) => storedArticle(a, 'user', addedAt)));
    for (const entry of backup.glossary) {
      try {
        await refuseHeadwordClash(db, entry);
      } catch (error) {
        throw new Error(
          `backup glossary entry ${entry.id}: ${(error as Error).message}: nothing was restored`,
        );
      }
      await db.glossary.put({ ...entry, origin: 'user' as const });
    }
    await db.settings.put({ key: 'settings', value: backup.settings });
  });
  return { articles: backup.articles.length, glossary: backup.glossary.length };
}

/** Deletes everything the reader owns (the shipped corpus stays). */
export async function wipeUserData(db: WenmaiDB): Promise<{ articles: number; glossary: number }> {
  return db.transaction('rw', [db.articles, db.glossary, db.settings], async () => {
    const articles = await db.articles.where('origin').equals('user').delete();
    const glossary = await db.glossary.where('origin').equals('user').delete();
    await db.settings.delete('settings');
    return { articles, glossary };
  });
}
