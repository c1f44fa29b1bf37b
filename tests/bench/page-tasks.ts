/**
 * What each main-thread task of one page's load did, for builds side by side: for the bench's
 * 30,000-character report page (TASKS_PAGE=report, the default; built at run time from the 2026
 * reports, never written to the repository), its 100,000-character Chinese page (zh) or the
 * 50,000-element page (elements), each load prints every task over TASKS_MIN_MS (default 15) with
 * what ran directly in it (parse, DOMContentLoaded, animation frame callbacks, style, layout,
 * paint, a script by file) and its thread time; at which animation frames (from the page's start)
 * the first highlights were registered; and a SUMMARY line of the tasks over 50 ms as
 * bench-reports counts them (duration[Wenmai's script ms], * when Wenmai's).
 * TASKS_BUILDS names extension folders (or `without`) comma-separated; TASKS_ROUNDS goes through
 * them that many times, alternating, so a busy machine weighs on each alike. TASKS_RUNS loads each,
 * after one warm-up; page-state is asked from the load event as the bench asks it.
 *   TASKS_BUILDS=/tmp/before,.output/chrome-mv3 TASKS_ROUNDS=3 npx tsx tests/bench/page-tasks.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXTENSION_DIR,
  launch,
  ROOT,
  sendToTab,
  serve,
  waitUntilReady,
  type Launched,
} from '../e2e/harness';
import { reportPageOf } from '../report-pages';
import { readReports, REPORTS_DIR } from '../reports-2026';
import {
  isWenmais,
  longTasks,
  navigationStart,
  startTrace,
  TASK_EVENTS,
  type TraceEvent,
} from './bench-heavy';
import { chineseNewsPage } from './browser-pages';
import { manyElementsPage } from './heavy-pages';

const RUNS = Number(process.env.TASKS_RUNS ?? 5);
const ROUNDS = Number(process.env.TASKS_ROUNDS ?? 1);
const MIN_MS = Number(process.env.TASKS_MIN_MS ?? 15);
const BUILDS = (process.env.TASKS_BUILDS ?? EXTENSION_DIR).split(',');

/** In the page's world from its start: each animation frame's time, readyState and highlights. */
const WATCH_FRAMES = `(() => {
  const frames = (window.__frames = []);
  const tick = () => {
    const highlight = CSS.highlights.get('wenmai-term');
    frames.push([performance.now(), document.readyState, highlight ? highlight.size : 0]);
    if (frames.length < 10) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
type Frame = [number, string, number];

function pageHtml(which: string): string {
  const sources = join(ROOT, 'corpus', 'sources');
  if (which === 'zh') return chineseNewsPage(sources).html;
  if (which === 'elements') return manyElementsPage(sources).html;
  const longest = readReports().sort((a, b) => b.fullText.length - a.fullText.length)[0];
  if (!longest) throw new Error(`no reports in ${REPORTS_DIR}`);
  return reportPageOf(longest, 30_000).html;
}

async function loadOnce(launched: Launched | { context: Launched['context'] }, url: string) {
  const tab = await launched.context.newPage();
  await tab.addInitScript(WATCH_FRAMES);
  const cdp = await launched.context.newCDPSession(tab);
  const stop = await startTrace(cdp);
  await tab.goto(url, { waitUntil: 'load' });
  if ('worker' in launched) {
    const asked = performance.now();
    while (performance.now() - asked < 10_000) {
      const state = await sendToTab(launched, tab, { type: 'wenmai/page-state' }).catch(() => null);
      if (state?.article) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  await new Promise((r) => setTimeout(r, 1500));
  const frames = (await tab.evaluate('window.__frames')) as Frame[];
  const events = await stop();
  await cdp.detach();
  await tab.close();
  return { frames, events };
}

/** Each task over MIN_MS after navigation: its duration, thread time and direct children. */
function describeTasks(events: readonly TraceEvent[], url: string): string[] {
  const start = navigationStart(events, url);
  if (!start) return ['    (no navigation in the trace)'];
  const main = events
    .filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.ts >= start.ts)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const lines: string[] = [];
  let end = -Infinity;
  for (const task of main.filter((e) => TASK_EVENTS.has(e.name))) {
    if (task.ts < end) continue; // nested in the task before
    end = task.ts + (task.dur ?? 0);
    if ((task.dur ?? 0) < MIN_MS * 1000) continue;
    const children: string[] = [];
    let childEnd = -Infinity;
    for (const e of main) {
      if (e.ts < task.ts || e.ts >= end || e.ts < childEnd || TASK_EVENTS.has(e.name)) continue;
      childEnd = e.ts + (e.dur ?? 0);
      if ((e.dur ?? 0) < 500) continue;
      const data = e.args?.data as { type?: string; url?: string } | undefined;
      const what = data?.type ?? data?.url?.split('/').pop() ?? '';
      children.push(`${e.name}${what ? `(${what})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`);
    }
    lines.push(
      `    @${((task.ts - start.ts) / 1000).toFixed(0)} ${((task.dur ?? 0) / 1000).toFixed(1)} ms ` +
        `(thread ${((task.tdur ?? NaN) / 1000).toFixed(1)}): ${children.join(', ')}`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wenmai-page-tasks-'));
  writeFileSync(join(dir, 'page.html'), pageHtml(process.env.TASKS_PAGE ?? 'report'));
  const { origin, server } = await serve({ tasks: dir });
  const url = `${origin}/tasks/page.html`;
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const build of BUILDS) {
        const launched = await launch(
          build === 'without' ? { extension: false } : { extensionDir: build },
        );
        try {
          if ('worker' in launched) await waitUntilReady(launched);
          await loadOnce(launched, url); // warm-up
          for (let run = 1; run <= RUNS; run++) {
            const { frames, events } = await loadOnce(launched, url);
            const long = longTasks(events, url);
            console.log(
              `SUMMARY ${build} ${run}: ` +
                (long
                  .map(
                    (t) =>
                      `${t.duration.toFixed(1)}[${t.extensionMs.toFixed(1)}]${isWenmais(t) ? '*' : ''}`,
                  )
                  .join(' ') || 'none'),
            );
            console.log(
              `  frames (ms, readyState, highlights): ${frames
                .slice(0, 4)
                .map(([t, state, n]) => `${t.toFixed(0)}/${state}/${n}`)
                .join(' ')}`,
            );
            for (const line of describeTasks(events, url)) console.log(line);
          }
        } finally {
          await launched.context.close();
        }
      }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
