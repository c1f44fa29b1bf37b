/**
 * Node benchmark: corpus build throughput, analysis time per stage on a 100,000-character page,
 * term matching against the Map trie it replaced and a plain flat trie at the real glossary and at
 * 2,000 and 10,000 terms (tests/bench/bench-terms.ts), and the similarity index against a full
 * scan at 1k, 10k and 100k synthetic articles.
 * Prints figures and ratios; never asserts times (targets are informational, exit code 0).
 *   npm run bench
 * Section d (tests/bench/bench-reports.ts): the seeds and the 2026 work reports (WENMAI_DATASETS,
 * else ../shared/datasets/gov-work-reports-2026 where it lies): build time, bundle size, install
 * import and a 30,000-character page's analysis in the CLI and in Chromium (needs .output/chrome-mv3).
 *   BENCH_ONLY=reports npm run bench           (section d alone)
 *   BENCH_ONLY=reports-browser npm run bench   (section d without its CLI figures)
 * BENCH_GLOSSARY_DIR overrides the glossary folder (for trying the bench while corpus/glossary
 * is empty); BENCH_SIZES (e.g. "1000,10000") overrides the synthetic corpus sizes.
 *
 * Long on purpose: one script prints the whole report, section by section, in the order it runs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import * as OpenCC from 'opencc-js';
import { articleFeatures, type ArticleFeatures } from '../../lib/match/article-features';
import { analyzePage } from '../../lib/analyze-page';
import { parseBundle, type CorpusBundle } from '../../lib/bundle';
import { cleanArticle } from '../../lib/clean/clean-article';
import { CorpusIndex, matchingGlossary, MemoryTexts } from '../../lib/match/corpus-index';
import { extractArticle, visibleText } from '../../lib/dom/extract-article';
import { compactForMatch } from '../../lib/normalise/fold-script';
import { countTermsIn } from '../../lib/match/match-terms';
import { benchTermMatching } from './bench-terms';
import { benchReports } from './bench-reports';
import { minhashSignature } from '../../lib/match/minhash';
import { splitPassages } from '../../lib/clean/passages';
import { prepareArticle } from '../../lib/prepare-article';
import { shingleHashes } from '../../lib/match/shingles';
import { SimilarityIndex, type SimilarArticle } from '../../lib/match/similarity-index';
import {
  articleIdFor,
  buildBundle,
  PATHS,
  readStopPhrases,
  type BuildInput,
} from '../../corpus/build/build-corpus';
import { loadGlossary } from '../../corpus/build/load-glossary';
import { DATASETS_ENV, datasetFolders, readDatasets } from '../../corpus/datasets';
import { keywords, loadSegmenter } from '../../corpus/build/segment';
import { mulberry32, QUERY_KINDS, syntheticCorpus, type SyntheticQuery } from './synthetic-corpus';

/**
 * Paragraphs the synthetic articles are drawn from. With 100,000 articles of ~8 paragraphs each,
 * every paragraph recurs in ~40 articles: plenty of reuse to find, without the unrealistic
 * hundreds of copies a small pool gives.
 */
const POOL_SIZE = 20_000;

const SEED = 20240901;
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const TARGET_SIZE = 100_000;
const TARGET_SPEEDUP = 20;
const TARGET_RECALL = 0.95;
const PAGE_CHARS = 100_000;

// ---------------------------------------------------------------------------------------------
// Helpers

const benchStart = performance.now();
const out = (line = ''): void => console.log(line);
/** Progress goes to stderr so the report on stdout stays a report. */
const progress = (what: string): void =>
  console.error(`  … ${what} (${((performance.now() - benchStart) / 1000).toFixed(1)} s)`);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: readonly number[]): number =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
const p95 = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.max(0, Math.ceil(0.95 * s.length) - 1)]! : 0;
};
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

function table(headers: string[], rows: string[][], align: ('l' | 'r')[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string =>
    '  ' +
    cells.map((c, i) => (align[i] === 'l' ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join('  ');
  out(fmt(headers));
  out('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) out(fmt(row));
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

// ---------------------------------------------------------------------------------------------
// a. Corpus build throughput

function sourceChars(dir: string): { files: number; chars: number } {
  const files = readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f));
  let chars = 0;
  for (const file of files) chars += readFileSync(join(dir, file), 'utf8').length;
  return { files: files.length, chars };
}

/**
 * The steps of buildBundle, replicated and timed one by one with jieba already loaded (median of 3
 * rounds). Kept in step with corpus/build/build-corpus.ts by hand: it only explains the total.
 */
function buildStages(input: BuildInput): [string, number][] {
  const rounds: Record<string, number[]> = {};
  const timed = <T>(stage: string, fn: () => T): T => {
    const [value, taken] = time(fn);
    (rounds[stage] ??= []).push(taken);
    return value;
  };
  for (let round = 0; round < 3; round++) {
    const glossary = timed('loadGlossary + readStopPhrases', () => ({
      entries: loadGlossary(input.glossaryDir),
      stop: readStopPhrases(input.boilerplatePath),
    }));
    const index = timed(
      'CorpusIndex (term matcher, stop shingles)',
      () => new CorpusIndex(matchingGlossary(glossary.entries, glossary.stop), new MemoryTexts()),
    );
    const files = readdirSync(input.sourcesDir)
      .filter((f) => /\.(txt|md)$/.test(f))
      .sort();
    const raws = files.map((file) => readFileSync(join(input.sourcesDir, file), 'utf8'));
    const articles = timed('prepareArticle (clean, passages, features)', () =>
      [
        ...files.map((file, i) => ({ id: articleIdFor(file), source: file, raw: raws[i]! })),
        ...(input.datasets ?? []),
      ].map((source) => prepareArticle(source, index.matcher, index.stop)),
    );
    timed('keywords (jieba TF-IDF)', () => articles.map((a) => keywords(a.text, 12)));
    timed('index.addArticle', () => {
      for (const article of articles) index.addArticle(article);
    });
    const links = timed('index.parallels (passage links)', () =>
      articles.map((a) =>
        index.parallels(
          a.passages.map((p) => a.text.slice(p.start, p.end)),
          a.id,
        ),
      ),
    );
    timed('corpusVersion hash', () =>
      createHash('sha256')
        .update(
          JSON.stringify({
            glossary: glossary.entries,
            stopPhrases: glossary.stop,
            articles,
            links,
          }),
        )
        .digest('hex'),
    );
  }
  return Object.entries(rounds).map(([stage, times]) => [stage, median(times)]);
}

function benchBuild(): CorpusBundle | null {
  out('a. Corpus build throughput (buildBundle on the real corpus)');
  const input: BuildInput = {
    sourcesDir: PATHS.sources,
    glossaryDir: process.env.BENCH_GLOSSARY_DIR ?? PATHS.glossary,
    boilerplatePath: PATHS.boilerplate,
  };
  const { files, chars: seedChars } = sourceChars(input.sourcesDir);
  out(`  sources: ${files} files, ${int(seedChars)} characters; glossary: ${input.glossaryDir}`);
  // WENMAI_DATASETS: the run's corpus is the seeds plus the datasets' articles, as in the build.
  const folders = datasetFolders();
  if (folders.length > 0) {
    input.datasets = readDatasets(folders).articles;
    const datasetChars = input.datasets.reduce((n, a) => n + a.raw.length, 0);
    out(
      `  ${DATASETS_ENV}: ${input.datasets.length} articles, ${int(datasetChars)} characters from ${folders.join(', ')}`,
    );
  }
  const chars = seedChars + (input.datasets ?? []).reduce((n, a) => n + a.raw.length, 0);
  let bundle: CorpusBundle;
  const runs: number[] = [];
  try {
    progress('buildBundle, first run');
    const [first, firstMs] = time(() => buildBundle(input));
    bundle = first;
    for (let i = 0; i < 3; i++) {
      progress(`buildBundle, run ${i + 2} of 4`);
      runs.push(time(() => buildBundle(input))[1]);
    }
    const glossary = loadGlossary(input.glossaryDir);
    // A fresh array: loadSegmenter only skips reloading for the very same glossary object.
    const jiebaMs = median([0, 1, 2].map(() => time(() => loadSegmenter([...glossary]))[1]));
    const warm = median(runs);
    // buildBundle's steps one by one (jieba already loaded), to show where the rest goes.
    progress('build stages, replicated');
    const stages = buildStages(input);
    const withoutJieba = stages.reduce((sum, [, taken]) => sum + taken, 0);
    const rate = (msTaken: number): string => `${int(chars / (msTaken / 1000))} chars/s`;
    out(
      `  corpus: ${bundle.articles.length} articles, ${bundle.articles.reduce((n, a) => n + a.passages.length, 0)} passages, ` +
        `${bundle.glossary.length} glossary entries, ${bundle.passageLinks.length} passage links`,
    );
    const distinct = mean(bundle.articles.map((a) => Object.keys(a.terms).length));
    const occurrences = bundle.articles.reduce(
      (n, a) => n + Object.values(a.terms).reduce((x, y) => x + y, 0),
      0,
    );
    const textChars = bundle.articles.reduce((n, a) => n + a.text.length, 0);
    out(
      `  term density: ${distinct.toFixed(1)} distinct terms per article, ` +
        `${((occurrences / textChars) * 1000).toFixed(1)} occurrences per 1,000 characters`,
    );
    table(
      ['run', 'ms', 'throughput'],
      [
        ['first (cold: JIT warm-up; jieba load, as in every run)', ms(firstMs), rate(firstMs)],
        [`median of 3 further runs (${runs.map(ms).join(', ')})`, ms(warm), rate(warm)],
        ['  of which jieba.load (loadSegmenter alone, median of 3)', ms(jiebaMs), ''],
        ...stages.map(([stage, taken]) => [`  ${stage}`, ms(taken), '']),
        [
          '  build without jieba.load (sum of the stages above)',
          ms(withoutJieba),
          rate(withoutJieba),
        ],
      ],
      ['l', 'r', 'r'],
    );
    out(
      `  jieba.load share of a warm build ≈ ${pct(Math.max(0, 1 - withoutJieba / warm))} (1 − stages / median; buildBundle reloads jieba on every call: ` +
        'loadSegmenter caches by glossary object identity and each build loads a new array)',
    );
    return bundle;
  } catch (error) {
    out(`  buildBundle failed: ${(error as Error).message}`);
    out('  (section a skipped; section b falls back to the shipped bundle if there is one)');
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// b. Analysis per stage on a 100,000-character page

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A news-site page: nav, sidebars and footer around ~100k characters of shuffled corpus paragraphs. */
function buildPage(): { html: string; paragraphs: number; chars: number } {
  const rng = mulberry32(SEED);
  const paragraphs: string[] = [];
  for (const file of readdirSync(PATHS.sources)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()) {
    for (const line of readFileSync(join(PATHS.sources, file), 'utf8').split('\n')) {
      const text = line.trim();
      if (text.length >= 20) paragraphs.push(text);
    }
  }
  if (paragraphs.length === 0) throw new Error(`no paragraphs in ${PATHS.sources}`);
  const headlines = paragraphs.map((p) => p.slice(0, 12 + Math.floor(rng() * 10)));
  const link = (text: string, i: number): string =>
    `<li><a href="/news/${i}.html">${escapeHtml(text)}</a></li>`;
  const nav = [
    '首页',
    '要闻',
    '时政',
    '理论',
    '党建',
    '经济',
    '社会',
    '文化',
    '评论',
    '专题',
    '视频',
    '图片',
  ]
    .map((t, i) => `<li><a href="/c/${i}">${t}</a></li>`)
    .join('');
  const sidebar = (title: string, count: number, offset: number): string =>
    `<aside class="sidebar"><h3>${title}</h3><ul>${Array.from({ length: count }, (_, i) =>
      link(headlines[(offset + i) % headlines.length]!, offset + i),
    ).join('')}</ul></aside>`;

  const body: string[] = [];
  const hanCount = (text: string): number => (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  // The clutter around the article holds a few thousand Han characters of its own.
  let chars = 4_000;
  let previous = -1;
  while (chars < PAGE_CHARS) {
    let pick = Math.floor(rng() * paragraphs.length);
    if (pick === previous) pick = (pick + 1) % paragraphs.length;
    previous = pick;
    const text = rng() < 0.5 ? toTraditional(paragraphs[pick]!) : toSimplified(paragraphs[pick]!);
    body.push(`<p>${escapeHtml(text)}</p>`);
    chars += hanCount(text);
    if (body.length % 25 === 0) {
      const heading = toSimplified(headlines[pick]!);
      body.push(`<h2>${escapeHtml(heading)}</h2>`);
      chars += hanCount(heading);
    }
  }
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>以高质量党建引领发展新质生产力 - 理论频道 - 示例网</title>
<style>.sidebar{float:right}</style><script>window.ga = function () {};</script></head>
<body>
<header><div class="logo">示例网</div><nav><ul>${nav}</ul></nav>
<form><input type="text" placeholder="搜索"><button>搜索</button></form></header>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/llpd">理论频道</a> &gt; 正文</div>
<div class="layout">
${sidebar('热点新闻', 20, 0)}
<main><article>
<h1>以高质量党建引领发展新质生产力</h1>
<div class="info">来源：示例日报&#12288;作者：张三&#12288;2024-06-01 08:00</div>
${body.join('\n')}
<div class="editor">（责任编辑：李四）</div>
</article>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="comments"><h3>网友评论</h3><ul>${Array.from({ length: 10 }, (_, i) => `<li>网友${i}：说得好，支持！</li>`).join('')}</ul></div>
</main>
${sidebar('相关阅读', 15, 20)}
${sidebar('专题推荐', 10, 35)}
</div>
<footer><p>关于我们 | 联系方式 | 网站地图 | 版权声明</p><p>版权所有 示例网 未经授权禁止转载</p></footer>
</body></html>`;
  return { html, paragraphs: body.length, chars };
}

function loadCorpusIndex(built: CorpusBundle | null): CorpusIndex | null {
  if (built) return CorpusIndex.fromBundle(built);
  try {
    const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error);
    out(`  (using the shipped bundle ${PATHS.bundle})`);
    return CorpusIndex.fromBundle(parsed.value);
  } catch (error) {
    out(`  no corpus: ${(error as Error).message}`);
    return null;
  }
}

async function benchAnalyze(built: CorpusBundle | null): Promise<void> {
  out('b. Analysis time per stage on a 100,000-character page');
  const [corpus, corpusMs] = time(() => loadCorpusIndex(built));
  if (!corpus) {
    out('  section b skipped: no corpus bundle');
    return;
  }
  const { html, paragraphs } = buildPage();
  const han = (html.match(/[\u3400-\u9fff]/g) ?? []).length;
  out(
    `  page: ${int(html.length)} characters of HTML, ${int(han)} Han characters, ${paragraphs} article blocks ` +
      `(corpus paragraphs shuffled, half Traditional); corpus index: ${corpus.size} articles (built in ${ms(corpusMs)} ms)`,
  );

  const REPEATS = 3;
  const samples = new Map<string, number[]>();
  const record = (stage: string, value: number): void => {
    const list = samples.get(stage);
    if (list) list.push(value);
    else samples.set(stage, [value]);
  };
  let summary = '';
  // One untimed warm-up round, then REPEATS timed rounds; each stage's median is reported.
  for (let round = 0; round <= REPEATS; round++) {
    progress(round === 0 ? 'analysis warm-up round' : `analysis round ${round} of ${REPEATS}`);
    const timed = <T>(stage: string, fn: () => T): T => {
      const [value, taken] = time(fn);
      if (round > 0) record(stage, taken);
      return value;
    };
    const timedAsync = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
      const [value, taken] = await timeAsync(fn);
      if (round > 0) record(stage, taken);
      return value;
    };
    const dom = timed('JSDOM parse', () => new JSDOM(html, { url: 'https://example.cn/a.html' }));
    const doc = dom.window.document;
    const article = timed('extractArticle', () => extractArticle(doc));
    const visible = timed('visibleText', () => visibleText(doc));
    if (!article) throw new Error('extractArticle found no article');
    const clean = timed('cleanArticle', () => cleanArticle(article.text, article.title));
    const passages = timed('splitPassages', () => splitPassages(clean.text));
    const features = timed('articleFeatures', () =>
      articleFeatures(clean.text, corpus.stop, corpus.matcher),
    );
    // The parts of articleFeatures, measured again one by one.
    const compact = timed('  compactForMatch', () => compactForMatch(clean.text));
    const shingles = timed('  shingleHashes', () => shingleHashes(compact, corpus.stop));
    timed('  minhashSignature', () => minhashSignature(shingles));
    timed('  countTermsIn', () => countTermsIn(clean.text, corpus.matcher));
    const similar = await timedAsync('corpus.similar', () => corpus.similar(features));
    const parallels = timed('corpus.parallels', () =>
      corpus.parallels(passages.map((p) => p.text)),
    );
    const state = await timedAsync('analyzePage (whole)', () =>
      analyzePage(
        {
          url: 'https://example.cn/a.html',
          article: { title: article.title, text: article.text },
          visibleText: visible,
        },
        corpus,
      ),
    );
    dom.window.close();
    summary =
      `  found: article by ${article.method}, ${int(clean.text.length)} clean characters, ${passages.length} passages, ` +
      `${shingles.length} shingles; ${similar.length} similar articles (${[...new Set(similar.map((s) => s.relation))].join(', ') || 'none'}), ` +
      `${parallels.filter((p) => p.length > 0).length} passages with parallels, ${state.terms.length} terms`;
  }
  const m = (stage: string): number => median(samples.get(stage) ?? [0]);
  const inAnalyze = [
    'cleanArticle',
    'splitPassages',
    'articleFeatures',
    'corpus.similar',
    'corpus.parallels',
  ];
  const whole = m('analyzePage (whole)');
  const rest = Math.max(0, whole - inAnalyze.reduce((s, k) => s + m(k), 0));
  const total = m('JSDOM parse') + m('extractArticle') + m('visibleText') + whole;
  const row = (stage: string, value: number, note = ''): string[] => [
    stage,
    ms(value),
    pct(value / total),
    note,
  ];
  table(
    ['stage', 'ms', 'share', ''],
    [
      row('JSDOM parse', m('JSDOM parse')),
      row('extractArticle', m('extractArticle'), 'Discuz rule, then Readability on a clone'),
      row('visibleText', m('visibleText')),
      row('cleanArticle', m('cleanArticle')),
      row('splitPassages', m('splitPassages')),
      row('articleFeatures', m('articleFeatures'), 'shingles + MinHash + terms'),
      row('  compactForMatch', m('  compactForMatch'), '(part of articleFeatures)'),
      row('  shingleHashes', m('  shingleHashes'), '(part of articleFeatures)'),
      row('  minhashSignature', m('  minhashSignature'), '(part of articleFeatures)'),
      row('  countTermsIn', m('  countTermsIn'), '(part of articleFeatures)'),
      row('corpus.similar', m('corpus.similar')),
      row('corpus.parallels', m('corpus.parallels')),
      row(
        'rest of analyzePage',
        rest,
        'whole − itemised: detectLang, terms of visible text, mapping (0 = within noise)',
      ),
      row('analyzePage (whole)', whole, 'clean … parallels + rest, run on its own'),
      row('total: parse + extract + visibleText + analyzePage', total),
    ],
    ['l', 'r', 'r', 'l'],
  );
  out(summary);
  out(
    `  end-to-end throughput: ${int(han / (total / 1000))} Han characters/s (median of ${REPEATS} rounds)`,
  );
}

// ---------------------------------------------------------------------------------------------
// c. Similarity index vs scan on synthetic corpora

/** Terms per paragraph in the dense diagnostic: about 30 distinct terms per article, like the seeds. */
const DENSE_TERMS = 12;
const DENSE_SIZE = 10_000;

function termDensity(articles: readonly { features: ArticleFeatures }[]): string {
  const distinct = mean(articles.map((a) => Object.keys(a.features.terms).length));
  let occurrences = 0;
  let shingles = 0;
  for (const { features } of articles) {
    shingles += features.shingleCount;
    for (const count of Object.values(features.terms)) occurrences += count;
  }
  return (
    `${distinct.toFixed(1)} distinct terms per article, ` +
    `${((occurrences / shingles) * 1000).toFixed(1)} occurrences per 1,000 shingles`
  );
}

const resultKey = (hit: SimilarArticle): string => `${hit.articleId}|${hit.relation}`;

interface Timing {
  index: number[];
  scan: number[];
  shared: number;
  scanned: number;
  identical: number;
}

function runQueries(
  index: SimilarityIndex,
  queries: readonly { features: ArticleFeatures }[],
): Timing & {
  results: SimilarArticle[][];
} {
  const t: Timing & { results: SimilarArticle[][] } = {
    index: [],
    scan: [],
    shared: 0,
    scanned: 0,
    identical: 0,
    results: [],
  };
  for (const q of queries) {
    const [byIndex, indexMs] = time(() => index.query(q.features));
    const [byScan, scanMs] = time(() => index.scan(q.features));
    t.index.push(indexMs);
    t.scan.push(scanMs);
    t.results.push(byIndex);
    const found = new Set(byIndex.map(resultKey));
    let shared = 0;
    for (const hit of byScan) if (found.has(resultKey(hit))) shared++;
    t.shared += shared;
    t.scanned += byScan.length;
    if (shared === byScan.length && byIndex.length === byScan.length) t.identical++;
  }
  return t;
}

interface SizeResult {
  n: number;
  speedup: number;
  recall: number;
}

function benchSimilarity(): SizeResult[] {
  out('c. Similarity query: SimilarityIndex.query vs .scan on synthetic corpora');
  out(
    '  articles: 4–12 paragraphs from a pool of 20,000 synthetic paragraphs (seed-corpus character' +
      ' frequencies, 300 Zipf-distributed terms); 200 queries: 50 each duplicate / excerpt / related / unrelated;' +
      ' MinHash estimates (no exact-shingle callback)',
  );
  const results: SizeResult[] = [];
  const summary: string[][] = [];
  const perKind: string[][] = [];
  const signatureOnly: string[][] = [];
  const densities: string[] = [];
  for (const n of SIZES) {
    progress(`synthetic corpus of ${int(n)} articles`);
    const [corpus, genMs] = time(() => syntheticCorpus(n, SEED, { poolSize: POOL_SIZE }));
    progress(`index of ${int(n)} articles`);
    const index = new SimilarityIndex();
    const [, addMs] = time(() => {
      for (const article of corpus.articles) index.add(article.id, article.features);
    });
    // The position index is built lazily by the first query: an empty query triggers it.
    const empty = { signature: new Uint32Array(128).fill(0xffffffff), shingleCount: 0, terms: {} };
    const [, positionMs] = time(() => index.query(empty));
    // Warm-up (untimed): the JIT compiles query, scan and classify.
    for (const q of corpus.queries.slice(0, 8)) {
      index.query(q.features);
      index.scan(q.features);
    }
    progress(`${corpus.queries.length} queries × (index + scan) at ${int(n)} articles`);
    const t = runQueries(index, corpus.queries);
    const speedup = mean(t.scan) / mean(t.index);
    const recall = t.scanned === 0 ? 1 : t.shared / t.scanned;
    results.push({ n, speedup, recall });
    const answered = (kind: SyntheticQuery['kind']): string => {
      let ok = 0;
      let of = 0;
      corpus.queries.forEach((q, i) => {
        if (q.kind !== kind || !q.sourceId) return;
        of++;
        if (t.results[i]!.some((h) => h.articleId === q.sourceId && h.relation === q.expected))
          ok++;
      });
      return `${ok}/${of}`;
    };
    summary.push([
      int(n),
      ms(genMs),
      `${ms(addMs)} + ${ms(positionMs)}`,
      `${ms(mean(t.index))} / ${ms(p95(t.index))}`,
      `${ms(mean(t.scan))} / ${ms(p95(t.scan))}`,
      `${speedup.toFixed(1)}×`,
      recall.toFixed(3),
      `${t.identical}/${corpus.queries.length}`,
      `${answered('duplicate')} ${answered('excerpt')} ${answered('related')}`,
    ]);
    for (const kind of QUERY_KINDS) {
      const idx = corpus.queries.map((q, i) => (q.kind === kind ? i : -1)).filter((i) => i >= 0);
      const rel = { duplicate: 0, reuse: 0, related: 0 };
      for (const i of idx) for (const hit of t.results[i]!) rel[hit.relation]++;
      const im = mean(idx.map((i) => t.index[i]!));
      const sm = mean(idx.map((i) => t.scan[i]!));
      perKind.push([
        int(n),
        kind,
        ms(im),
        ms(sm),
        `${(sm / im).toFixed(1)}×`,
        (rel.duplicate / idx.length).toFixed(1),
        (rel.reuse / idx.length).toFixed(1),
        (rel.related / idx.length).toFixed(1),
      ]);
    }
    // Diagnostic: the MinHash half alone (queries without terms), so the related-term half's cost shows.
    progress(`signature-only queries at ${int(n)} articles`);
    const bare = corpus.queries.map((q) => ({ features: { ...q.features, terms: {} } }));
    const s = runQueries(index, bare);
    signatureOnly.push([
      int(n),
      `${ms(mean(s.index))} / ${ms(p95(s.index))}`,
      `${ms(mean(s.scan))} / ${ms(p95(s.scan))}`,
      `${(mean(s.scan) / mean(s.index)).toFixed(1)}×`,
      (s.scanned === 0 ? 1 : s.shared / s.scanned).toFixed(3),
    ]);
    densities.push(`${int(n)}: ${termDensity(corpus.articles)}`);
    out(`  ${int(n)} articles done: heap ${int(process.memoryUsage().heapUsed / 2 ** 20)} MB`);
  }
  out();
  table(
    [
      'articles',
      'generate ms',
      'build ms (add + position index)',
      'index ms mean / p95',
      'scan ms mean / p95',
      'speed-up',
      'recall',
      'identical',
      'answers found (dup excerpt related)',
    ],
    summary,
    ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
  out();
  out('  per query kind (mean ms; mean results per query by relation):');
  table(
    ['articles', 'kind', 'index ms', 'scan ms', 'speed-up', 'duplicate', 'reuse', 'related'],
    perKind,
    ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  out();
  out('  diagnostic: the same queries without terms (MinHash half only: duplicate and reuse):');
  table(
    ['articles', 'index ms mean / p95', 'scan ms mean / p95', 'speed-up', 'recall'],
    signatureOnly,
    ['r', 'r', 'r', 'r', 'r'],
  );
  out(
    '  speed-up = mean scan time / mean index time; recall = |index ∩ scan| / |scan| over all queries,' +
      ' comparing articleId + relation; identical = queries whose two result sets are equal',
  );
  out(`  synthetic term density — ${densities.join('; ')}`);
  out();
  out(
    `  diagnostic: ${int(DENSE_SIZE)} articles with terms at about the real corpus's density ` +
      `(0–${DENSE_TERMS} per paragraph instead of 0–3):`,
  );
  progress(`dense-term corpus of ${int(DENSE_SIZE)} articles`);
  const dense = syntheticCorpus(DENSE_SIZE, SEED, { maxTermsPerParagraph: DENSE_TERMS });
  const denseIndex = new SimilarityIndex();
  for (const article of dense.articles) denseIndex.add(article.id, article.features);
  for (const q of dense.queries.slice(0, 8)) {
    denseIndex.query(q.features);
    denseIndex.scan(q.features);
  }
  progress(`${dense.queries.length} dense-term queries × (index + scan)`);
  const d = runQueries(denseIndex, dense.queries);
  out(`  term density: ${termDensity(dense.articles)}`);
  table(
    ['kind', 'index ms', 'scan ms', 'speed-up', 'results per query', 'share of corpus'],
    [...QUERY_KINDS, 'all' as const].map((kind) => {
      const idx = dense.queries
        .map((q, i) => (kind === 'all' || q.kind === kind ? i : -1))
        .filter((i) => i >= 0);
      const im = mean(idx.map((i) => d.index[i]!));
      const sm = mean(idx.map((i) => d.scan[i]!));
      const hits = mean(idx.map((i) => d.results[i]!.length));
      return [
        kind,
        ms(im),
        ms(sm),
        `${(sm / im).toFixed(1)}×`,
        hits.toFixed(0),
        pct(hits / DENSE_SIZE),
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
  out(`  recall ${(d.scanned === 0 ? 1 : d.shared / d.scanned).toFixed(3)}`);
  return results;
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// d. The seeds and the 2026 work reports, build to browser (tests/bench/bench-reports.ts)

async function benchWithReports(): Promise<void> {
  try {
    await benchReports(out, { browserOnly: ONLY === 'reports-browser' });
  } catch (error) {
    out(`  section d failed: ${(error as Error).stack ?? String(error)}`);
  }
}

/** BENCH_ONLY=reports or reports-browser runs section d alone. */
const ONLY = process.env.BENCH_ONLY;

async function main(): Promise<void> {
  out(`Wenmai benchmark — Node ${process.version}, ${new Date().toISOString()}`);
  out();
  if (ONLY === 'reports' || ONLY === 'reports-browser') {
    await benchWithReports();
    out(`Total bench time: ${((performance.now() - benchStart) / 1000).toFixed(1)} s`);
    return;
  }
  const bundle = benchBuild();
  out();
  await benchAnalyze(bundle);
  out();
  benchTermMatching(out);
  out();
  const similarity = benchSimilarity();
  out();
  await benchWithReports();
  out();
  out('Targets (informational):');
  const at = similarity.find((r) => r.n === TARGET_SIZE);
  if (!at) out(`  no run at ${int(TARGET_SIZE)} articles (BENCH_SIZES)`);
  else {
    out(
      `  at ${int(TARGET_SIZE)} articles, index ≥ ${TARGET_SPEEDUP}× faster than scan: ` +
        `${at.speedup.toFixed(1)}×  ${verdict(at.speedup >= TARGET_SPEEDUP)}`,
    );
    out(
      `  at ${int(TARGET_SIZE)} articles, recall ≥ ${TARGET_RECALL}: ${at.recall.toFixed(3)}  ${verdict(at.recall >= TARGET_RECALL)}`,
    );
  }
  out(`Total bench time: ${((performance.now() - benchStart) / 1000).toFixed(1)} s`);
}

await main();
