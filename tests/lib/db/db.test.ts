import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBundle, type CorpusBundle, type PassageLink } from '../../../lib/bundle';
import { exportBackup, parseBackup, restoreBackup, wipeUserData } from '../../../lib/db/backup';
import { importBundle, importedBundleVersion } from '../../../lib/db/import-bundle';
import {
  deleteArticle,
  getSettings,
  linksFrom,
  listArticles,
  putUserArticle,
  saveSettings,
  saveUserTerm,
} from '../../../lib/db/repository';
import { articleOfPassage, WenmaiDB } from '../../../lib/db/schema';
import { PATHS } from '../../../corpus/build/build-corpus';

const bundle = (() => {
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();

let counter = 0;
const opened: Dexie[] = [];
function freshDb(): WenmaiDB {
  const db = new WenmaiDB(`wenmai-test-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const userArticle = {
  ...bundle.articles[0]!,
  id: 'u-mine',
  source: 'https://example.org/mine',
  url: 'https://example.org/mine',
  title: '我的文章',
  // A reader's article names its own passages (as lib/prepare-article.ts does).
  passages: bundle.articles[0]!.passages.map((p) => ({
    ...p,
    id: p.id.replace(/^[^#]+/, 'u-mine'),
  })),
};
const userTerm = {
  id: 'wo-de-ci',
  headword: '我的术语',
  category: 'jargon',
  scope: 'national',
  gloss: 'my term',
  definition: { zh: '自定义。', en: 'Custom.' },
};

describe('schema upgrade', () => {
  it('keeps v1 rows and gives them an origin in v2', async () => {
    const name = `wenmai-upgrade-${++counter}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ articles: 'id, source', glossary: 'id, headword', settings: 'key' });
    await v1.table('articles').bulkPut([bundle.articles[1], { ...userArticle }]);
    await v1.table('glossary').put(bundle.glossary[0]);
    await v1.table('settings').put({ key: 'settings', value: { traditionalVariant: 'hk' } });
    v1.close();

    const db = new WenmaiDB(name);
    opened.push(db);
    expect((await db.articles.get(bundle.articles[1]!.id))?.origin).toBe('bundle');
    expect((await db.articles.get('u-mine'))?.origin).toBe('user');
    expect((await db.glossary.get(bundle.glossary[0]!.id))?.origin).toBe('bundle');
    expect((await getSettings(db)).traditionalVariant).toBe('hk');
    expect(await db.articles.where('origin').equals('user').count()).toBe(1);
  });
});

describe('passage links', () => {
  const byArticle = (id: string) =>
    bundle.passageLinks.filter((l) => articleOfPassage(l.from) === id);
  const linked = bundle.passageLinks[0]!;
  const from = articleOfPassage(linked.from);
  const to = articleOfPassage(linked.to);

  it('moves v3 link rows into rows per article in v4, link for link', async () => {
    const name = `wenmai-upgrade-${++counter}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      articles: 'id, source, origin, url, *termIds, addedAt',
      glossary: 'id, headword, origin',
      passageLinks: '[from+to], from, to',
      settings: 'key',
      corpusIndex: 'key',
    });
    await v3.table('passageLinks').bulkPut(bundle.passageLinks);
    v3.close();

    const db = new WenmaiDB(name);
    opened.push(db);
    expect(db.tables.map((t) => t.name)).not.toContain('passageLinks');
    const sorted = (links: readonly PassageLink[]) =>
      [...links].sort((a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`));
    for (const id of new Set(bundle.passageLinks.map((l) => articleOfPassage(l.from))))
      expect(sorted(await linksFrom(db, id))).toEqual(sorted(byArticle(id)));
  });

  it('reads an article’s links, and deleting an article removes the links from and to it', async () => {
    const db = freshDb();
    await importBundle(db, bundle);
    expect(await linksFrom(db, from)).toEqual(byArticle(from));
    const intoTo = bundle.passageLinks.filter((l) => articleOfPassage(l.to) === to);
    expect(intoTo.length).toBeGreaterThan(0);

    await deleteArticle(db, to);
    expect(await linksFrom(db, to)).toEqual([]);
    const left = (await db.articleLinks.toArray()).flatMap((row) => row.links);
    expect(left.filter((l) => articleOfPassage(l.to) === to)).toEqual([]);
    expect(left).toHaveLength(
      bundle.passageLinks.filter(
        (l) => articleOfPassage(l.to) !== to && articleOfPassage(l.from) !== to,
      ).length,
    );
  });
});

describe('importBundle', () => {
  it('imports the corpus and reports progress up to the total', async () => {
    const db = freshDb();
    const seen: number[] = [];
    const status = await importBundle(db, bundle, (s) => seen.push(s.done));
    expect(status).toMatchObject({
      state: 'done',
      errors: [],
      corpusVersion: bundle.corpusVersion,
    });
    expect(seen.at(-1)).toBe(status.total);
    expect(await db.articles.count()).toBe(bundle.articles.length);
    expect(await db.glossary.count()).toBe(bundle.glossary.length);
    // Links are written an article per row, not a row per link (the install import's cost).
    const linkRows = await db.articleLinks.toArray();
    const fromArticles = new Set(bundle.passageLinks.map((l) => articleOfPassage(l.from)));
    expect(linkRows.length).toBe(fromArticles.size);
    expect(linkRows.flatMap((row) => row.links)).toHaveLength(bundle.passageLinks.length);
    expect(await importedBundleVersion(db)).toBe(bundle.corpusVersion);
  });

  it('keeps the reader’s articles, glossary edits and settings on update, and drops articles the bundle no longer has', async () => {
    const db = freshDb();
    await importBundle(db, bundle);
    await putUserArticle(db, userArticle);
    const edited = { ...bundle.glossary[0]!, gloss: 'my better gloss' };
    await saveUserTerm(db, { ...edited, traditional: [] });
    await saveSettings(db, { ...(await getSettings(db)), traditionalVariant: 'hk' });

    const next: CorpusBundle = {
      ...bundle,
      corpusVersion: 'next',
      articles: bundle.articles.slice(1),
    };
    await importBundle(db, next);
    expect(await db.articles.get(userArticle.id)).toBeDefined();
    expect(await db.articles.get(bundle.articles[0]!.id)).toBeUndefined();
    expect((await db.glossary.get(edited.id))?.gloss).toBe('my better gloss');
    expect((await getSettings(db)).traditionalVariant).toBe('hk');
  });
});

describe('importBundle on update', () => {
  it('replaces the shipped glossary and articles on update: dropped ones go, kept and changed ones stay, the reader’s stay', async () => {
    const db = freshDb();
    await importBundle(db, bundle);
    const mine = { ...userTerm, id: 'wo-de-ci-2', headword: '我的另一个术语' };
    await saveUserTerm(db, mine);
    const [dropped, changed, ...kept] = bundle.glossary;
    const next: CorpusBundle = {
      ...bundle,
      corpusVersion: 'next',
      glossary: [{ ...changed!, gloss: 'a new gloss' }, ...kept],
      articles: bundle.articles.slice(1),
    };
    const status = await importBundle(db, next);
    expect(status).toMatchObject({ state: 'done', errors: [] });
    expect(await db.glossary.get(dropped!.id)).toBeUndefined();
    expect((await db.glossary.get(changed!.id))?.gloss).toBe('a new gloss');
    expect(await db.glossary.count()).toBe(bundle.glossary.length - 1 + 1);
    expect((await db.glossary.get(mine.id))?.origin).toBe('user');
    expect(await db.articles.get(bundle.articles[0]!.id)).toBeUndefined();
    expect(await db.articles.count()).toBe(bundle.articles.length - 1);
    expect(await importedBundleVersion(db)).toBe('next');
  });

  it('reports rows that could not be stored and stores the rest', async () => {
    const db = freshDb();
    // A row IndexedDB cannot clone (a function) fails its bulkPut; the import goes on.
    const broken = { ...bundle.articles[0]!, meta: { ...bundle.articles[0]!.meta, bad: () => 0 } };
    const status = await importBundle(db, {
      ...bundle,
      articles: [broken as unknown as CorpusBundle['articles'][number]],
    });
    expect(status.state).toBe('failed');
    expect(status.errors.join(' ')).toMatch(/articles/);
    expect(await db.glossary.count()).toBe(bundle.glossary.length);
  });
});

describe('backup', () => {
  it('restores everything after export and wipe', async () => {
    const db = freshDb();
    await importBundle(db, bundle);
    await putUserArticle(db, userArticle);
    await saveUserTerm(db, userTerm);
    await saveSettings(db, {
      ...(await getSettings(db)),
      disabledSites: ['example.com'],
      highlightStyle: 'background',
    });
    const backup = JSON.stringify(await exportBackup(db));

    await wipeUserData(db);
    expect((await listArticles(db)).some((a) => a.id === userArticle.id)).toBe(false);
    expect(await db.glossary.get(userTerm.id)).toBeUndefined();

    const parsed = parseBackup(backup);
    if (!parsed.ok) throw new Error(parsed.error);
    await restoreBackup(db, parsed.value);
    expect((await db.articles.get(userArticle.id))?.title).toBe('我的文章');
    expect((await db.glossary.get(userTerm.id))?.headword).toBe('我的术语');
    expect(await getSettings(db)).toMatchObject({
      disabledSites: ['example.com'],
      highlightStyle: 'background',
    });
  });

  it.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['another format', '{"format":"other"}', /format/],
    ['a newer version', '{"format":"wenmai-backup","version":9}', /unsupported backup version 9/],
    [
      'a version written as text',
      '{"format":"wenmai-backup","version":"1"}',
      /unsupported backup version "1" \(expected 1\)/,
    ],
    [
      'a broken article',
      JSON.stringify({
        format: 'wenmai-backup',
        version: 1,
        exportedAt: 'x',
        articles: [{ id: 1 }],
        glossary: [],
        settings: {},
      }),
      /articles\.0/,
    ],
  ])('rejects %s with a clear message', (_name, json, message) => {
    const parsed = parseBackup(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  describe('never lets the reader’s rows shadow the shipped corpus', () => {
    const shipped = bundle.articles[0]!;
    const shippedTerm = bundle.glossary.find((e) => e.headword === '新质生产力')!;
    const restore = async (change: (backup: Awaited<ReturnType<typeof exportBackup>>) => void) => {
      const db = freshDb();
      await importBundle(db, bundle);
      const backup = await exportBackup(db);
      backup.articles.push(structuredClone(userArticle));
      change(backup);
      const before = { articles: await db.articles.count(), glossary: await db.glossary.count() };
      const result = await restoreBackup(db, backup).then(
        () => 'restored',
        (error: Error) => error.message,
      );
      const after = { articles: await db.articles.count(), glossary: await db.glossary.count() };
      return {
        db,
        result,
        unchanged: before.articles === after.articles && before.glossary === after.glossary,
      };
    };

    it('refuses an article with a shipped article’s id, naming it, and restores nothing', async () => {
      const { db, result, unchanged } = await restore((b) =>
        b.articles.push({ ...structuredClone(shipped), title: '冒名的文章' }),
      );
      expect(result).toMatch(/"冒名的文章" has the id of a shipped article/);
      expect(unchanged).toBe(true);
      expect((await db.articles.get(shipped.id))?.origin).toBe('bundle');
    });

    it('refuses a passage id of another article', async () => {
      const { result, unchanged } = await restore((b) => {
        b.articles[0]!.passages[0]!.id = `${shipped.id}#p0`;
      });
      expect(result).toMatch(/has a passage of another article/);
      expect(unchanged).toBe(true);
    });

    it('refuses a shipped headword under a new id, as the editor does', async () => {
      const { db, result, unchanged } = await restore((b) =>
        b.glossary.push({ ...shippedTerm, id: 'my-xinzhi', gloss: 'taken over' }),
      );
      expect(result).toMatch(/"新质生产力" is already the headword of/);
      expect(unchanged).toBe(true);
      expect(
        (await db.glossary.where('headword').equals('新质生产力').toArray()).map((e) => e.id),
      ).toEqual([shippedTerm.id]);
    });

    it('keeps an edit of a shipped entry under its own id (the editor allows it)', async () => {
      const { db, result } = await restore((b) =>
        b.glossary.push({ ...shippedTerm, gloss: 'edited by the reader' }),
      );
      expect(result).toBe('restored');
      expect(await db.glossary.get(shippedTerm.id)).toMatchObject({
        gloss: 'edited by the reader',
        origin: 'user',
      });
    });
  });

  it('rejects a user glossary entry that is invalid and stores nothing', async () => {
    const db = freshDb();
    await expect(saveUserTerm(db, { ...userTerm, headword: 'abc' })).rejects.toThrow(/headword/);
    expect(await db.glossary.count()).toBe(0);
  });
});
