/**
 * Where Wenmai's long tasks on a heavy page go: loads one heavy page (PROFILE_PAGE=chars|elements|
 * storm, or PROFILE_URL) with the extension under Chromium's trace and V8's sampling profiler, and
 * prints, for each main-thread task over 50 ms in which the extension's scripts ran, the functions
 * of the extension's scripts that took most of it (self time, and total time by function).
 * PROFILE_PAGE=report is bench-reports' 30,000-character report page, built at run time from the
 * 2026 reports (never written to the repository); give it an extension whose corpus holds them.
 * Function names are readable only in an unminified build (EXTENSION_DIR=… of a build with
 * WENMAI_NO_MINIFY=1).
 *   WENMAI_NO_MINIFY=1 npx wxt build && npx tsx tests/bench/profile-heavy.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, ROOT, sendToTab, serve, waitUntilReady } from '../e2e/harness';
import { reportPageOf } from '../report-pages';
import { readReports, REPORTS_DIR } from '../reports-2026';
import { longTasks, startTrace } from './bench-heavy';
import { manyElementsPage, millionsOfCharsPage, mutationStormPage } from './heavy-pages';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const WAIT_MS = Number(process.env.PROFILE_WAIT_MS ?? 8000);

/** The longest report's first 30,000 characters, as bench-reports builds its page. */
function reportPage(): { html: string } {
  const longest = readReports().sort((a, b) => b.fullText.length - a.fullText.length)[0];
  if (!longest) throw new Error(`no reports in ${REPORTS_DIR}`);
  return reportPageOf(longest, 30_000);
}

async function main(): Promise<void> {
  const sources = join(ROOT, 'corpus', 'sources');
  const which = process.env.PROFILE_PAGE ?? 'chars';
  const page =
    which === 'report'
      ? reportPage()
      : which === 'elements'
        ? manyElementsPage(sources)
        : which === 'storm'
          ? mutationStormPage(sources)
          : millionsOfCharsPage(sources);
  const dir = mkdtempSync(join(tmpdir(), 'wenmai-profile-'));
  writeFileSync(join(dir, 'page.html'), page.html);
  const { origin, server } = await serve({ heavy: dir });
  const url = process.env.PROFILE_URL ?? `${origin}/heavy/page.html`;
  // PROFILE_WITHOUT=1: the page alone, for its own tasks (with PROFILE_EVENTS=1).
  const launched = await launch({
    extensionDir: process.env.EXTENSION_DIR,
    extension: !process.env.PROFILE_WITHOUT,
  });
  try {
    if ('worker' in launched) await waitUntilReady(launched);
    const tab = await launched.context.newPage();
    const cdp = await launched.context.newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const stopTrace = await startTrace(cdp);
    await tab.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const load = (await tab.evaluate(
      "performance.getEntriesByType('navigation')[0].loadEventEnd",
    )) as number;
    console.log(`load event at ${load.toFixed(0)} ms`);
    // PROFILE_ASK=1: page-state asked as the popup (and the heavy bench) asks it, every 500 ms.
    const until = performance.now() + WAIT_MS;
    while (performance.now() < until) {
      if (process.env.PROFILE_ASK && 'worker' in launched)
        await sendToTab(launched, tab, { type: 'wenmai/page-state', now: true }).catch(() => null);
      await new Promise((r) => setTimeout(r, 500));
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const events = await stopTrace();
    const tasks = longTasks(events, url);
    const nav = events.filter(
      (e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url,
    );
    const navTs = nav[nav.length - 1]?.ts ?? 0;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
    const name = (n: ProfileNode): string =>
      `${n.callFrame.functionName || '(anon)'}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    const mainPid = nav[nav.length - 1]?.pid;
    const mainTid = nav[nav.length - 1]?.tid;
    for (const task of tasks) {
      if (process.env.PROFILE_EVENTS) {
        // What the task did, by trace event (nested events count in their parents too).
        const from = navTs + task.start * 1000;
        const to = from + task.duration * 1000;
        const byName = new Map<string, number>();
        for (const e of events)
          if (e.pid === mainPid && e.tid === mainTid && e.ph === 'X' && e.ts >= from && e.ts < to)
            byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
        const top = [...byName].sort((a, b) => b[1] - a[1]).slice(1, 8);
        console.log(
          `task at ${task.start.toFixed(0)} ms: ${task.duration.toFixed(0)} ms (cpu ${task.threadMs.toFixed(0)}), extension ${task.extensionMs.toFixed(0)} ms: ` +
            top.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '),
        );
      }
      if (task.extensionMs < 5) continue;
      const from = navTs + task.start * 1000;
      const to = from + task.duration * 1000;
      const self = new Map<string, number>();
      const total = new Map<string, number>();
      let t = profile.startTime;
      for (let i = 0; i < profile.samples.length; i++) {
        t += profile.timeDeltas[i]!;
        if (t < from || t > to) continue;
        const dt = (profile.timeDeltas[i + 1] ?? 200) / 1000;
        const leaf = byId.get(profile.samples[i]!)!;
        // Self time goes to the innermost extension frame (native callees included).
        const seen = new Set<string>();
        let selfDone = false;
        for (
          let n: ProfileNode | undefined = leaf;
          n;
          n = n.parent ? byId.get(n.parent) : undefined
        ) {
          const ext = n.callFrame.url.startsWith('chrome-extension://');
          const key = ext ? name(n) : n === leaf ? `[${n.callFrame.functionName || 'native'}]` : '';
          if (!key) continue;
          if (!selfDone && ext) {
            // With the native function it was in, if any (a DOM call, a builtin).
            const where = n === leaf ? key : `${key} > ${leaf.callFrame.functionName || 'native'}`;
            self.set(where, (self.get(where) ?? 0) + dt);
            selfDone = true;
          }
          if (!seen.has(key)) {
            total.set(key, (total.get(key) ?? 0) + dt);
            seen.add(key);
          }
        }
      }
      const top = (m: Map<string, number>): string =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([k, v]) => `      ${v.toFixed(1).padStart(7)} ms  ${k}`)
          .join('\n');
      console.log(
        `task at ${task.start.toFixed(0)} ms: ${task.duration.toFixed(0)} ms (cpu ${task.threadMs.toFixed(0)}), extension ${task.extensionMs.toFixed(0)} ms`,
      );
      console.log(`    self (innermost extension frame):\n${top(self)}`);
      console.log(`    total:\n${top(total)}`);
    }
    await cdp.detach();
  } finally {
    await launched.context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
