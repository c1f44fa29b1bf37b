/**
 * The 2026 provincial work reports in the extension, as an analyst would use them: imported
 * through the options page (read where they lie; third-party data, never in the repository), then
 * met again on the web as a Traditional excerpt, a forum repost, and a report of a province the
 * corpus does not have; and the extension built with them (WENMAI_DATASETS), on the same pages. The extension's page state is checked against issue 9's "Done when" and
 * against `npm run analyze -- page.html --json` on the same pages with WENMAI_DATASETS holding the
 * same 19 reports: the two must agree. Skipped, saying so, in a clone without ../shared.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../corpus/analyze';
import { buildBundleWithDatasets, serializeBundle } from '../../corpus/build/build-corpus';
import { CorpusIndex } from '../../lib/match/corpus-index';
import { readLabelledPairs } from '../../corpus/passage-quality';
import { passageFingerprint } from '../../lib/match/passage-quality';
import type { PageState } from '../../lib/page-state';
import { traditionalExcerptPage, forumRepostPage, wholeReportPage } from '../report-pages';
import { readReports, REPORTS_DIR, reportsPresent } from '../reports-2026';
import {
  allParallels,
  EXTENSION_DIR,
  launch,
  ROOT,
  serve,
  waitForImport,
  waitForState,
  type Launched,
} from './harness';

const reports = readReports();
/** The last report stays out of the corpus: the province Wenmai has not seen. */
const unseen = reports.at(-1);
const PAGES = ['excerpt.html', 'forum.html', 'unseen.html'] as const;
type PageName = (typeof PAGES)[number];

/** The extension with the 19 reports imported through its options page. */
let browser: Launched;
/** The extension built with them (WENMAI_DATASETS: the build's corpus/bundle.json holds them). */
let built: Launched;
let server: Server;
let origin: string;
let dir: string;
/** What the CLI says of each page (in process, the same code as `npm run analyze`). */
const cli = new Map<PageName, PageState>();
/** What `npm run analyze -- unseen.html --json` printed, run as the reader would run it. */
let cliProcess: PageState;

/**
 * A state as both sides can be compared: the article, similar articles by title (ids differ: the
 * CLI's come from the dataset build, the extension's from the options import) and each linked
 * passage's matches by article title, text fingerprint and score. Matches of equal score are
 * ordered by article id, which differs between the two, so a passage's list may end on either of
 * two tied matches: the matches above its lowest score are compared as a set, and that score.
 */
/** A ranked list with each run of equal relation and score put in title order (ties stay put). */
function sortTies<T extends { title: string; relation: string; score: string }>(ranked: T[]): T[] {
  const tie = (a: T, b: T) => a.relation === b.relation && a.score === b.score;
  const out: T[] = [];
  for (let i = 0; i < ranked.length;) {
    let end = i + 1;
    while (end < ranked.length && tie(ranked[i]!, ranked[end]!)) end++;
    out.push(...ranked.slice(i, end).sort((a, b) => a.title.localeCompare(b.title)));
    i = end;
  }
  return out;
}

const comparable = (state: PageState) => ({
  lang: state.lang,
  article: state.article,
  // Articles of equal score are ordered by id, and an import through the options page gives its
  // own ids: among ties, by title.
  similar: sortTies(
    state.similar.map((s) => ({ title: s.title, relation: s.relation, score: s.score.toFixed(4) })),
  ),
  parallels: state.parallels.map((p) => {
    const lowest = Math.min(...p.matches.map((m) => m.score));
    return {
      passage: p.passage,
      count: p.matches.length,
      lowest: lowest.toFixed(4),
      above: p.matches
        .filter((m) => m.score > lowest)
        .map((m) => `${m.title} ${passageFingerprint(m.text)} ${m.score.toFixed(4)}`)
        .sort(),
    };
  }),
});

/** The labelled pairs (tests/fixtures/passage-pairs.yaml) a state shows from the unseen report. */
function judgedLinks(state: PageState): { judgement: string; note: string; passage: number }[] {
  const province = new Map(reports.map((r) => [r.title, r.province]));
  const judged = new Map<string, { judgement: string; note: string }>();
  for (const pair of readLabelledPairs()) {
    const a = `${pair.a.article}@${pair.a.fingerprint}`;
    const b = `${pair.b.article}@${pair.b.fingerprint}`;
    judged.set(`${a} ${b}`, pair).set(`${b} ${a}`, pair);
  }
  return state.parallels.flatMap((p) =>
    p.matches.flatMap((m) => {
      const key =
        `${unseen!.province}@${passageFingerprint(p.text)} ` +
        `${province.get(m.title) ?? m.source}@${passageFingerprint(m.text)}`;
      const pair = judged.get(key);
      return pair ? [{ judgement: pair.judgement, note: pair.note, passage: p.passage }] : [];
    }),
  );
}

describe.skipIf(!reportsPresent)('the 2026 work reports, imported through the options page', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wenmai-reports-'));
    writeFileSync(join(dir, 'excerpt.html'), traditionalExcerptPage(reports[3]!));
    writeFileSync(join(dir, 'forum.html'), forumRepostPage(reports[5]!));
    writeFileSync(join(dir, 'unseen.html'), wholeReportPage(unseen!));
    const files = readdirSync(REPORTS_DIR)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .slice(0, -1);
    // The CLI's corpus: the seeds and the same 19 reports (copies in a temporary folder).
    const datasets = join(dir, 'datasets');
    mkdirSync(datasets);
    for (const file of files) copyFileSync(join(REPORTS_DIR, file), join(datasets, file));
    const bundle = buildBundleWithDatasets([datasets], () => {});
    const corpus = CorpusIndex.fromBundle(bundle);
    for (const name of PAGES) cli.set(name, await analyzeFile(join(dir, name), corpus));
    cliProcess = JSON.parse(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'corpus/analyze.ts', join(dir, 'unseen.html'), '--json'],
        {
          cwd: ROOT,
          env: { ...process.env, WENMAI_DATASETS: datasets },
          stdio: ['ignore', 'pipe', 'pipe'],
          maxBuffer: 64 * 2 ** 20,
        },
      ).toString(),
    ) as PageState;

    ({ origin, server } = await serve({ reports: dir }));
    // What a WENMAI_DATASETS build changes in the output: its corpus/bundle.json (wxt.config.ts).
    const builtDir = join(dir, 'extension');
    cpSync(EXTENSION_DIR, builtDir, { recursive: true });
    writeFileSync(join(builtDir, 'corpus', 'bundle.json'), serializeBundle(bundle));
    built = (await launch({ extensionDir: builtDir })) as Launched;
    await waitForImport(built, await built.context.newPage());
    browser = (await launch()) as Launched;
    const options = await browser.context.newPage();
    await waitForImport(browser, options);
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options
      .locator('[data-testid="import-files"]')
      .setInputFiles(files.map((f) => join(REPORTS_DIR, f)));
    const message = options.locator('[data-testid="message"]');
    const deadline = Date.now() + 120_000;
    const wanted = `Articles added: ${files.length}.`;
    while (!((await message.textContent()) ?? '').includes(wanted)) {
      if (Date.now() > deadline)
        throw new Error(`the import did not finish: ${await message.textContent()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.context.close();
    await built?.context.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const stateOf = async (launched: Launched, name: PageName): Promise<PageState> => {
    const tab: Page = await launched.context.newPage();
    await tab.goto(`${origin}/reports/${name}`);
    const state = await waitForState(launched, tab, (s) => s.article !== null, 60_000);
    return { ...state, parallels: await allParallels(launched, tab, state) };
  };

  /**
   * One page's state in the extension with the reports imported, in the extension built with
   * them, and in the CLI: all three must agree, and each is then checked against the Done-when.
   */
  const bothSides = async (name: PageName): Promise<PageState[]> => {
    const fromCli = cli.get(name)!;
    const imported = await stateOf(browser, name);
    expect(comparable(imported)).toEqual(comparable(fromCli));
    const fromBuild = await stateOf(built, name);
    expect(comparable(fromBuild)).toEqual(comparable(fromCli));
    // The same build as the CLI's: the same article ids.
    expect(fromBuild.similar.map((s) => s.articleId)).toEqual(
      fromCli.similar.map((s) => s.articleId),
    );
    return [imported, fromBuild, fromCli];
  };

  it('the CLI process prints the state the CLI code computes in process', () => {
    expect({ ...cliProcess, url: '' }).toEqual({ ...cli.get('unseen.html')!, url: '' });
  });

  it('finds a Traditional excerpt as reuse of its report, its passages linked first to it', async () => {
    for (const state of await bothSides('excerpt.html')) {
      expect(state.lang).toBe('zh-Hant');
      expect(state.similar[0]).toMatchObject({ title: reports[3]!.title });
      expect(['reuse', 'duplicate']).toContain(state.similar[0]!.relation);
      const source = state.similar[0]!.title;
      const linkedFirst = state.parallels.filter((p) => p.matches[0]?.title === source);
      expect(state.parallels.length).toBeGreaterThan(10);
      expect(linkedFirst.length / state.parallels.length).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds a forum repost of a whole report, paragraphs collapsed, as its duplicate', async () => {
    for (const state of await bothSides('forum.html'))
      expect(state.similar[0]).toMatchObject({ title: reports[5]!.title, relation: 'duplicate' });
  });

  it('takes a report of a province it has not seen for nobody’s duplicate or reuse, titled right', async () => {
    for (const state of await bothSides('unseen.html')) {
      expect(state.article?.title).toBe(unseen!.title);
      expect(state.similar.filter((s) => s.relation !== 'related')).toEqual([]);
    }
  });

  it('links the unseen report’s passages to meaningful parallels where the labelled set judges them', async () => {
    for (const state of await bothSides('unseen.html')) {
      const judged = judgedLinks(state);
      // Enough labelled pairs shown to say something; none of them noise; 11 of the 12 meaningful
      // (its heading links among them), over the 80 %. Not "only meaningful": the linker still shows one weak pair here (a
      // stock line crediting the leadership, judged when the labelled set's random sample was
      // added; README, the tests that use the 20 reports).
      expect(judged.length).toBeGreaterThanOrEqual(5);
      expect(judged.filter((j) => j.judgement === 'noise')).toEqual([]);
      const meaningful = judged.filter((j) => j.judgement === 'meaningful').length;
      expect(meaningful / judged.length).toBeGreaterThanOrEqual(0.8);
    }
  });
});
