/**
 * What the detector costs a page as the glossary grows: the built extension with the pre-built
 * matcher file (public/quick/terms.bin) of the real glossary, and of glossaries grown to 2,000 and
 * 10,000 terms (tests/bench/synthetic-terms.ts; only the file changes, the detector is the same
 * build). Per glossary, in Chromium, loads of a Chinese news page of ~10,000 and ~100,000 Han
 * characters and of an English one: the detector's bytes, the matcher file's bytes, the CPU time
 * spent in the detector's own functions and what they call (a CDP CPU profile sampled every
 * 100 µs), and whether the first screen's highlights are in the page's first frame.
 * Run by `npm run bench:browser` after its own report, or alone:
 *   npx tsx tests/bench/bench-detector.ts
 * BENCH_DETECTOR_DIRS="label=dir;…" measures other builds as well (e.g. one of an earlier commit
 * with synthetic glossaries compiled in, for a before/after comparison). Prints; asserts nothing.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { parseBundle } from '../../lib/bundle';
import { buildMatcherFromForms, matcherForms, serializeMatcher } from '../../lib/match/match-terms';
import {
  EXTENSION_DIR,
  launch,
  ROOT,
  serve,
  waitForImport,
  waitForQuickStart,
} from '../e2e/harness';
import type { Launched } from '../e2e/harness';
import { chineseNewsPage, englishNewsPage } from './browser-pages';
import { growGlossary } from './synthetic-terms';
import { firstScreenMatcher } from '../../corpus/build/build-corpus';
import { printTable } from './print-table';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5) || 5);
const SIZES = [2000, 10_000];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** CPU ms under the detector's frames: each sample whose stack holds a frame of detect.js. */
function detectorMs(profile: CpuProfile): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inDetector = new Map<number, boolean>();
  const under = (id: number): boolean => {
    const known = inDetector.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const result = node.callFrame.url.endsWith('/detect.js') || (up !== undefined && under(up));
    inDetector.set(id, result);
    return result;
  };
  let us = 0;
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (!under(id)) return;
    us += profile.timeDeltas[i + 1] ?? 0;
    if (process.env.BENCH_DETECTOR_DEBUG) {
      const f = byId.get(id)!.callFrame;
      const k = `${f.functionName}@${f.url.split('/').pop()}`;
      self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
    }
  });
  if (process.env.BENCH_DETECTOR_DEBUG)
    console.error(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => `${(v / 1000).toFixed(1)} ${k}`)
        .join(' | '),
    );
  return us / 1000;
}

/** Main world: whether the first animation frame after DOMContentLoaded had Wenmai's highlights. */
const FIRST_FRAME_PROBE = `(() => {
  if (window.top !== window) return;
  const b = (window.__detectorBench = { firstFrame: null });
  document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
    const h = CSS.highlights && CSS.highlights.get('wenmai-term');
    b.firstFrame = h ? h.size : 0;
  }));
})();`;

interface Load {
  detectorMs: number;
  /** Main-thread script time of the whole load (CDP ScriptDuration): compiling included. */
  scriptMs: number;
  firstFrame: number | null;
}

async function loadOnce(launched: Launched, url: string): Promise<Load> {
  const page = await launched.context.newPage();
  try {
    await page.addInitScript(FIRST_FRAME_PROBE);
    const cdp: CDPSession = await launched.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const scriptSeconds = async (): Promise<number> =>
      (
        (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
      ).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN;
    const script0 = await scriptSeconds();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(700);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const firstFrame = (await page.evaluate(
      '(window.__detectorBench || {}).firstFrame ?? null',
    )) as number | null;
    const scriptMs = ((await scriptSeconds()) - script0) * 1000;
    return { detectorMs: detectorMs(profile), scriptMs, firstFrame };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** Builds to measure: the built extension with each glossary's matcher file, and any given. */
function variants(work: string): { label: string; dir: string }[] {
  const bundle = parseBundle(
    JSON.parse(readFileSync(join(EXTENSION_DIR, 'corpus', 'bundle.json'), 'utf8')),
  );
  if (!bundle.ok) throw new Error(bundle.error);
  const glossary = bundle.value.glossary;
  // The corpus's own term counts rank the first-screen terms (synthetic ones have none).
  // As the corpus build reads them (onlyIn too: without it the matcher differs from detect.js's).
  const base = matcherForms(glossary);
  const seeds = bundle.value.articles.map((a) => a.text).join('\n');
  const out = [{ label: `real (${glossary.length} terms)`, dir: EXTENSION_DIR }];
  const detector = readFileSync(join(EXTENSION_DIR, 'detect.js'), 'utf8');
  const compiledIn = JSON.stringify(
    Buffer.from(firstScreenMatcher({ ...bundle.value, glossary: base }).bytes).toString('base64'),
  );
  if (!detector.includes(compiledIn))
    throw new Error('detect.js does not hold the current first-screen matcher: rebuild it');
  for (const size of SIZES) {
    // The same build with a grown glossary: its whole matcher file, and the detector's compiled-in
    // first-screen matcher (the string constant) cut from it as the corpus build would.
    const dir = join(work, `terms-${size}`);
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const grown = growGlossary(base, size, seeds, size);
    writeFileSync(join(dir, 'quick', 'terms.bin'), serializeMatcher(buildMatcherFromForms(grown)));
    const firstScreen = firstScreenMatcher({ ...bundle.value, glossary: grown });
    writeFileSync(
      join(dir, 'detect.js'),
      detector.replace(
        compiledIn,
        JSON.stringify(Buffer.from(firstScreen.bytes).toString('base64')),
      ),
    );
    out.push({
      label: `${size.toLocaleString('en')} terms (${firstScreen.terms} compiled in)`,
      dir,
    });
  }
  for (const item of (process.env.BENCH_DETECTOR_DIRS ?? '').split(';').filter(Boolean)) {
    const [label, dir] = item.split('=');
    if (label && dir) out.push({ label, dir });
  }
  return out;
}

const fileSize = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return NaN;
  }
};

export async function benchDetector(out: (line?: string) => void = console.log): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'wenmai-detector-'));
  const sources = join(ROOT, 'corpus', 'sources');
  const pages = {
    'zh 10k': chineseNewsPage(sources, 10_000),
    'zh 100k': chineseNewsPage(sources, 100_000),
    en: englishNewsPage(100_000),
  };
  for (const [name, page] of Object.entries(pages))
    writeFileSync(join(work, `${name.replace(' ', '-')}.html`), page.html);
  const { origin, server } = await serve({ pages: work });
  const rows: string[][] = [];
  try {
    for (const { label, dir } of variants(work)) {
      const launched = (await launch({ extensionDir: dir })) as Launched;
      try {
        const ext = await launched.context.newPage();
        await waitForImport(launched, ext);
        await waitForQuickStart(launched);
        await ext.close();
        const cells: string[] = [];
        for (const name of Object.keys(pages)) {
          const url = `${origin}/pages/${name.replace(' ', '-')}.html`;
          await loadOnce(launched, url); // warm-up
          const loads: Load[] = [];
          for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(launched, url));
          const inFirst = loads.filter((l) => (l.firstFrame ?? 0) > 0).length;
          cells.push(median(loads.map((l) => l.detectorMs)).toFixed(1));
          if (name !== 'en') cells.push(`${inFirst}/${loads.length}`);
          else cells.push(median(loads.map((l) => l.scriptMs)).toFixed(1));
          if (name === 'zh 100k') cells.push(median(loads.map((l) => l.scriptMs)).toFixed(0));
        }
        rows.push([
          label,
          kb(fileSize(join(dir, 'detect.js'))),
          kb(fileSize(join(dir, 'quick', 'terms.bin'))),
          ...cells,
        ]);
        console.error(`  … detector: ${label} done`);
      } finally {
        await launched.context.close();
      }
    }
  } finally {
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  out(`Detector cost by glossary size — ${RUNS} loads per page after a warm-up, medians`);
  const headers = [
    'build',
    'detect.js KB',
    'terms.bin KB',
    'zh 10k: detector ms',
    'in 1st frame',
    'zh 100k: detector ms',
    'in 1st frame',
    'all script ms',
    'en: detector ms',
    'all script ms',
  ];
  printTable(out, headers, rows);
  out(
    '  detector ms: CPU time sampled under detect.js frames (its code and what it calls: text' +
      ' blocks, reading the matcher, matching, painting), not its compilation; all script ms:' +
      " the load's main-thread script time (CDP ScriptDuration: every script, compiling" +
      ' included). terms.bin is read, asynchronously, only on Chinese pages whose glossary is' +
      ' larger than the detector carries.',
  );
}

if (process.argv[1]?.endsWith('bench-detector.ts')) await benchDetector();
