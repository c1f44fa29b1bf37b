import {
  CorpusIndex,
  matchingGlossary,
  type CorpusArticle,
  type CorpusIndexSnapshot,
  type CorpusTexts,
  type MatchingGlossary,
} from '../match/corpus-index';
import { IMPORT_MARKS, importedBundleVersion, STOP_PHRASES_KEY } from './import-bundle';
import type { StoredArticle, StoredIndexRow, WenmaiDB } from './schema';
import type { CorpusIndexStatus } from '../views';

/** The effective glossary (shipped entries and the reader's), ready for matching. */
export async function loadGlossary(db: WenmaiDB): Promise<MatchingGlossary> {
  const [glossary, stop] = await Promise.all([
    db.glossary.orderBy('id').toArray(),
    db.settings.get(STOP_PHRASES_KEY),
  ]);
  const entries = glossary.map(({ origin: _origin, ...entry }) => entry);
  return matchingGlossary(entries, (stop?.value as string[] | undefined) ?? []);
}

/** Article texts read from IndexedDB when an answer needs them (never all at once). */
export class DbTexts implements CorpusTexts {
  constructor(private readonly db: WenmaiDB) {}

  async articles(ids: readonly string[]): Promise<Map<string, CorpusArticle>> {
    const rows = await this.db.articles.bulkGet([...ids]);
    const found = new Map<string, CorpusArticle>();
    for (const row of rows) if (row) found.set(row.id, row);
    return found;
  }

  async withTerm(termId: string, limit: number): Promise<CorpusArticle[]> {
    return this.db.articles.where('termIds').equals(termId).limit(limit).toArray();
  }
}

/** Articles read per step when indexing from the database. */
const PAGE = 250;
/** Elements per stored chunk (4 MB of Uint32): rows small enough to write and read quickly. */
const CHUNK = 1 << 20;
/** Strings per stored chunk. */
const STRING_CHUNK = 50_000;
/** A change is saved this long after the last one (an import saves once, not per article). */
const SAVE_DELAY_MS = 2000;
/**
 * …but never later than this after the first unsaved change: a long import changes the index
 * every second, and a worker stopped in the middle of it would otherwise index everything again.
 */
export const SAVE_MAX_WAIT_MS = 20_000;
const META_KEY = 'meta';
/** Longest task of warming the index: requests that arrive meanwhile wait at most this long. */
const WARM_SLICE_MS = 25;
/**
 * The stored index's layout: raised whenever the snapshot's arrays change (2: the catalog keeps
 * outlets; 3: ids and catalog strings packed as UTF-16 code units and offsets), so an index
 * stored by an older version is rebuilt, not misread.
 */
const INDEX_FORMAT = 3;

export type CorpusStoreProgress = Omit<CorpusIndexStatus, 'error'>;

interface StoredMeta {
  key: string;
  /** The latest `addedAt` of the articles in the snapshot: later ones were never indexed. */
  indexedUpTo: number;
  /** Scalars of the snapshot, by path. */
  scalars: Record<string, string | number>;
  /** Arrays of the snapshot, by path: how they were cut into rows. */
  arrays: Record<string, { kind: ArrayKind; length: number; chunks: number }>;
}

type TypedLeaf = Uint32Array | Uint16Array | Uint8Array;
type Leaf = TypedLeaf | string[] | string | number;
type ArrayKind = 'u32' | 'u16' | 'u8' | 'strings';
const TYPED: Record<Exclude<ArrayKind, 'strings'>, (length: number) => TypedLeaf> = {
  u32: (n) => new Uint32Array(n),
  u16: (n) => new Uint16Array(n),
  u8: (n) => new Uint8Array(n),
};
const kindOf = (value: TypedLeaf): Exclude<ArrayKind, 'strings'> =>
  value instanceof Uint32Array ? 'u32' : value instanceof Uint16Array ? 'u16' : 'u8';

/** Cuts a snapshot into rows: one description, and chunks of each array. */
export function snapshotRows(
  snapshot: CorpusIndexSnapshot,
  key: string,
  indexedUpTo: number,
): StoredIndexRow[] {
  const meta: StoredMeta = { key, indexedUpTo, scalars: {}, arrays: {} };
  const rows: StoredIndexRow[] = [];
  const visit = (value: Leaf | object, path: string): void => {
    if (typeof value === 'string' || typeof value === 'number') meta.scalars[path] = value;
    else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const array = value as TypedLeaf | string[];
      const kind: ArrayKind = Array.isArray(array) ? 'strings' : kindOf(array);
      const size = kind === 'strings' ? STRING_CHUNK : CHUNK;
      const chunks = Math.ceil(array.length / size);
      meta.arrays[path] = { kind, length: array.length, chunks };
      for (let i = 0; i < chunks; i++)
        rows.push({ key: `${path}:${i}`, value: array.slice(i * size, (i + 1) * size) });
    } else
      for (const [name, child] of Object.entries(value))
        visit(child as Leaf, path ? `${path}.${name}` : name);
  };
  visit(snapshot, '');
  rows.push({ key: META_KEY, value: meta });
  return rows;
}

/** Reads a stored snapshot back; null when there is none, it is for another key, or broken. */
async function readSnapshot(
  db: WenmaiDB,
  key: string,
): Promise<{ snapshot: CorpusIndexSnapshot; indexedUpTo: number } | null> {
  const meta = (await db.corpusIndex.get(META_KEY))?.value as StoredMeta | undefined;
  if (!meta || meta.key !== key) return null;
  const keys = Object.entries(meta.arrays).flatMap(([path, { chunks }]) =>
    Array.from({ length: chunks }, (_, i) => `${path}:${i}`),
  );
  const rows = await db.corpusIndex.bulkGet(keys);
  const byKey = new Map(rows.flatMap((row) => (row ? [[row.key, row.value]] : [])));
  const root: Record<string, unknown> = {};
  const place = (path: string, value: unknown): void => {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = value;
  };
  for (const [path, value] of Object.entries(meta.scalars)) place(path, value);
  for (const [path, { kind, length, chunks }] of Object.entries(meta.arrays)) {
    const parts: unknown[] = [];
    for (let i = 0; i < chunks; i++) {
      const part = byKey.get(`${path}:${i}`);
      if (part === undefined) return null; // a chunk is missing: build afresh
      parts.push(part);
    }
    if (kind === 'strings') place(path, (parts as string[][]).flat());
    else {
      const array = TYPED[kind](length);
      let at = 0;
      for (const part of parts as TypedLeaf[]) {
        array.set(part, at);
        at += part.length;
      }
      if (at !== length) return null;
      place(path, array);
    }
  }
  return { snapshot: root as unknown as CorpusIndexSnapshot, indexedUpTo: meta.indexedUpTo };
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The corpus index as the background keeps it: stored in IndexedDB (table corpusIndex), loaded
 * in one read of a few large rows when the service worker starts, updated article by article as
 * the corpus changes, and saved shortly after. It is built from the articles only when there is no
 * usable stored index (first start, a new glossary or shipped corpus), page by page.
 */
export class CorpusStore {
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private warming: { timer: ReturnType<typeof setTimeout> | null } = { timer: null };
  /** When the oldest change not yet saved was made (Date.now()), or null. */
  private unsavedSince: number | null = null;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  /** The latest `addedAt` among indexed articles (see StoredMeta). */
  private indexedUpTo = 0;
  /** How long each step of opening took, in ms (for npm run bench:scale). */
  readonly openTimes: Record<string, number> = {};

  private constructor(
    private readonly db: WenmaiDB,
    readonly index: CorpusIndex,
    readonly key: string,
  ) {}

  /** The key a stored index must carry to be used with this glossary and shipped corpus. */
  static async keyFor(db: WenmaiDB, glossary: MatchingGlossary): Promise<string> {
    return `${INDEX_FORMAT}|${glossary.key}|${(await importedBundleVersion(db)) ?? 'no-bundle'}`;
  }

  static async open(
    db: WenmaiDB,
    glossary: MatchingGlossary,
    onProgress: (progress: CorpusStoreProgress) => void = () => {},
  ): Promise<CorpusStore> {
    const key = await CorpusStore.keyFor(db, glossary);
    onProgress({ state: 'loading', done: 0, total: 0 });
    let started = performance.now();
    const lap = (step: string): void => {
      const now = performance.now();
      store.openTimes[step] = now - started;
      started = now;
    };
    const stored = await readSnapshot(db, key).catch(() => null);
    const readMs = performance.now() - started;
    started = performance.now();
    const index = new CorpusIndex(glossary, new DbTexts(db), stored?.snapshot);
    const store = new CorpusStore(db, index, key);
    store.openTimes.read = readMs;
    lap('restore');
    if (stored) {
      store.indexedUpTo = stored.indexedUpTo;
      await store.catchUp(onProgress);
      lap('catchUp');
    } else {
      await store.indexAll(onProgress);
      lap('index');
      performance.mark(IMPORT_MARKS.indexBuilt);
      store.dirty = true;
      await store.save();
      lap('save');
    }
    onProgress({ state: 'ready', done: index.size, total: index.size, stored: stored !== null });
    // The first page's query would build the signature position index and weigh the passages:
    // do it now, in short tasks of their own, while the worker waits for that query.
    store.warmSoon(0);
    return store;
  }

  /** Brings a stored index up to date with the articles: what a stopped worker left undone. */
  private async catchUp(onProgress: (progress: CorpusStoreProgress) => void): Promise<void> {
    // Articles added after the stored index was saved are found through their addedAt index…
    const recent = (await this.db.articles
      .where('addedAt')
      .above(this.indexedUpTo)
      .primaryKeys()) as string[];
    if (recent.length > 0) await this.update(recent, onProgress);
    // …and anything else (a deletion the index never heard of) shows in the count: only then are
    // all the keys compared.
    if ((await this.db.articles.count()) === this.index.size) return;
    const ids = (await this.db.articles.toCollection().primaryKeys()) as string[];
    const present = new Set(ids);
    const gone = this.index.articleIds().filter((id) => !present.has(id));
    const missing = ids.filter((id) => !this.index.has(id));
    if (gone.length > 0) this.remove(gone);
    if (missing.length > 0) await this.update(missing, onProgress);
  }

  /** Indexes every article, page by page, yielding between pages so requests are answered. */
  private async indexAll(onProgress: (progress: CorpusStoreProgress) => void): Promise<void> {
    const total = await this.db.articles.count();
    let done = 0;
    let after: string | null = null;
    for (;;) {
      const page: StoredArticle[] = await (
        after === null ? this.db.articles.orderBy('id') : this.db.articles.where('id').above(after)
      )
        .limit(PAGE)
        .toArray();
      if (page.length === 0) break;
      this.addAll(page);
      after = page.at(-1)!.id;
      done += page.length;
      onProgress({ state: 'indexing', done, total });
      await nextTask();
    }
  }

  private addAll(articles: readonly StoredArticle[]): void {
    this.index.addArticles(articles);
    for (const { addedAt } of articles)
      if (addedAt !== undefined && addedAt > this.indexedUpTo) this.indexedUpTo = addedAt;
  }

  /**
   * (Re-)indexes these articles from the database; ids no longer there are removed. `written`
   * are rows the caller just stored: they are indexed as given, without reading them back.
   */
  async update(
    ids: readonly string[],
    onProgress: (progress: CorpusStoreProgress) => void = () => {},
    written: readonly StoredArticle[] = [],
  ): Promise<void> {
    const missing: string[] = [];
    const given = new Map(written.map((row) => [row.id, row]));
    for (let i = 0; i < ids.length; i += PAGE) {
      const slice = ids.slice(i, i + PAGE);
      const rows = slice.every((id) => given.has(id))
        ? slice.map((id) => given.get(id))
        : await this.db.articles.bulkGet(slice);
      // Replaced articles leave together: one rebuild of the postings, not one per article.
      this.index.removeArticles(slice.filter((id) => this.index.has(id)));
      const found: StoredArticle[] = [];
      rows.forEach((row, k) => {
        if (row) found.push(row);
        else missing.push(slice[k]!);
      });
      this.addAll(found);
      onProgress({ state: 'indexing', done: Math.min(ids.length, i + PAGE), total: ids.length });
      if (i + PAGE < ids.length) await nextTask();
    }
    if (missing.length > 0) this.index.removeArticles(missing);
    this.changed();
  }

  remove(ids: readonly string[]): void {
    this.index.removeArticles(ids);
    this.changed();
  }

  /** Warms the index (CorpusIndex.warm, warmPassages) in short tasks, starting after `delay` ms. */
  private warmSoon(delay: number): void {
    if (this.warming.timer) clearTimeout(this.warming.timer);
    // The timers hold the index weakly and not this store: a store let go of (the keeper opened a
    // new one; bench:scale's restart measures the heap) is not kept alive to be warmed.
    const job: { timer: ReturnType<typeof setTimeout> | null } = { timer: null };
    this.warming = job;
    const target = new WeakRef(this.index);
    let from = 0;
    const step = (): void => {
      const index = target.deref();
      from = index ? index.warmPassages(from, WARM_SLICE_MS) : -1;
      job.timer = from < 0 ? null : setTimeout(step, 0);
    };
    job.timer = setTimeout(() => {
      target.deref()?.warm();
      step();
    }, delay);
  }

  private changed(): void {
    // Each change drops the passage weights: weigh again once a run of changes settles.
    this.warmSoon(SAVE_DELAY_MS);
    this.dirty = true;
    const now = Date.now();
    this.unsavedSince ??= now;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const delay = Math.min(SAVE_DELAY_MS, Math.max(0, this.unsavedSince + SAVE_MAX_WAIT_MS - now));
    this.saveTimer = setTimeout(() => void this.save(), delay);
  }

  /** Writes the index now if it changed (also called before a test or a benchmark reads it). */
  save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.unsavedSince = null;
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const rows = snapshotRows(this.index.snapshot(), this.key, this.indexedUpTo);
      try {
        await this.db.transaction('rw', this.db.corpusIndex, async () => {
          await this.db.corpusIndex.clear();
          await this.db.corpusIndex.bulkPut(rows);
        });
      } catch (error) {
        // Not stored: the next start indexes from the articles (slower, nothing lost).
        this.dirty = true;
        console.warn('Wenmai could not store its corpus index:', error);
      }
    });
    return this.saving;
  }
}

/**
 * Keeps the background's corpus store: opens it on first use, and again when the glossary or the
 * shipped corpus changed (the previous store goes on answering meanwhile, and articles changed
 * meanwhile reach the new one). A failure is reported and not kept: the next request tries again.
 */
export class CorpusKeeper {
  private store: CorpusStore | null = null;
  private opening: Promise<CorpusStore> | null = null;
  private stale = true;
  private readonly changedWhileOpening = new Set<string>();
  private progress: CorpusStoreProgress = { state: 'loading', done: 0, total: 0 };
  private error: string | null = null;

  constructor(
    private readonly db: WenmaiDB,
    private readonly glossary: () => Promise<MatchingGlossary>,
  ) {}

  private open(): Promise<CorpusStore> {
    if (this.store && !this.stale) return Promise.resolve(this.store);
    if (!this.opening) {
      this.stale = false;
      this.changedWhileOpening.clear();
      this.opening = (async () => {
        const glossary = await this.glossary();
        const store = await CorpusStore.open(this.db, glossary, (p) => (this.progress = p));
        const changed = [...this.changedWhileOpening];
        if (changed.length > 0) await store.update(changed);
        return store;
      })().then(
        (store) => {
          this.store = store;
          this.opening = null;
          this.error = null;
          return store;
        },
        (error: unknown) => {
          this.opening = null;
          this.stale = true;
          this.error = error instanceof Error ? error.message : String(error);
          throw error;
        },
      );
    }
    if (!this.store) return this.opening;
    // The previous store answers meanwhile; a failure of the new one is in status().
    this.opening.catch(() => {});
    return Promise.resolve(this.store);
  }

  async index(): Promise<CorpusIndex> {
    return (await this.open()).index;
  }

  /** Re-indexes articles written to (or deleted from) the database: `rows` as written, if at hand. */
  async changed(ids: readonly string[], rows: readonly StoredArticle[] = []): Promise<void> {
    if (this.opening) for (const id of ids) this.changedWhileOpening.add(id);
    await (await this.open()).update(ids, undefined, rows);
  }

  /** The glossary or the shipped corpus changed: the next use opens a store that follows it. */
  invalidate(): void {
    this.stale = true;
  }

  status(): CorpusIndexStatus {
    return { ...this.progress, ...(this.error ? { error: this.error } : {}) };
  }

  /** Waits for a store being opened, and saves pending changes now (tests, benchmarks). */
  async flush(): Promise<void> {
    await this.opening?.catch(() => {});
    await this.store?.save();
  }
}
