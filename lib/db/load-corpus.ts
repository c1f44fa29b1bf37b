import { CorpusIndex } from '../match/corpus-index';
import { STOP_PHRASES_KEY } from './import-bundle';
import type { WenmaiDB } from './schema';

/** Builds the in-memory corpus index from the database (all articles, the effective glossary). */
export async function loadCorpusIndex(db: WenmaiDB): Promise<CorpusIndex> {
  const [articles, glossary, stop] = await Promise.all([
    db.articles.orderBy('id').toArray(),
    db.glossary.orderBy('id').toArray(),
    db.settings.get(STOP_PHRASES_KEY),
  ]);
  const entries = glossary.map(({ origin: _origin, ...entry }) => entry);
  const index = new CorpusIndex(entries, (stop?.value as string[] | undefined) ?? []);
  for (const { origin: _origin, addedAt: _addedAt, ...article } of articles)
    index.addArticle(article);
  return index;
}
