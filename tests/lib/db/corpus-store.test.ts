import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PATHS } from '../../../corpus/build/build-corpus';
import { compareArticle } from '../../../lib/analyze-page';
import { parseBundle, type BundleArticle } from '../../../lib/bundle';
import {
  CorpusKeeper,
  CorpusStore,
  loadGlossary,
  SAVE_MAX_WAIT_MS,
  snapshotRows,
  type CorpusStoreProgress,
} from '../../../lib/db/corpus-store';
import { importBundle } from '../../../lib/db/import-bundle';
import { deleteArticle, putUserArticle, saveUserTerm } from '../../../lib/db/repository';
import { WenmaiDB } from '../../../lib/db/schema';
import { CorpusIndex, type CorpusIndexSnapshot } from '../../../lib/match/corpus-index';
import { StringColumn, type PackedStrings } from '../../../lib/match/typed-arrays';
import { prepareArticle } from '../../../lib/prepare-article';
import { seed } from '../../seeds';

const bundle = (() => {
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();

let counter = 0;
const opened: Dexie[] = [];
async function freshDb(): Promise<WenmaiDB> {
  const db = new WenmaiDB(`wenmai-store-test-${++counter}`);
  opened.push(db);
  await importBundle(db, bundle);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** Opens a store, recording what it did. */
async function open(db: WenmaiDB): Promise<{ store: CorpusStore; indexed: number }> {
  let indexed = 0;
  const store = await CorpusStore.open(db, await loadGlossary(db), (p: CorpusStoreProgress) => {
    if (p.state === 'indexing') indexed = p.done;
  });
  return { store, indexed };
}

// A reader's excerpt of seed 003 with a sentence of their own, and a repost of seed 001.
const excerpt = `${seed('003').split('\n').slice(2, 4).join('\n')}\n本地记者补充：会议当天下午进行了分组讨论。`;

/** What a page with this text is told: similar articles and parallel passages, as ids. */
async function answer(corpus: CorpusIndex, text: string) {
  const found = await compareArticle(text, corpus);
  return {
    similar: found.similar.map((s) => `${s.articleId} ${s.relation} ${s.score}`),
    parallels: found.parallels.map((p) => p.matches.map((m) => `${m.passageId} ${m.score}`)),
  };
}

function userArticle(id: string, text: string, corpus: CorpusIndex): BundleArticle {
  return prepareArticle({ id, source: `${id}.txt`, raw: text }, corpus.matcher, corpus.stop);
}

describe('the stored corpus index', () => {
  it('is built once, then loaded on the next start without reading the articles', async () => {
    const db = await freshDb();
    const first = await open(db);
    expect(first.indexed).toBe(bundle.articles.length);
    const second = await open(db);
    expect(second.indexed).toBe(0);
    expect(second.store.index.articleIds().sort()).toEqual(bundle.articles.map((a) => a.id).sort());
  });

  it('answers exactly what an index built in memory from the bundle answers', async () => {
    const db = await freshDb();
    await open(db);
    const { store } = await open(db); // the loaded one
    const memory = CorpusIndex.fromBundle(bundle);
    expect(await answer(store.index, excerpt)).toEqual(await answer(memory, excerpt));
    expect(await answer(store.index, seed('001'))).toEqual(await answer(memory, seed('001')));
    const similar = await answer(store.index, excerpt);
    expect(similar.similar[0]).toMatch(/^003_\S+ reuse/);
    expect(similar.parallels.flat().length).toBeGreaterThan(0);
  });

  it('saves during a long run of changes, not only after it ends', async () => {
    const db = await freshDb();
    const { store } = await open(db);
    const saves = vi.spyOn(store, 'save');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      // An import that changes the index every second for 55 s.
      for (let second = 0; second < 55; second++) {
        store.remove([]);
        await vi.advanceTimersByTimeAsync(1000);
      }
      // At most SAVE_MAX_WAIT_MS (20 s) apart: at least twice in 55 s.
      expect(SAVE_MAX_WAIT_MS).toBe(20_000);
      expect(saves.mock.calls.length).toBeGreaterThanOrEqual(2);
      // And once it stops changing, once more soon after.
      const before = saves.mock.calls.length;
      await vi.advanceTimersByTimeAsync(2500);
      expect(saves.mock.calls.length).toBe(before + 1);
      await store.save();
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows articles added and deleted, across a restart', async () => {
    const db = await freshDb();
    const { store } = await open(db);
    const mine = userArticle('u-mine', excerpt, store.index);
    await putUserArticle(db, mine);
    await store.update([mine.id]);
    expect(store.index.has('u-mine')).toBe(true);
    await store.save();
    const restarted = (await open(db)).store;
    expect(restarted.index.has('u-mine')).toBe(true);
    expect((await answer(restarted.index, excerpt)).similar[0]).toMatch(/^u-mine duplicate/);

    await deleteArticle(db, 'u-mine');
    await restarted.update(['u-mine']);
    expect(restarted.index.has('u-mine')).toBe(false);
    expect((await answer(restarted.index, excerpt)).similar[0]).toMatch(/^003_\S+ reuse/);
  });

  it('catches up with articles a stopped service worker wrote but never indexed', async () => {
    const db = await freshDb();
    const { store } = await open(db);
    // Written to the database, then the worker stopped before the index heard of it.
    await putUserArticle(db, userArticle('u-late', excerpt, store.index));
    await db.articles.delete(bundle.articles[4]!.id);
    const { store: restarted, indexed } = await open(db);
    expect(indexed).toBe(1);
    expect(restarted.index.has('u-late')).toBe(true);
    expect(restarted.index.has(bundle.articles[4]!.id)).toBe(false);
  });

  it('is rebuilt when the glossary changes, and when a stored chunk is missing', async () => {
    const db = await freshDb();
    await open(db);
    await saveUserTerm(db, {
      id: 'fenzu-taolun',
      headword: '分组讨论',
      category: 'jargon',
      scope: 'national',
      gloss: 'group discussion',
      definition: { zh: '会议中分成小组进行的讨论。', en: 'Discussion in small groups.' },
      sources: [{ outlet: 'test' }],
    });
    const rebuilt = await open(db);
    expect(rebuilt.indexed).toBe(bundle.articles.length);
    expect(rebuilt.store.index.glossary.some((e) => e.id === 'fenzu-taolun')).toBe(true);

    const chunk = (await db.corpusIndex.toCollection().primaryKeys()).find(
      (key) => key !== 'meta',
    )!;
    await db.corpusIndex.delete(chunk);
    expect((await open(db)).indexed).toBe(bundle.articles.length);
  });

  it('rebuilds, never misreads, an index stored in the previous layout (strings as arrays)', async () => {
    const db = await freshDb();
    const { store } = await open(db);
    const key = await CorpusStore.keyFor(db, await loadGlossary(db));
    // Format 2 kept ids and catalog fields as arrays of strings, under a key starting "2|".
    const unpack = (packed: PackedStrings): string[] => {
      const column = new StringColumn(packed);
      return Array.from({ length: column.length }, (_, i) => column.get(i));
    };
    const snapshot = store.index.snapshot();
    const old = {
      ...snapshot,
      similarity: { ...snapshot.similarity, ids: unpack(snapshot.similarity.ids) },
      catalog: Object.fromEntries(
        Object.entries(snapshot.catalog).map(([name, value]) => [
          name,
          ArrayBuffer.isView(value) ? value : unpack(value as PackedStrings),
        ]),
      ),
    } as unknown as CorpusIndexSnapshot;
    const oldKey = key.replace(/^\d+\|/, '2|');
    expect(oldKey).not.toBe(key);
    await db.corpusIndex.clear();
    await db.corpusIndex.bulkPut(snapshotRows(old, oldKey, 1));
    const reopened = await open(db);
    expect(reopened.indexed).toBe(bundle.articles.length);
    expect(reopened.store.index.catalog.get(bundle.articles[0]!.id)?.title).toBe(
      bundle.articles[0]!.title,
    );
  });

  it('keeps titles and ids packed after a restart, decoding them equal to the originals', async () => {
    const db = await freshDb();
    await open(db);
    const { store, indexed } = await open(db);
    expect(indexed).toBe(0);
    for (const article of bundle.articles) {
      const row = store.index.catalog.get(article.id);
      expect(row).toMatchObject({ id: article.id, title: article.title, source: article.source });
    }
    expect(store.index.catalog.list({ sort: 'title' }).rows.map((r) => r.title)).toEqual(
      bundle.articles.map((a) => a.title).sort(),
    );
  });

  it('cuts large arrays into rows of bounded size', () => {
    const memory = CorpusIndex.fromBundle(bundle);
    const rows = snapshotRows(memory.snapshot(), 'k', 1);
    const meta = rows.find((r) => r.key === 'meta')!.value as { arrays: Record<string, unknown> };
    expect(Object.keys(meta.arrays)).toContain('passages.shingles');
    for (const row of rows) {
      if (ArrayBuffer.isView(row.value)) expect(row.value.byteLength).toBeLessThanOrEqual(4 << 20);
    }
  });
});

describe('CorpusKeeper', () => {
  it('does not keep a failure: the next request opens the corpus', async () => {
    const db = await freshDb();
    let calls = 0;
    const keeper = new CorpusKeeper(db, async () => {
      if (++calls === 1) throw new Error('disk unavailable');
      return loadGlossary(db);
    });
    await expect(keeper.index()).rejects.toThrow('disk unavailable');
    expect(keeper.status().error).toBe('disk unavailable');
    expect((await keeper.index()).size).toBe(bundle.articles.length);
    expect(keeper.status()).toMatchObject({ state: 'ready' });
    expect(keeper.status().error).toBeUndefined();
  });

  it('answers with the previous index while the new glossary is indexed', async () => {
    const db = await freshDb();
    const keeper = new CorpusKeeper(db, () => loadGlossary(db));
    const before = await keeper.index();
    keeper.invalidate();
    expect(await keeper.index()).toBe(before);
    await keeper.flush();
    expect(await keeper.index()).not.toBe(before);
  });
});
