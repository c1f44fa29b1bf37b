/**
 * One run of the scale benchmark at n articles: import, store, restart, query, read naively.
 * Pure of Node and of the browser: the runner passes the database and the measuring tools in
 * (tests/bench/bench-scale.ts runs it in Node on fake-indexeddb and in Chromium's IndexedDB).
 */
import { compareArticle } from '../../lib/analyze-page';
import type { CorpusBundle } from '../../lib/bundle';
import { CorpusStore, loadGlossary } from '../../lib/db/corpus-store';
import { importBundle } from '../../lib/db/import-bundle';
import { storedArticle, type WenmaiDB } from '../../lib/db/schema';
import { articleFeatures } from '../../lib/match/article-features';
import { prepareArticle } from '../../lib/prepare-article';
import { paragraphLike, rework, scaleArticle, scaleText } from './scale-corpus';
import { mulberry32 } from './random';

export interface ScaleTools {
  db: WenmaiDB;
  bundle: CorpusBundle;
  seeds: readonly string[];
  /** Bytes of live JS heap (and array buffers) after a full collection, where measurable. */
  heap?: () => Promise<number> | number;
  /** Bytes the database takes, where measurable. */
  disk?: () => Promise<number>;
  progress?: (what: string) => void;
}

export interface ScaleResult {
  n: number;
  importPerSecond: number;
  prepareShare: number;
  saveMs: number;
  glossaryMs: number;
  readyMs: number;
  firstAnswerMs: number;
  /** Where readiness went: reading the stored rows, restoring the indexes, catching up. */
  openTimes: Record<string, number>;
  similarMs: number;
  passageMs: number;
  analyzeMs: number;
  naiveReadMs: number;
  heapBytes: number | null;
  diskBytes: number | null;
  samplingRate: number;
  found: { duplicate: string; excerpt: string; passage: string };
}

const SEED = 20261130;
const BATCH = 500;
const QUERIES = 12;

const now = (): number => performance.now();
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : 0;
};

export async function runScale(n: number, tools: ScaleTools): Promise<ScaleResult> {
  const { db, bundle } = tools;
  const text = scaleText(tools.seeds);
  await importBundle(db, bundle);
  let glossary = await loadGlossary(db);
  let store = await CorpusStore.open(db, glossary);

  // Import as the background does: prepare, store in batches, index what was stored.
  let prepareMs = 0;
  const started = now();
  for (let from = 0; from < n; from += BATCH) {
    const t = now();
    const rows = [];
    for (let i = from; i < Math.min(n, from + BATCH); i++) {
      const article = prepareArticle(
        { id: `s-${i}`, source: `synthetic-${i}.txt`, raw: scaleArticle(SEED, i, text) },
        glossary.matcher,
        glossary.stop,
      );
      rows.push(storedArticle(article, 'user', Date.now()));
    }
    prepareMs += now() - t;
    await db.articles.bulkPut(rows);
    await store.update(
      rows.map((r) => r.id),
      undefined,
      rows,
    );
    if (from % 10_000 === 0) tools.progress?.(`${n}: imported ${from + rows.length}`);
  }
  const importMs = now() - started;
  let t = now();
  await store.save();
  const saveMs = now() - t;

  // A service-worker restart: nothing in memory but the database.
  store = null as unknown as CorpusStore;
  const heapBefore = (await tools.heap?.()) ?? null;
  t = now();
  glossary = await loadGlossary(db);
  const glossaryMs = now() - t;
  store = await CorpusStore.open(db, glossary);
  const readyMs = now() - t;
  const openTimes = { ...store.openTimes };
  const heapAfter = (await tools.heap?.()) ?? null;

  const rng = mulberry32(SEED + n);
  const pick = (): number => Math.floor(rng() * n);
  const articleText = (i: number): string => scaleArticle(SEED, i, text);
  t = now();
  await compareArticle(articleText(pick()), store.index);
  const firstAnswerMs = now() - t;

  const similarTimes: number[] = [];
  const passageTimes: number[] = [];
  const analyzeTimes: number[] = [];
  const hits = { duplicate: 0, excerpt: 0, passage: 0 };
  for (let q = 0; q < QUERIES; q++) {
    const source = pick();
    const paragraphs = articleText(source).split('\n');
    // A repost with its paragraphs collapsed; an excerpt with a paragraph of its own.
    const repost = paragraphs.join('');
    const excerpt = [...paragraphs.slice(1, 3), paragraphLike(rng, text)].join('\n');
    for (const [kind, query] of [
      ['duplicate', repost],
      ['excerpt', excerpt],
    ] as const) {
      const features = articleFeatures(query, glossary.stop, glossary.matcher);
      t = now();
      const similar = await store.index.similar(features);
      similarTimes.push(now() - t);
      const expected = kind === 'duplicate' ? 'duplicate' : 'reuse';
      if (similar[0]?.articleId === `s-${source}` && similar[0].relation === expected) hits[kind]++;
    }
    const passage = rework(rng, paragraphs[2] ?? paragraphs[0]!, text);
    t = now();
    const [matches] = store.index.parallels([passage]);
    passageTimes.push(now() - t);
    if (matches?.[0]?.articleId === `s-${source}`) hits.passage++;
    t = now();
    await compareArticle(excerpt, store.index);
    analyzeTimes.push(now() - t);
  }

  // The naive way, for comparison: every article read back.
  t = now();
  const all = await db.articles.toArray();
  const naiveReadMs = now() - t;
  if (all.length !== n + bundle.articles.length) throw new Error(`read ${all.length} articles`);
  all.length = 0;

  return {
    n,
    importPerSecond: n / (importMs / 1000),
    prepareShare: prepareMs / importMs,
    saveMs,
    glossaryMs,
    readyMs,
    firstAnswerMs,
    openTimes,
    similarMs: median(similarTimes),
    passageMs: median(passageTimes),
    analyzeMs: median(analyzeTimes),
    naiveReadMs,
    heapBytes: heapBefore !== null && heapAfter !== null ? heapAfter - heapBefore : null,
    diskBytes: (await tools.disk?.()) ?? null,
    samplingRate: store.index.passageSamplingRate,
    found: {
      duplicate: `${hits.duplicate}/${QUERIES}`,
      excerpt: `${hits.excerpt}/${QUERIES}`,
      passage: `${hits.passage}/${QUERIES}`,
    },
  };
}
