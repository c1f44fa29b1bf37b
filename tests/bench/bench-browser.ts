/**
 * Browser benchmark: what the built extension costs a page in Debian's Chromium, with and without
 * the extension, on a generated ~100,000-Han-character Chinese news page and an English news page
 * of about the same text length (tests/bench/browser-pages.ts).
 *
 * Per page and mode, BENCH_RUNS (default 5) fresh loads after one discarded warm-up load; medians:
 *   - long tasks (PerformanceObserver 'longtask', buffered, registered before navigation), over the
 *     load and the WINDOW_MS after the load event (with the extension on the Chinese page, at least
 *     until the article has been analyzed);
 *   - main-thread script and task time and JS heap from CDP Performance.getMetrics;
 *   - time from DOMContentLoaded to the first 'wenmai-term' highlight (polled per animation frame);
 *   - with the extension on the Chinese page: script switches simplified → traditional → original
 *     (end to end, from the service worker), the byte-identical restore, heap after a switch.
 * Then, unless BENCH_PROFILE=0, one extra profiled load (CDP CPU profile) to attribute each long
 * main-thread burst to the content script's functions.
 *
 * Prints a report with targets and PASS/MISS; never asserts times (exit code 0 unless it crashes).
 *   npm run bench:browser        (builds the extension first)
 *   npx tsx tests/bench/bench-browser.ts   (uses .output/chrome-mv3 as built)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { PageState } from '../../lib/page-state';
import {
  CHROMIUM,
  EXTENSION_DIR,
  launch,
  ROOT,
  sendToTab,
  serve,
  waitForImport,
  waitForState,
  type Launched,
} from '../e2e/harness';
import { chineseNewsPage, englishNewsPage } from './browser-pages';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
const PROFILE = process.env.BENCH_PROFILE !== '0';
/** Observation window after the load event. */
const WINDOW_MS = 3000;
/** The first-highlight poll runs this long after DOMContentLoaded, in both modes alike. */
const POLL_MS = 3000;
const TARGET_FIRST_HIGHLIGHT_MS = 200;
const LONG_TASK_MS = 50;

// ---------------------------------------------------------------------------------------------
// Helpers

const benchStart = performance.now();
const out = (line = ''): void => console.log(line);
const progress = (what: string): void =>
  console.error(`  … ${what} (${((performance.now() - benchStart) / 1000).toFixed(1)} s)`);

const median = (xs: readonly number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number): string =>
  !Number.isFinite(x) ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
const mb = (bytes: number): string => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(2) : '—');
const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '—';
const signed = (x: number, fmt: (x: number) => string): string =>
  Number.isFinite(x) ? (x > 0 ? '+' : x < 0 ? '−' : '±') + fmt(Math.abs(x)) : '—';
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

function table(headers: string[], rows: string[][], align: ('l' | 'r')[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string =>
    '  ' + cells.map((c, i) => (align[i] === 'l' ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out(fmt(headers));
  out('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) out(fmt(row));
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation. A string, not a function: tsx would wrap inner functions in __name().

const INIT_SCRIPT = `(() => {
  if (window.top !== window) return;
  const b = (window.__wenmaiBench = { dcl: null, firstHighlight: null, longTasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    b.error = String(e);
  }
  document.addEventListener('DOMContentLoaded', () => {
    b.dcl = performance.now();
    const stopAt = b.dcl + ${POLL_MS};
    const poll = () => {
      const h = window.CSS && CSS.highlights && CSS.highlights.get('wenmai-term');
      if (b.firstHighlight === null && h && h.size > 0) b.firstHighlight = performance.now();
      if (performance.now() < stopAt) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }, { once: true });
})();`;

interface LongTask {
  start: number;
  duration: number;
}
interface BenchData {
  dcl: number | null;
  firstHighlight: number | null;
  longTasks: LongTask[];
  error?: string;
  now: number;
  load: number;
  highlightsNow: number;
}
const READ_BENCH = `(() => {
  const b = window.__wenmaiBench;
  const nav = performance.getEntriesByType('navigation')[0];
  const h = CSS.highlights && CSS.highlights.get('wenmai-term');
  return { ...b, longTasks: [...b.longTasks], now: performance.now(), load: nav ? nav.loadEventEnd : NaN, highlightsNow: h ? h.size : 0 };
})()`;

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

const longTaskStats = (tasks: readonly LongTask[]) => ({
  count: tasks.length,
  total: tasks.reduce((n, t) => n + t.duration, 0),
  longest: tasks.reduce((n, t) => Math.max(n, t.duration), 0),
});

// ---------------------------------------------------------------------------------------------
// One load

interface SwitchResult {
  simplified: number;
  traditional: number;
  original: number;
  scripts: string;
  restored: boolean;
  heapAfterTraditional: number;
  heapAfterTraditionalGc: number;
  heapAfterOriginalGc: number;
  longTasks: ReturnType<typeof longTaskStats>;
  scriptMs: number;
}

interface LoadResult {
  dcl: number;
  load: number;
  firstHighlight: number; // after DCL; NaN if none within the poll
  highlightsAtEnd: number;
  analyzedBy: number; // after DCL; NaN without analysis
  longTasks: ReturnType<typeof longTaskStats>;
  longTaskList: LongTask[];
  scriptMs: number;
  taskMs: number;
  heap: number;
  heapGc: number;
  state?: PageState;
  switches?: SwitchResult;
}

interface Mode {
  name: 'without' | 'with';
  context: BrowserContext;
  launched: Launched | null;
}

async function loadOnce(
  mode: Mode,
  url: string,
  options: { chinese: boolean; switches: boolean; profile?: (cdp: CDPSession, phase: 'start' | 'loaded' | 'switched') => Promise<void> },
): Promise<LoadResult> {
  const page = await mode.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.addInitScript(INIT_SCRIPT);
    const cdp = await mode.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const m0 = await metrics(cdp);
    await options.profile?.(cdp, 'start');
    await page.goto(url, { waitUntil: 'load' });

    let analyzedAt = NaN;
    let state: PageState | undefined;
    if (mode.launched && options.chinese) {
      state = await waitForState(mode.launched, page, (s) => s.article !== null, 30_000);
      analyzedAt = (await page.evaluate('performance.now()')) as number;
    }
    // Wait out the window after the load event (page clock).
    const sinceLoad = (await page.evaluate(
      "performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd",
    )) as number;
    if (sinceLoad < WINDOW_MS) await sleep(WINDOW_MS - sinceLoad);
    const data = (await page.evaluate(READ_BENCH)) as BenchData;
    if (data.error) throw new Error(`longtask observer: ${data.error}`);
    const m1 = await metrics(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const m1gc = await metrics(cdp);
    await options.profile?.(cdp, 'loaded');
    const dcl = data.dcl ?? NaN;
    const result: LoadResult = {
      dcl,
      load: data.load,
      firstHighlight: data.firstHighlight === null ? NaN : data.firstHighlight - dcl,
      highlightsAtEnd: data.highlightsNow,
      analyzedBy: analyzedAt - dcl,
      longTasks: longTaskStats(data.longTasks),
      longTaskList: data.longTasks,
      scriptMs: (m1.ScriptDuration! - m0.ScriptDuration!) * 1000,
      taskMs: (m1.TaskDuration! - m0.TaskDuration!) * 1000,
      heap: m1.JSHeapUsedSize!,
      heapGc: m1gc.JSHeapUsedSize!,
      ...(state ? { state } : {}),
    };

    if (options.switches && mode.launched) {
      const launched = mode.launched;
      const before = (await page.evaluate('document.body.innerHTML')) as string;
      const tasksBefore = data.longTasks.length;
      const s0 = await metrics(cdp);
      const timed = async (script: 'simplified' | 'traditional' | 'original'): Promise<[number, string]> => {
        const start = performance.now();
        const reply = await sendToTab(launched, page, { type: 'wenmai/set-script', script });
        return [performance.now() - start, reply?.script ?? 'null'];
      };
      const [simplified, a] = await timed('simplified');
      const [traditional, b] = await timed('traditional');
      const afterTraditional = await metrics(cdp);
      await cdp.send('HeapProfiler.collectGarbage');
      const afterTraditionalGc = await metrics(cdp);
      const [original, c] = await timed('original');
      await sleep(100); // let the last rescan's long task (if any) be reported
      const after = (await page.evaluate('document.body.innerHTML')) as string;
      const s1 = await metrics(cdp);
      await cdp.send('HeapProfiler.collectGarbage');
      const afterOriginalGc = await metrics(cdp);
      const tasks = ((await page.evaluate(READ_BENCH)) as BenchData).longTasks.slice(tasksBefore);
      await options.profile?.(cdp, 'switched');
      result.switches = {
        simplified,
        traditional,
        original,
        scripts: `${a}/${b}/${c}`,
        restored: before === after,
        heapAfterTraditional: afterTraditional.JSHeapUsedSize!,
        heapAfterTraditionalGc: afterTraditionalGc.JSHeapUsedSize!,
        heapAfterOriginalGc: afterOriginalGc.JSHeapUsedSize!,
        longTasks: longTaskStats(tasks),
        scriptMs: (s1.ScriptDuration! - s0.ScriptDuration!) * 1000,
      };
    }
    await cdp.detach();
    if (errors.length) progress(`page errors: ${errors.join('; ').slice(0, 300)}`);
    return result;
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profile attribution (one extra load, with the extension, on the Chinese page)

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const CONTENT_SCRIPT = 'content-scripts/content.js';
let contentSource: string[] | null = null;

function frameLabel(frame: ProfileNode['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url.endsWith(CONTENT_SCRIPT)) return name;
  contentSource ??= readFileSync(join(EXTENSION_DIR, CONTENT_SCRIPT), 'utf8').split('\n');
  const line = contentSource[frame.lineNumber] ?? '';
  const snippet = line.slice(frame.columnNumber, frame.columnNumber + 48).replace(/\s+/g, ' ');
  // Minified names say little: show where the function starts in the bundle as well.
  return name.length > 3 ? name : `${name} «${snippet}»`;
}

/** Splits the profile into bursts of main-thread work (runs of non-idle samples) and attributes each. */
function describeBursts(profile: CpuProfile, title: string, minMs: number, emit: (line?: string) => void): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!);
    return stack; // innermost first
  };
  interface Burst {
    start: number;
    duration: number;
    content: number;
    gc: number;
    program: number;
    self: Map<string, number>;
    inclusive: Map<string, number>;
  }
  const bursts: Burst[] = [];
  let current: Burst | null = null;
  let t = profile.startTime;
  const n = profile.samples.length;
  for (let i = 0; i < n; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000; // ms
    const node = byId.get(profile.samples[i]!)!;
    const fn = node.callFrame.functionName;
    if (fn === '(idle)') {
      if (current) bursts.push(current);
      current = null;
      continue;
    }
    current ??= { start: (t - profile.startTime) / 1000, duration: 0, content: 0, gc: 0, program: 0, self: new Map(), inclusive: new Map() };
    current.duration += dt;
    if (fn === '(garbage collector)') current.gc += dt;
    if (fn === '(program)') current.program += dt;
    const stack = stackOf(node.id);
    const cs = stack.filter((f) => f.callFrame.url.endsWith(CONTENT_SCRIPT));
    if (cs.length > 0) {
      current.content += dt;
      const self = frameLabel(cs[0]!.callFrame);
      current.self.set(self, (current.self.get(self) ?? 0) + dt);
      for (const label of new Set(cs.map((f) => frameLabel(f.callFrame)))) {
        current.inclusive.set(label, (current.inclusive.get(label) ?? 0) + dt);
      }
    }
  }
  if (current) bursts.push(current);
  const big = bursts.filter((b) => b.duration >= minMs);
  emit(`  ${title}: ${bursts.length} bursts of main-thread work, ${big.length} of ${minMs} ms or more`);
  for (const b of big.sort((x, y) => x.start - y.start)) {
    const pct = (x: number): string => `${Math.round((100 * x) / b.duration)}%`;
    emit(
      `    at +${ms(b.start)} ms: ${ms(b.duration)} ms — content script ${pct(b.content)}, GC ${pct(b.gc)}, ` +
        `native/other ${pct(b.program)}`,
    );
    const top = (m: Map<string, number>, k: number, skipAbove: number): string =>
      [...m]
        .filter(([, v]) => v < skipAbove)
        .sort((x, y) => y[1] - x[1])
        .slice(0, k)
        .map(([label, v]) => `${label} ${ms(v)}`)
        .join(', ');
    if (b.content > 0) {
      emit(`      self:      ${top(b.self, 5, Infinity)}`);
      // Wrappers that cover (nearly) the whole burst say nothing: skip frames above 97% of the content time.
      emit(`      inclusive: ${top(b.inclusive, 7, b.content * 0.97)}`);
    }
  }
}

/** Lines of the profile section, printed after the report. */
const profileLines: string[] = [];

async function profiledLoad(mode: Mode, url: string): Promise<void> {
  const emit = (line = ''): void => void profileLines.push(line);
  const profiles: Record<string, CpuProfile> = {};
  await loadOnce(mode, url, {
    chinese: true,
    switches: true,
    profile: async (cdp, phase) => {
      if (phase === 'start') {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
        await cdp.send('Profiler.start');
      } else {
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
        profiles[phase] = profile;
        if (phase === 'loaded') await cdp.send('Profiler.start');
      }
    },
  });
  emit();
  emit('CPU profile of one extra load (Chinese page, with the extension; sampling every 0.25 ms).');
  emit('A burst is a run of non-idle main-thread samples (≈ one task, or back-to-back tasks);');
  emit('times are from the start of profiling (just before navigation). "self" = the innermost');
  emit('content-script function on the stack (native work it calls, e.g. layout, counts towards it).');
  if (profiles.loaded) describeBursts(profiles.loaded, 'load and analysis', LONG_TASK_MS, emit);
  if (profiles.switched) describeBursts(profiles.switched, 'script switches (→ simplified → traditional → original)', LONG_TASK_MS, emit);
}

// ---------------------------------------------------------------------------------------------
// Main

interface Series {
  page: 'zh' | 'en';
  mode: 'without' | 'with';
  loads: LoadResult[];
}

async function main(): Promise<void> {
  out('Wenmai browser benchmark');
  out(`  Chromium: ${CHROMIUM}; extension: ${EXTENSION_DIR}`);
  out(`  ${RUNS} measured loads per page and mode (fresh page each), after 1 discarded warm-up load; medians.`);
  out();

  const dir = mkdtempSync(join(tmpdir(), 'wenmai-bench-'));
  const zh = chineseNewsPage(join(ROOT, 'corpus', 'sources'));
  const en = englishNewsPage(zh.textChars);
  writeFileSync(join(dir, 'zh-news.html'), zh.html);
  writeFileSync(join(dir, 'en-news.html'), en.html);
  out(
    `Pages: Chinese ${zh.hanChars.toLocaleString('en-US')} Han / ${zh.textChars.toLocaleString('en-US')} text chars in ` +
      `${zh.paragraphs} <p> (${Math.round(Buffer.byteLength(zh.html) / 1024)} KiB, Simplified and Traditional mixed); ` +
      `English ${en.textChars.toLocaleString('en-US')} text chars in ${en.paragraphs} <p> (${Math.round(Buffer.byteLength(en.html) / 1024)} KiB).`,
  );
  const { origin, server } = await serve({ bench: dir });
  const urls = { zh: `${origin}/bench/zh-news.html`, en: `${origin}/bench/en-news.html` };

  const series: Series[] = [];
  const version = { chromium: '' };
  try {
    for (const modeName of ['without', 'with'] as const) {
      progress(`launching Chromium ${modeName} the extension`);
      const launched = await launch({ extension: modeName === 'with', headless: true });
      const mode: Mode = {
        name: modeName,
        context: launched.context,
        launched: 'worker' in launched ? launched : null,
      };
      try {
        version.chromium ||= launched.context.browser()?.version() ?? '';
        if (mode.launched) {
          const ext = await mode.context.newPage();
          await waitForImport(mode.launched, ext);
          await ext.close();
        }
        for (const pageName of ['zh', 'en'] as const) {
          const chinese = pageName === 'zh';
          progress(`${pageName} ${modeName}: warm-up load`);
          await loadOnce(mode, urls[pageName], { chinese, switches: false });
          const loads: LoadResult[] = [];
          for (let i = 0; i < RUNS; i++) {
            const r = await loadOnce(mode, urls[pageName], { chinese, switches: chinese && mode.launched !== null });
            loads.push(r);
            progress(
              `${pageName} ${modeName}: load ${i + 1}/${RUNS}: long tasks ${r.longTasks.count} (longest ${ms(r.longTasks.longest)} ms), ` +
                `script ${ms(r.scriptMs)} ms` +
                (Number.isFinite(r.firstHighlight) ? `, first highlight +${ms(r.firstHighlight)} ms` : '') +
                (r.switches
                  ? `, switches ${ms(r.switches.simplified)}/${ms(r.switches.traditional)}/${ms(r.switches.original)} ms` +
                    ` ${r.switches.restored ? 'restored OK' : 'MISMATCH'}`
                  : ''),
            );
          }
          series.push({ page: pageName, mode: modeName, loads });
        }
        if (mode.launched && PROFILE) {
          progress('profiled load (zh with extension)');
          await profiledLoad(mode, urls.zh);
        }
      } finally {
        await mode.context.close();
      }
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }

  report(series, version.chromium);
  progress('done');
}

function report(series: Series[], chromium: string): void {
  const get = (page: 'zh' | 'en', mode: 'without' | 'with'): LoadResult[] =>
    series.find((s) => s.page === page && s.mode === mode)?.loads ?? [];
  const med = (loads: LoadResult[], f: (r: LoadResult) => number): number => median(loads.map(f));

  out();
  out(`Chromium ${chromium}, headless, ${RUNS} loads each; medians. Δ = with − without.`);
  out(
    `Long tasks and CDP metrics cover navigation up to ${WINDOW_MS / 1000} s after the load event ` +
      `(with the extension on the Chinese page: and at least until the article was analyzed).`,
  );
  out('Script/task time = CDP Performance.getMetrics ScriptDuration/TaskDuration of the page (all worlds,');
  out('so the content script is included); heap = JSHeapUsedSize (the page isolate, content script included),');
  out('"after GC" = after HeapProfiler.collectGarbage.');

  const verdicts: [string, boolean, string][] = [];

  for (const page of ['zh', 'en'] as const) {
    const without = get(page, 'without');
    const withExt = get(page, 'with');
    out();
    out(page === 'zh' ? 'Chinese news page' : 'English news page');
    const rows: [string, (r: LoadResult) => number, (x: number) => string][] = [
      ['DOMContentLoaded (ms)', (r) => r.dcl, ms],
      ['load event end (ms)', (r) => r.load, ms],
      ['long tasks (count)', (r) => r.longTasks.count, (x) => (Number.isFinite(x) ? String(x) : '—')],
      ['long tasks, total (ms)', (r) => r.longTasks.total, ms],
      ['longest long task (ms)', (r) => r.longTasks.longest, ms],
      ['script time (ms)', (r) => r.scriptMs, ms],
      ['task time (ms)', (r) => r.taskMs, ms],
      ['JS heap used (MiB)', (r) => r.heap, mb],
      ['JS heap after GC (MiB)', (r) => r.heapGc, mb],
      ['first highlight − DCL (ms)', (r) => r.firstHighlight, ms],
      ['analyzed by − DCL (ms, 200-ms poll)', (r) => r.analyzedBy, ms],
    ];
    table(
      ['metric', 'without', 'with', 'with/without', 'Δ'],
      rows
        .filter(([label]) => page === 'zh' || !/analyzed/.test(label))
        .map(([label, f, fmt]) => {
          const a = med(without, f);
          const b = med(withExt, f);
          const isMb = fmt === mb;
          return [label, fmt(a), fmt(b), ratio(b, a), signed(b - a, isMb ? (x) => `${mb(x)}` : ms)];
        }),
      ['l', 'r', 'r', 'r', 'r'],
    );
    const perLoad = (loads: LoadResult[]) => loads.map((r) => ms(r.longTasks.longest)).join(', ');
    out(`  longest long task per load: without [${perLoad(without)}]; with [${perLoad(withExt)}]`);
    const lists = (loads: LoadResult[]) =>
      loads[0] ? loads[0].longTaskList.map((t) => `${ms(t.duration)}@${ms(t.start)}`).join(' ') || 'none' : '—';
    out(`  long tasks of load 1 (duration@start, ms): without: ${lists(without)}; with: ${lists(withExt)}`);
    if (page === 'zh' && withExt[0]?.state) {
      const s = withExt[0].state;
      const terms = s.terms.reduce((n, t) => n + t.count, 0);
      out(
        `  with the extension: lang ${s.lang}, ${s.terms.length} distinct terms / ${terms} highlighted ranges ` +
          `(highlight size at end of window: ${withExt[0].highlightsAtEnd}), ${s.similar.length} similar articles, ` +
          `${s.parallels.length} passages with parallels, article ${s.article?.chars ?? 0} chars`,
      );
    }
    if (page === 'en' && withExt.some((r) => r.highlightsAtEnd > 0)) out('  WARNING: highlights on the English page');

    // Targets
    const scriptA = med(without, (r) => r.scriptMs);
    const scriptB = med(withExt, (r) => r.scriptMs);
    const heapA = med(without, (r) => r.heapGc);
    const heapB = med(withExt, (r) => r.heapGc);
    const countA = med(without, (r) => r.longTasks.count);
    const countB = med(withExt, (r) => r.longTasks.count);
    const longestA = med(without, (r) => r.longTasks.longest);
    const longestB = med(withExt, (r) => r.longTasks.longest);
    const totalA = med(without, (r) => r.longTasks.total);
    const totalB = med(withExt, (r) => r.longTasks.total);
    if (page === 'en') {
      const scriptNoise = Math.max(2, 0.1 * scriptA);
      const heapNoise = Math.max(2 ** 20, 0.1 * heapA);
      const okScript = Math.abs(scriptB - scriptA) <= scriptNoise;
      const okHeap = Math.abs(heapB - heapA) <= heapNoise;
      verdicts.push([
        `English page: script time within noise, max(2 ms, 10% of baseline) = ${ms(scriptNoise)} ms`,
        okScript,
        `${ms(scriptA)} → ${ms(scriptB)} ms (Δ ${signed(scriptB - scriptA, ms)} ms)`,
      ]);
      verdicts.push([
        `English page: heap after GC within noise, max(1 MiB, 10% of baseline) = ${mb(heapNoise)} MiB`,
        okHeap,
        `${mb(heapA)} → ${mb(heapB)} MiB (Δ ${signed(heapB - heapA, mb)} MiB)`,
      ]);
    }
    if (page === 'zh') {
      const fh = med(withExt, (r) => r.firstHighlight);
      verdicts.push([
        `Chinese page: first highlights within ${TARGET_FIRST_HIGHLIGHT_MS} ms of DOMContentLoaded (median)`,
        fh <= TARGET_FIRST_HIGHLIGHT_MS,
        Number.isFinite(fh)
          ? `${ms(fh)} ms (per load: ${withExt.map((r) => ms(r.firstHighlight)).join(', ')})`
          : `no highlight within ${POLL_MS} ms of DOMContentLoaded`,
      ]);
    }
    const longestNoise = Math.max(5, 0.1 * longestA);
    const okLong = countB <= countA && longestB <= longestA + longestNoise;
    verdicts.push([
      `${page === 'zh' ? 'Chinese' : 'English'} page load: no long task attributable to the extension`,
      okLong,
      `count ${countA} → ${countB}, longest ${ms(longestA)} → ${ms(longestB)} ms, ` +
        `total ${ms(totalA)} → ${ms(totalB)} ms (Δ ${signed(totalB - totalA, ms)} ms)`,
    ]);
  }

  // Script switches
  const zhWith = get('zh', 'with').filter((r) => r.switches);
  if (zhWith.length > 0) {
    const sw = zhWith.map((r) => r.switches!);
    const first = sw[0]!;
    const rest = sw.slice(1);
    const restMed = (f: (s: SwitchResult) => number): string => (rest.length ? ms(median(rest.map(f))) : '—');
    out();
    out('Script switches on the Chinese page, with the extension (sendToTab end to end, from the service worker)');
    out("  first run = the first measured load after the browser started (the background builds OpenCC's");
    out(`  converters on first use); repeated = median of loads 2–${sw.length}.`);
    table(
      ['switch', 'first run (ms)', 'repeated (ms)'],
      [
        ['→ simplified', ms(first.simplified), restMed((s) => s.simplified)],
        ['→ traditional', ms(first.traditional), restMed((s) => s.traditional)],
        ['→ original', ms(first.original), restMed((s) => s.original)],
        [
          'round trip (all three)',
          ms(first.simplified + first.traditional + first.original),
          restMed((s) => s.simplified + s.traditional + s.original),
        ],
        ['page script time during the three (ms)', ms(first.scriptMs), restMed((s) => s.scriptMs)],
        ['long tasks during the three (count)', String(first.longTasks.count), restMed((s) => s.longTasks.count)],
        ['longest long task during the three (ms)', ms(first.longTasks.longest), restMed((s) => s.longTasks.longest)],
      ],
      ['l', 'r', 'r'],
    );
    out(`  replies' scripts: ${[...new Set(sw.map((s) => s.scripts))].join(', ')}`);
    out(
      `  body.innerHTML after → original equals the one before: ` +
        sw.map((s, i) => `load ${i + 1} ${s.restored ? 'OK' : 'MISMATCH'}`).join(', '),
    );
    const heapBase = median(zhWith.map((r) => r.heapGc));
    const heapNo = median(get('zh', 'without').map((r) => r.heapGc));
    table(
      ['JS heap, Chinese page (median)', 'MiB', 'vs without ext.'],
      [
        ['without the extension, after GC', mb(heapNo), '1.00×'],
        ['with, after load + analysis, after GC', mb(heapBase), ratio(heapBase, heapNo)],
        ['with, after → traditional (no GC)', mb(median(sw.map((s) => s.heapAfterTraditional))), ratio(median(sw.map((s) => s.heapAfterTraditional)), heapNo)],
        ['with, after → traditional, after GC', mb(median(sw.map((s) => s.heapAfterTraditionalGc))), ratio(median(sw.map((s) => s.heapAfterTraditionalGc)), heapNo)],
        ['with, after → original, after GC', mb(median(sw.map((s) => s.heapAfterOriginalGc))), ratio(median(sw.map((s) => s.heapAfterOriginalGc)), heapNo)],
      ],
      ['l', 'r', 'r'],
    );
    const longestSwitch = Math.max(...sw.map((s) => s.longTasks.longest));
    verdicts.push([
      `Script switches: no long task over ${LONG_TASK_MS} ms (all switch work is the extension's)`,
      longestSwitch <= LONG_TASK_MS,
      `longest ${ms(longestSwitch)} ms over ${sw.length} round trips`,
    ]);
    verdicts.push([
      'Script switches: → original restores body.innerHTML byte for byte',
      sw.every((s) => s.restored),
      `${sw.filter((s) => s.restored).length}/${sw.length} OK`,
    ]);
  }

  out();
  out('Targets (informational):');
  out('  - "within noise": the with-extension median lies within the stated margin of the baseline median.');
  out('  - Long tasks are attributed by difference: the page load passes when the with-extension median');
  out('    long-task count is not higher than without, and its median longest long task is within');
  out('    max(5 ms, 10%) of the baseline\'s (long tasks carry no script attribution in Chromium).');
  for (const [what, ok, detail] of verdicts) out(`  ${verdict(ok)}  ${what}: ${detail}`);

  for (const line of profileLines) out(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
