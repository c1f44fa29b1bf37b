/**
 * npm run bench:scale — the corpus at 1,000 / 10,000 / 100,000 articles (BENCH_SCALE_SIZES to
 * choose): import throughput, the stored index's size, readiness after a service-worker restart,
 * query times and memory, side by side with a naive read of every article. Runs in Debian's
 * Chromium against its real IndexedDB (tests/bench/scale-page.ts, bundled with esbuild, in a page
 * of a local server); BENCH_SCALE_NODE=1 runs it in Node on fake-indexeddb instead (an in-memory
 * IndexedDB: its times are not Chromium's, the index's are).
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT, serve } from '../e2e/harness';
import { PATHS } from '../../corpus/build/build-corpus';
import { parseBundle } from '../../lib/bundle';
import { WenmaiDB } from '../../lib/db/schema';
import { seed } from '../seeds';
import { runScale, type ScaleResult } from './scale-run';

const GOALS = {
  readyMs: 500,
  similarMs: 50,
  passageMs: 50,
  heapMiB: 150,
  importPerSecond: 1000,
};

const sizes = (process.env.BENCH_SCALE_SIZES ?? '1000,10000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);

const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const bundle = (() => {
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();
const seeds = (['000', '001', '002', '003', '004'] as const).map(seed);

/** Bytes of the stored rows (articles as JSON, index chunks as their buffers). */
async function diskBytes(db: WenmaiDB): Promise<number> {
  let bytes = 0;
  await db.articles.each((row) => (bytes += JSON.stringify(row).length));
  await db.corpusIndex.each((row) =>
    ArrayBuffer.isView(row.value)
      ? (bytes += row.value.byteLength)
      : (bytes += JSON.stringify(row.value).length),
  );
  return bytes;
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mib = (x: number | null): string => (x === null ? 'n/a' : (x / 2 ** 20).toFixed(1));
const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

/** Runs each size in a fresh Chromium page with the real IndexedDB. */
async function runInChromium(): Promise<ScaleResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wenmai-scale-'));
  const built = await build({
    entryPoints: [join(ROOT, 'tests/bench/scale-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(join(dir, 'scale.js'), built.outputFiles[0]!.text);
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><script src="scale.js"></script>',
  );
  const { origin, server } = await serve({ scale: dir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const results: ScaleResult[] = [];
  try {
    console.log(`Wenmai scale benchmark — ${browser.version()}, IndexedDB in a page`);
    for (const n of sizes) {
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      await page.exposeFunction('wenmaiHeap', async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = (await cdp.send('Runtime.getHeapUsage')) as {
          usedSize: number;
          backingStorageSize?: number;
        };
        return usage.usedSize + (usage.backingStorageSize ?? 0);
      });
      await page.exposeFunction('wenmaiProgress', (what: string) => console.error(`  … ${what}`));
      await page.goto(`${origin}/scale/index.html`);
      const result = await page.evaluate(
        ([size, seedTexts, bundleJson]) => window.runScaleInPage(size, seedTexts, bundleJson),
        [n, seeds, readFileSync(PATHS.bundle, 'utf8')] as const,
      );
      results.push(result);
      await page.close();
      console.error(`  … ${n} done`);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function runInNode(): Promise<ScaleResult[]> {
  console.log(`Wenmai scale benchmark — Node ${process.version}, fake-indexeddb`);
  if (!gc) console.log('  (run with node --expose-gc for heap figures: npm run bench:scale does)');
  const results: ScaleResult[] = [];
  for (const n of sizes) {
    const db = new WenmaiDB(`wenmai-scale-${n}`);
    const result = await runScale(n, {
      db,
      bundle,
      seeds,
      ...(gc ? { heap } : {}),
      disk: () => diskBytes(db),
      progress: (what) => console.error(`  … ${what}`),
    });
    results.push(result);
    db.close();
    await Dexie.delete(db.name);
    console.error(`  … ${n} done`);
  }
  return results;
}

async function main(): Promise<void> {
  const results = process.env.BENCH_SCALE_NODE === '1' ? await runInNode() : await runInChromium();
  const rows: [string, (r: ScaleResult) => string][] = [
    [
      'import (articles/s)',
      (r) => `${r.importPerSecond.toFixed(0)} (${(r.prepareShare * 100).toFixed(0)} % preparing)`,
    ],
    ['store the index (ms)', (r) => ms(r.saveMs)],
    ['restart: glossary ready (ms)', (r) => ms(r.glossaryMs)],
    ['restart: corpus ready (ms)', (r) => ms(r.readyMs)],
    [
      '  of which read / restore / catch up',
      (r) => ['read', 'restore', 'catchUp'].map((k) => ms(r.openTimes[k] ?? 0)).join(' / '),
    ],
    ['restart: first page answer (ms)', (r) => ms(r.firstAnswerMs)],
    ['naive: read every article (ms)', (r) => ms(r.naiveReadMs)],
    ['ready vs naive read', (r) => `${(r.readyMs / r.naiveReadMs).toFixed(2)}×`],
    ['similarity query, median (ms)', (r) => ms(r.similarMs)],
    ['passage query, median (ms)', (r) => ms(r.passageMs)],
    ['page analysis (excerpt), median (ms)', (r) => ms(r.analyzeMs)],
    ['index memory after restart (MiB)', (r) => mib(r.heapBytes)],
    [
      'stored, articles + index (MB)',
      (r) => (r.diskBytes === null ? 'n/a' : (r.diskBytes / 1e6).toFixed(1)),
    ],
    ['passage sampling rate', (r) => `1/${r.samplingRate}`],
    [
      'found: duplicate / excerpt / passage',
      (r) => `${r.found.duplicate} ${r.found.excerpt} ${r.found.passage}`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `\n${'articles'.padEnd(width)}  ${results.map((r) => String(r.n).padStart(16)).join('')}`,
  );
  for (const [label, cell] of rows)
    console.log(`${label.padEnd(width)}  ${results.map((r) => cell(r).padStart(16)).join('')}`);
  const largest = results.at(-1);
  if (!largest) return;
  console.log(`\nGoals at ${largest.n} articles:`);
  console.log(
    `  ready ≤ ${GOALS.readyMs} ms after a restart: ${ms(largest.readyMs)} ms ${mark(largest.readyMs <= GOALS.readyMs)}`,
  );
  console.log(
    `  similarity query < ${GOALS.similarMs} ms: ${ms(largest.similarMs)} ms ${mark(largest.similarMs < GOALS.similarMs)}`,
  );
  console.log(
    `  passage query < ${GOALS.passageMs} ms: ${ms(largest.passageMs)} ms ${mark(largest.passageMs < GOALS.passageMs)}`,
  );
  if (largest.heapBytes !== null)
    console.log(
      `  index memory < ${GOALS.heapMiB} MiB: ${mib(largest.heapBytes)} MiB ${mark(largest.heapBytes / 2 ** 20 < GOALS.heapMiB)}`,
    );
  console.log(
    `  import ≥ ${GOALS.importPerSecond} articles/s: ${largest.importPerSecond.toFixed(0)} ${mark(largest.importPerSecond >= GOALS.importPerSecond)}`,
  );
}

await main();
