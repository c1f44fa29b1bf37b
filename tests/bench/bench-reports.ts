/**
 * The bench's section d (issue 9, "Scale and speed"): the corpus of the seeds and the 2026 work
 * reports, from build to a reader's page.
 *   - corpus build time (buildBundle, median of BUILD_RUNS after a cold run), seeds alone and with
 *     the reports;
 *   - the bundle's size, raw and gzip;
 *   - the analysis of a ~30,000-character report page (a report's own paragraphs, generated at run
 *     time, never written to the repository) in the CLI: in process (read, extract, analyzePage;
 *     median) and as a whole `npm run analyze -- page.html --json` process (which builds the
 *     corpus in memory first);
 *   - in Chromium, with the built extension carrying that bundle (a copy of .output/chrome-mv3 with
 *     its corpus/bundle.json replaced, which is all a WENMAI_DATASETS build changes): the install
 *     import, from CDP's load of the unpacked extension (Chromium running) to the worker's mark of
 *     import done and of the corpus index ready, read from the worker's own clock, with its steps
 *     (tests/bench/bench-reports.ts installOnce); and the same page's
 *     page-state time (asked at the load event, so it waits for the extraction and the analysis)
 *     with the main thread's tasks over 50 ms that Wenmai made long (Chromium trace).
 * The reports are WENMAI_DATASETS's folders, else ../shared/datasets/gov-work-reports-2026 where it
 * lies; without either, the seeds alone are measured and the report says so.
 * Prints figures and PASS/MISS against "nothing the reader waits for over 1 s, no task over 50 ms
 * added on a page"; never asserts (noisy on a shared machine: medians).
 *   BENCH_ONLY=reports npm run bench          (this section alone)
 *   BENCH_ONLY=reports-browser npm run bench  (its browser part alone)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CorpusBundle } from '../../lib/bundle';
import { CorpusIndex } from '../../lib/match/corpus-index';
import type { PageState } from '../../lib/page-state';
import { analyzeFile } from '../../corpus/analyze';
import {
  buildBundle,
  PATHS,
  serializeBundle,
  type BuildInput,
} from '../../corpus/build/build-corpus';
import { DATASETS_ENV, datasetFolders, readDatasets } from '../../corpus/datasets';
import {
  EXTENSION_DIR,
  launch,
  launchForInstall,
  ROOT,
  sendToTab,
  serve,
  waitForImport,
  type Launched,
} from '../e2e/harness';
import { IMPORT_MARKS } from '../../lib/db/import-bundle';
import { readReports, REPORTS_DIR, reportsPresent } from '../reports-2026';
import { reportPageOf } from '../report-pages';
import { chineseNewsPage } from './browser-pages';
import { isWenmais, LONG_TASK_MS, longTasks, startTrace, type Task } from './bench-heavy';
import { printTable } from './print-table';

const PAGE_CHARS = 30_000;
/** What the reader may wait for (issue 9): the install import, a page's analysis. */
const WAIT_BUDGET_MS = 1000;
const BUILD_RUNS = Math.max(1, Number(process.env.BENCH_BUILD_RUNS ?? 3) || 3);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);

type Out = (line?: string) => void;

const median = (xs: readonly number[]): number => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number): string =>
  Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const kib = (bytes: number): string =>
  `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));
const progress = (what: string): void => console.error(`  … ${what}`);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

interface Variant {
  label: string;
  bundle: CorpusBundle;
  /** The bundle as the extension ships it (bytes of corpus/bundle.json). */
  json: string;
}

interface Page30k {
  path: string;
  html: string;
  chars: number;
  what: string;
}

/** The folders that hold the reports for this run, and what to say about them. */
function reportFolders(): { folders: string[]; note: string } {
  const fromEnv = datasetFolders();
  if (fromEnv.length > 0) return { folders: fromEnv, note: `${DATASETS_ENV}=${fromEnv.join(':')}` };
  if (reportsPresent)
    return {
      folders: [REPORTS_DIR],
      note: `${REPORTS_DIR} (${DATASETS_ENV} unset; read where they lie)`,
    };
  return { folders: [], note: '' };
}

/** Builds each variant's bundle BUILD_RUNS + 1 times; prints the times, returns the bundles. */
function buildVariants(out: Out, folders: readonly string[]): Variant[] {
  const seeds: BuildInput = {
    sourcesDir: PATHS.sources,
    glossaryDir: PATHS.glossary,
    boilerplatePath: PATHS.boilerplate,
  };
  const inputs: [string, BuildInput][] = [['seeds', seeds]];
  if (folders.length > 0) {
    const { articles } = readDatasets(folders);
    inputs.push([`seeds + ${articles.length} reports`, { ...seeds, datasets: articles }]);
  }
  const rows: string[][] = [];
  const variants: Variant[] = [];
  for (const [label, input] of inputs) {
    progress(`corpus build, ${label}: ${BUILD_RUNS + 1} runs`);
    const [bundle, cold] = time(() => buildBundle(input));
    const warm = Array.from({ length: BUILD_RUNS }, () => time(() => buildBundle(input))[1]);
    const json = serializeBundle(bundle);
    const chars = bundle.articles.reduce((n, a) => n + a.text.length, 0);
    rows.push([
      label,
      `${bundle.articles.length} articles, ${int(chars)} clean chars, ${int(bundle.passageLinks.length)} links`,
      ms(cold),
      `${ms(median(warm))} (${warm.map(ms).join(', ')})`,
      kib(Buffer.byteLength(json)),
      kib(gzipSync(json).length),
    ]);
    variants.push({ label, bundle, json });
  }
  printTable(
    out,
    [
      'corpus',
      'what',
      'build ms (cold)',
      `build ms, median of ${BUILD_RUNS}`,
      'bundle raw',
      'bundle gzip',
    ],
    rows,
  );
  return variants;
}

/** The 30,000-character page: the longest report's paragraphs, or without reports the seeds'. */
function page30k(dir: string, withReports: boolean, folders: readonly string[]): Page30k {
  const reports = withReports ? folders.flatMap((folder) => readReports(folder)) : [];
  const longest = reports.sort((a, b) => b.fullText.length - a.fullText.length)[0];
  const path = join(dir, 'report-30k.html');
  if (longest) {
    const { html, chars } = reportPageOf(longest, PAGE_CHARS);
    writeFileSync(path, html);
    return { path, html, chars, what: `${longest.title}, its first ${int(chars)} characters` };
  }
  const page = chineseNewsPage(PATHS.sources, PAGE_CHARS);
  writeFileSync(path, page.html);
  return { path, html: page.html, chars: page.textChars, what: `seed paragraphs (no reports)` };
}

const summary = (state: PageState): string => {
  const top = state.similar[0];
  return (
    `${state.article?.chars ?? 0} chars, ${state.article?.passages ?? 0} passages; ` +
    `top similar: ${top ? `${top.title} (${top.relation} ${top.score.toFixed(2)})` : 'none'}; ` +
    `${state.parallels.length} passages with parallels, ${state.terms.length} terms`
  );
};

interface CliResult {
  analyzeMs: number;
  processMs: number;
}

/** The CLI on the page: in process (median), and one whole `npm run analyze` process. */
async function benchCli(
  out: Out,
  variant: Variant,
  page: Page30k,
  folders: readonly string[],
): Promise<CliResult> {
  progress('CLI analysis in process');
  const [corpus, indexMs] = time(() => CorpusIndex.fromBundle(variant.bundle));
  await analyzeFile(page.path, corpus); // warm-up: JIT, jsdom
  const times: number[] = [];
  let state: PageState | null = null;
  for (let i = 0; i < RUNS + 2; i++) {
    const start = performance.now();
    state = await analyzeFile(page.path, corpus);
    times.push(performance.now() - start);
  }
  out(
    `  in process (readText + jsdom + extractArticle + analyzePage; corpus index from the bundle ${ms(indexMs)} ms, once): ` +
      `median ${ms(median(times))} ms of ${times.length} (${times.map(ms).join(', ')})`,
  );
  if (state) out(`    ${summary(state)}`);
  progress('CLI analysis as a process (it builds the corpus in memory first)');
  const env = { ...process.env };
  if (folders.length > 0) env[DATASETS_ENV] = folders.join(':');
  else delete env[DATASETS_ENV];
  const start = performance.now();
  const json = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'corpus/analyze.ts', page.path, '--json'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
    },
  ).toString();
  const processMs = performance.now() - start;
  const fromProcess = JSON.parse(json) as PageState;
  out(
    `  npm run analyze -- page.html --json as a process (node start, ${folders.length ? 'corpus built in memory, ' : ''}analysis): ` +
      `${ms(processMs)} ms, once; its top similar: ${fromProcess.similar[0]?.title ?? 'none'}`,
  );
  return { analyzeMs: median(times), processMs };
}

/** An extension folder: the built one with this variant's bundle in place of its own. */
function extensionWith(variant: Variant, work: string, name: string): string {
  const dir = join(work, name);
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'corpus', 'bundle.json'), variant.json);
  return dir;
}

/** One install, in ms from the call that installs the extension (CDP Extensions.loadUnpacked). */
interface Install {
  /** Chromium: reading and registering the extension, creating the worker (its timeOrigin). */
  worker: number;
  /** The background script's first line (compiled and evaluated by then). */
  start: number;
  fetched: number;
  parsed: number;
  databaseOpen: number;
  /** Import done: the bundle stored (what import-status "done" reports). */
  done: number;
  /** The corpus index built and saved: a page's analysis is answered from here on. */
  ready: number;
  failed: string;
}

/**
 * Installs the extension in a fresh profile and reads, from the worker's own clock, when each
 * step ended (the background's User Timing marks, IMPORT_MARKS). The clock starts at the install
 * call, with Chromium already running. Nothing else runs meanwhile: polling import-status from an
 * extension page, as this bench did before, loaded that page during the import and counted up to
 * 25 ms of polling. The worker is asked every 100 ms; the times come from the marks, not from
 * when it is asked.
 */
async function installOnce(dir: string): Promise<Install> {
  const { context, install } = await launchForInstall(dir);
  try {
    const installed = Date.now();
    const { worker } = await install();
    const deadline = performance.now() + 60_000;
    let marks = new Map<string, number>();
    let origin = NaN;
    while (performance.now() < deadline) {
      const seen = await worker.evaluate(() => ({
        origin: performance.timeOrigin,
        marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const),
      }));
      origin = seen.origin;
      marks = new Map(seen.marks);
      if (marks.has(IMPORT_MARKS.indexReady)) break;
      await sleep(100);
    }
    const at = (name: string): number => {
      const time = marks.get(name);
      return time === undefined ? NaN : origin + time - installed;
    };
    const done = at(IMPORT_MARKS.done);
    return {
      worker: origin - installed,
      start: at(IMPORT_MARKS.start),
      fetched: at(IMPORT_MARKS.fetched),
      parsed: at(IMPORT_MARKS.parsed),
      databaseOpen: at(IMPORT_MARKS.databaseOpen),
      done,
      ready: at(IMPORT_MARKS.indexReady),
      failed: Number.isNaN(done) ? 'no import-done mark within 60 s' : '',
    };
  } finally {
    await context.close();
  }
}

interface PageLoad {
  stateMs: number;
  fromNavigationMs: number;
  tasks: Task[];
  state: PageState | null;
}

/** One load of the page in a fresh tab: page-state asked at the load event until it has the article. */
async function pageOnce(launched: Launched, url: string): Promise<PageLoad> {
  const page = await launched.context.newPage();
  try {
    const cdp = await launched.context.newCDPSession(page);
    const stopTrace = await startTrace(cdp);
    const navigated = performance.now();
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const asked = performance.now();
    let state: PageState | null = null;
    while (performance.now() - asked < 30_000) {
      try {
        state = await sendToTab(launched, page, { type: 'wenmai/page-state' });
        if (state?.article) break;
      } catch {
        // The page script is not listening yet.
      }
      await sleep(25);
    }
    const answered = performance.now();
    await sleep(1500); // what the analysis leaves behind (highlights of its terms, markers) lands in the trace
    const tasks = longTasks(await stopTrace(), url);
    await cdp.detach();
    return { stateMs: answered - asked, fromNavigationMs: answered - navigated, tasks, state };
  } finally {
    await page.close();
  }
}

interface BrowserResult {
  install: { label: string; done: number; ready: number }[];
  stateMs: number;
  wenmaiTasks: number;
  longest: number;
  /** Loads with any task Wenmai made long, of how many. */
  loadsWithWenmais: number;
  loads: number;
  /** Wenmai's tasks that were long in thread time too (not only waiting on a shared machine). */
  overInThreadTime: number;
}

async function benchBrowser(
  out: Out,
  variants: Variant[],
  page: Page30k,
): Promise<BrowserResult | null> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    out(
      `  browser part skipped: no built extension in ${EXTENSION_DIR} (run "npx wxt build" first)`,
    );
    return null;
  }
  const work = mkdtempSync(join(tmpdir(), 'wenmai-bench-reports-'));
  try {
    const dirs = variants.map((v, i) => extensionWith(v, work, `extension-${i}`));
    const installs: BrowserResult['install'] = [];
    const rows: string[][] = [];
    for (const [i, variant] of variants.entries()) {
      const runs: Install[] = [];
      for (let run = 0; run < RUNS; run++) {
        progress(`install import, ${variant.label}: ${run + 1}/${RUNS}`);
        runs.push(await installOnce(dirs[i]!));
      }
      const failed = runs.filter((r) => r.failed);
      const mid = (pick: (r: Install) => number): number => median(runs.map(pick));
      const done = mid((r) => r.done);
      const ready = mid((r) => r.ready);
      installs.push({ label: variant.label, done, ready });
      rows.push([
        variant.label,
        kib(Buffer.byteLength(variant.json)),
        `${ms(done)} (${runs.map((r) => ms(r.done)).join(', ')})`,
        ms(mid((r) => r.worker)),
        ms(mid((r) => r.start - r.worker)),
        ms(mid((r) => r.parsed - r.start)),
        ms(mid((r) => r.databaseOpen - r.start)),
        ms(mid((r) => r.done - Math.max(r.parsed, r.databaseOpen))),
        `${ms(ready)} (${runs.map((r) => ms(r.ready)).join(', ')})`,
        failed.length ? `${failed.length} failed: ${failed[0]!.failed}` : '',
      ]);
    }
    out(
      `  install import in Chromium, from the install call (CDP Extensions.loadUnpacked, browser running) to the ` +
        `worker's marks (its own clock), median of ${RUNS} fresh profiles; the steps are medians of their own:`,
    );
    printTable(
      out,
      [
        'corpus',
        'bundle',
        'to import done ms',
        'Chromium: worker created',
        'script compiled + run',
        'fetch + JSON.parse',
        'database open (meanwhile)',
        'writes',
        'to index ready ms',
        '',
      ],
      rows,
    );

    const last = dirs.at(-1)!;
    const server = await serve({ reports: work });
    writeFileSync(join(work, 'report-30k.html'), page.html);
    const url = `${server.origin}/reports/report-30k.html`;
    const launched = (await launch({ extensionDir: last })) as Launched;
    try {
      const ext = await launched.context.newPage();
      await waitForImport(launched, ext);
      await ext.close();
      progress('report page: warm-up load');
      await pageOnce(launched, url);
      const loads: PageLoad[] = [];
      for (let run = 0; run < RUNS; run++) {
        progress(`report page: load ${run + 1}/${RUNS}`);
        loads.push(await pageOnce(launched, url));
      }
      const stateMs = median(loads.map((l) => l.stateMs));
      const wenmais = loads.map((l) => l.tasks.filter(isWenmais));
      out(
        `  page-state of the ${int(page.chars)}-character page in Chromium (${variants.at(-1)!.label}), ` +
          `asked at the load event, median of ${RUNS} fresh tabs after a warm-up: ${ms(stateMs)} ms ` +
          `(${loads.map((l) => ms(l.stateMs)).join(', ')}); from navigation ${ms(median(loads.map((l) => l.fromNavigationMs)))} ms`,
      );
      const state = loads.at(-1)?.state;
      if (state) out(`    ${summary(state)}`);
      out(
        `  main-thread tasks over ${LONG_TASK_MS} ms per load (duration[Wenmai's script ms, thread ms, ` +
          `ms after navigation], * Wenmai's): ` +
          loads
            .map(
              (l) =>
                l.tasks
                  .map(
                    (t) =>
                      `${ms(t.duration)}[${ms(t.extensionMs)}, ${ms(t.threadMs)}, @${t.start.toFixed(0)}]` +
                      (isWenmais(t) ? '*' : ''),
                  )
                  .join(' ') || 'none',
            )
            .join(' | '),
      );
      return {
        install: installs,
        stateMs,
        wenmaiTasks: Math.max(...wenmais.map((t) => t.length)),
        longest: Math.max(0, ...wenmais.flat().map((t) => t.duration)),
        loadsWithWenmais: wenmais.filter((t) => t.length > 0).length,
        loads: loads.length,
        overInThreadTime: wenmais.flat().filter((t) => t.threadMs > LONG_TASK_MS).length,
      };
    } finally {
      await launched.context.close();
      server.server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Section d. `browserOnly` skips the CLI figures (the build still runs: the extension needs its bundle). */
export async function benchReports(
  out: Out,
  options: { browserOnly?: boolean } = {},
): Promise<void> {
  out(
    'd. The seeds and the 2026 work reports: build, bundle, install import, a 30,000-character page',
  );
  const { folders, note } = reportFolders();
  if (folders.length > 0) out(`  reports: ${note}`);
  else
    out(
      `  the 2026 work reports are absent (no ${DATASETS_ENV}, nothing at ${REPORTS_DIR}): the seeds alone are measured`,
    );
  const variants = buildVariants(out, folders);
  const work = mkdtempSync(join(tmpdir(), 'wenmai-bench-page-'));
  try {
    const page = page30k(work, variants.length > 1, folders);
    out(
      `  page: ${page.what} (${int(page.chars)} characters, ${kib(Buffer.byteLength(page.html))} of HTML; generated, not kept)`,
    );
    const cli = options.browserOnly ? null : await benchCli(out, variants.at(-1)!, page, folders);
    const browser = await benchBrowser(out, variants, page);
    out();
    out(
      `  Targets (${variants.at(-1)!.label}; nothing the reader waits for over ${WAIT_BUDGET_MS} ms, no task over ${LONG_TASK_MS} ms added):`,
    );
    const line = (what: string, value: number, unit = 'ms'): void => {
      if (Number.isNaN(value)) out(`  —     ${what}: not measured`);
      else out(`  ${verdict(value <= WAIT_BUDGET_MS)}  ${what}: ${ms(value)} ${unit}`);
    };
    const withReports = browser?.install.at(-1);
    if (withReports) line(`install import to "done" (${withReports.label})`, withReports.done);
    if (browser) {
      line(`page-state of the ${int(page.chars)}-character page in Chromium`, browser.stateMs);
      out(
        `  ${verdict(browser.wenmaiTasks === 0)}  tasks over ${LONG_TASK_MS} ms Wenmai made on that page: ` +
          `${browser.wenmaiTasks} in the worst load` +
          (browser.wenmaiTasks
            ? ` (longest ${ms(browser.longest)} ms; loads with one: ${browser.loadsWithWenmais} of ${browser.loads}; ` +
              `over ${LONG_TASK_MS} ms of thread time: ${browser.overInThreadTime})`
            : ''),
      );
    }
    if (cli) {
      line(`CLI analysis of that page (in process)`, cli.analyzeMs);
      out(
        `  info  the whole CLI process: ${ms(cli.processMs)} ms` +
          (folders.length > 0
            ? ` (it builds the corpus with the reports in memory on every run: a developer's wait, not the reader's)`
            : ''),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-reports.ts')) {
  await benchReports(console.log, { browserOnly: process.argv.includes('--browser') });
}
