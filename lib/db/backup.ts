import { z } from 'zod';
import { bundleArticleSchema } from '../bundle';
import { glossaryEntrySchema } from '../glossary/glossary';
import { settingsSchema } from '../settings';
import { getSettings } from './repository';
import type { WenmaiDB } from './schema';

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
    ({ origin: _origin, addedAt: _addedAt, ...article }) => article,
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
      error: `unsupported backup version ${String((value as { version?: unknown }).version)} (expected ${BACKUP_VERSION})`,
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

/** Restores a backup in one transaction: all of it or, on any failure, none of it. */
export async function restoreBackup(
  db: WenmaiDB,
  backup: Backup,
): Promise<{ articles: number; glossary: number }> {
  await db.transaction('rw', [db.articles, db.glossary, db.settings], async () => {
    const addedAt = Date.now();
    await db.articles.bulkPut(
      backup.articles.map((a) => ({ ...a, origin: 'user' as const, addedAt })),
    );
    await db.glossary.bulkPut(backup.glossary.map((t) => ({ ...t, origin: 'user' as const })));
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
