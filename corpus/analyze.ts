/**
 * Command-line analyzer: the extension's engine, headless.
 *   npm run analyze -- <file.html|file.txt> [--json] [--content-type="text/html; charset=gbk"]
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, relative } from 'node:path';
import { JSDOM } from 'jsdom';
import { analyzePage, type PageInput } from '../lib/analyze-page';
import { decodeText, describeCharset, notText, type DecodedText } from '../lib/clean/decode-text';
import { parseBundle } from '../lib/bundle';
import { CorpusIndex } from '../lib/match/corpus-index';
import { extractArticle, visibleText } from '../lib/dom/extract-article';
import { declaredLang } from '../lib/dom/page-lang';
import { removeStyleHidden } from '../lib/dom/style-hidden';
import type { PageState } from '../lib/page-state';
import { buildBundleWithDatasets, PATHS } from './build/build-corpus';
import { DATASETS_ENV, datasetFolders } from './datasets';
import { percent } from '../lib/format';

/**
 * The corpus of this run: the bundle, or with WENMAI_DATASETS set, the seeds plus the datasets'
 * articles, built in memory (the same bundle `npm run build` puts into the extension).
 */
export function loadCorpus(
  bundlePath = PATHS.bundle,
  datasets = process.env[DATASETS_ENV],
): CorpusIndex {
  const folders = datasetFolders(datasets);
  if (folders.length > 0) return CorpusIndex.fromBundle(buildBundleWithDatasets(folders));
  if (!existsSync(bundlePath)) {
    throw new Error(
      `no corpus bundle at ${relative(process.cwd(), bundlePath)}: run "npm run corpus:build" first`,
    );
  }
  const parsed = parseBundle(JSON.parse(readFileSync(bundlePath, 'utf8')));
  if (!parsed.ok) throw new Error(`${relative(process.cwd(), bundlePath)}: ${parsed.error}`);
  return CorpusIndex.fromBundle(parsed.value);
}

const isHtml = (path: string, content: string): boolean => {
  const ext = extname(path).toLowerCase();
  return ext === '.html' || ext === '.htm' || /^\s*<(!doctype|html)/i.test(content);
};

/** Reads a saved page or a text file into the analyzer's input. */
export function readPage(path: string, content: string): PageInput {
  if (isHtml(path, content)) {
    // jsdom runs no page scripts by default: a saved page is data, not code.
    const dom = new JSDOM(content);
    const doc = dom.window.document;
    // What the page's stylesheets hide is not read, as in the browser (no layout here).
    removeStyleHidden(doc);
    const article = extractArticle(doc);
    return {
      url: path,
      article: article && { title: article.title, text: article.text },
      visibleText: visibleText(doc),
      declaredLang: declaredLang(doc),
    };
  }
  return { url: path, article: { title: '', text: content }, visibleText: content };
}

export interface ReadOptions {
  /** An HTTP-style Content-Type saved with the page (`text/html; charset=gbk`): beats <meta>. */
  contentType?: string;
}

/**
 * Reads a file's bytes as text in its charset (byte order mark, declared, or sniffed: see
 * lib/clean/decode-text.ts). Throws for a file that is not text (noise, a binary file).
 */
export function readText(path: string, options: ReadOptions = {}): DecodedText {
  const ext = extname(path).toLowerCase();
  const decoded = decodeText(new Uint8Array(readFileSync(path)), {
    ...(options.contentType ? { contentType: options.contentType } : {}),
    // A .txt may quote markup; any other file may be a page saved under another name.
    html: ext !== '.txt',
  });
  const problem = notText(decoded.text);
  if (problem) {
    throw new Error(
      problem.kind === 'broken'
        ? `${path}: not text: ${problem.percent}% control or replacement characters as ${decoded.charset}`
        : `${path}: not text: only ${problem.percent}% of its characters are letters`,
    );
  }
  return decoded;
}

export async function analyzeFile(
  path: string,
  corpus: CorpusIndex,
  options: ReadOptions = {},
): Promise<PageState> {
  return analyzePage(readPage(path, readText(path, options).text), corpus);
}

/** The human-readable report. */
export function formatReport(state: PageState, decoded?: DecodedText): string {
  const out: string[] = [];
  out.push(`Wenmai analysis of ${state.url}`);
  if (decoded) out.push(`  charset: ${describeCharset(decoded)}`);
  out.push(`  language: ${state.lang}`);
  if (state.lang === 'other') {
    out.push('  Not a Chinese page: nothing to match.');
    return out.join('\n');
  }
  out.push(
    state.article
      ? `  article: “${state.article.title}” (${state.article.chars} characters, ${state.article.passages} passages)`
      : '  article: none found',
  );
  out.push('', 'Similar corpus articles:');
  if (state.similar.length === 0) out.push('  none');
  for (const s of state.similar)
    out.push(
      `  ${s.relation.padEnd(9)} ${percent(s.score).padStart(4)}  ${s.source}  “${s.title}”`,
    );
  out.push('', 'Terms:');
  if (state.terms.length === 0) out.push('  none');
  else out.push(`  ${state.terms.map((t) => `${t.headword}×${t.count}`).join('  ')}`);
  out.push('', 'Parallel passages:');
  if (state.parallels.length === 0) out.push('  none');
  for (const p of state.parallels) {
    out.push(`  [${p.passage}] ${p.text.slice(0, 40)}…`);
    for (const m of p.matches)
      out.push(`      ${percent(m.score).padStart(4)}  ${m.passageId}  ${m.text.slice(0, 36)}…`);
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const contentType = args
    .find((a) => a.startsWith('--content-type='))
    ?.slice('--content-type='.length);
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter(
    (a) => a.startsWith('--') && a !== '--json' && !a.startsWith('--content-type='),
  );
  if (files.length !== 1 || unknown.length > 0) {
    console.error(
      'usage: npm run analyze -- <file.html|file.txt> [--json] [--content-type="text/html; charset=gbk"]',
    );
    process.exit(2);
  }
  const file = files[0]!;
  try {
    if (!existsSync(file)) throw new Error(`${file}: no such file`);
    const decoded = readText(file, contentType ? { contentType } : {});
    const state = await analyzePage(readPage(file, decoded.text), loadCorpus());
    console.log(json ? JSON.stringify(state) : formatReport(state, decoded));
  } catch (error) {
    console.error(`analyze failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
