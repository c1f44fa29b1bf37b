import type { BundleArticle } from '../bundle';
import { glossaryEntrySchema, describeIssues, type GlossaryEntry } from '../glossary/glossary';
import type { ArticleSummary } from '../views';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../settings';
import {
  articleOfPassage,
  storedArticle,
  type StoredArticle,
  type StoredArticleLinks,
  type StoredLink,
  type StoredTerm,
  type WenmaiDB,
} from './schema';

const SETTINGS_KEY = 'settings';

export async function getSettings(db: WenmaiDB): Promise<Settings> {
  const row = await db.settings.get(SETTINGS_KEY);
  const parsed = settingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(db: WenmaiDB, settings: Settings): Promise<Settings> {
  const valid = settingsSchema.parse(settings);
  await db.settings.put({ key: SETTINGS_KEY, value: valid });
  return valid;
}

export function summarizeArticle(article: StoredArticle): ArticleSummary {
  const summary: ArticleSummary = {
    id: article.id,
    source: article.source,
    title: article.title,
    lang: article.lang,
    origin: article.origin,
    chars: article.text.length,
    passages: article.passages.length,
  };
  if (article.url !== undefined) summary.url = article.url;
  return summary;
}

export async function listArticles(db: WenmaiDB): Promise<ArticleSummary[]> {
  return (await db.articles.orderBy('id').toArray()).map(summarizeArticle);
}

/** Stores an article the reader added (replacing an earlier copy of the same id). */
export async function putUserArticle(db: WenmaiDB, article: BundleArticle): Promise<void> {
  await putUserArticles(db, [article]);
}

/** Stores articles the reader added, all or none; returns the rows as stored. */
export async function putUserArticles(
  db: WenmaiDB,
  articles: readonly BundleArticle[],
): Promise<StoredArticle[]> {
  const addedAt = Date.now();
  const rows = articles.map((article) => storedArticle(article, 'user', addedAt));
  if (rows.length > 0) await db.articles.bulkPut(rows);
  return rows;
}

/** The stored passage links from an article's passages. */
export async function linksFrom(db: WenmaiDB, articleId: string): Promise<StoredLink[]> {
  return (await db.articleLinks.get(articleId))?.links ?? [];
}

/** Deletes the passage links from and to these articles. */
async function deleteLinksOf(db: WenmaiDB, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  const gone = new Set(articleIds);
  await db.articleLinks.bulkDelete([...articleIds]);
  await db.articleLinks
    .where('targets')
    .anyOf([...articleIds])
    .modify((row: StoredArticleLinks) => {
      row.links = row.links.filter((link) => !gone.has(articleOfPassage(link.to)));
      row.targets = row.targets.filter((target) => !gone.has(target));
    });
}

/** Deletes an article and its passage links. */
export async function deleteArticle(db: WenmaiDB, articleId: string): Promise<boolean> {
  return db.transaction('rw', [db.articles, db.articleLinks], async () => {
    const existing = await db.articles.get(articleId);
    if (!existing) return false;
    await db.articles.delete(articleId);
    await deleteLinksOf(db, [articleId]);
    return true;
  });
}

/** Deletes the reader's articles among these ids (shipped ones stay) and their links. */
export async function deleteUserArticles(db: WenmaiDB, ids: readonly string[]): Promise<number> {
  return db.transaction('rw', [db.articles, db.articleLinks], async () => {
    const rows = await db.articles.bulkGet([...ids]);
    const mine = rows.flatMap((row) => (row?.origin === 'user' ? [row.id] : []));
    await db.articles.bulkDelete(mine);
    await deleteLinksOf(db, mine);
    return mine.length;
  });
}

export async function listGlossary(db: WenmaiDB): Promise<StoredTerm[]> {
  return db.glossary.orderBy('id').toArray();
}

/**
 * Saves a glossary entry the reader wrote or edited. It becomes a user entry, which bundle updates
 * never overwrite. Throws with a readable message for an invalid entry.
 */
export async function saveUserTerm(db: WenmaiDB, input: unknown): Promise<GlossaryEntry> {
  const parsed = glossaryEntrySchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid glossary entry: ${describeIssues(parsed.error)}`);
  const entry = parsed.data;
  await refuseHeadwordClash(db, entry);
  await db.glossary.put({ ...entry, origin: 'user' });
  return entry;
}

/**
 * The editor's rule, kept by restores too: a headword belongs to one entry. A reader's entry may
 * replace a shipped one under the same id (an edit), never take its headword under another id.
 */
export async function refuseHeadwordClash(
  db: WenmaiDB,
  entry: Pick<GlossaryEntry, 'id' | 'headword'>,
): Promise<void> {
  const clash = await db.glossary.where('headword').equals(entry.headword).first();
  if (clash && clash.id !== entry.id)
    throw new Error(`"${entry.headword}" is already the headword of ${clash.id}`);
}

export async function deleteTerm(db: WenmaiDB, termId: string): Promise<boolean> {
  const existing = await db.glossary.get(termId);
  if (!existing) return false;
  await db.glossary.delete(termId);
  return true;
}
