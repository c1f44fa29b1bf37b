/**
 * Datasets: folders of texts read where they lie and added to the corpus of one run, never to the
 * committed bundle. `WENMAI_DATASETS=<folder>[:<folder>…]` names them (README, "Adding to the
 * corpus"); every CSV of the reports' shape (`province, year, title, source_url, publish_date,
 * full_text`, any number of rows), `.txt` and `.html` under them becomes an article.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, delimiter, extname, join, relative, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { decodeText, notText } from '../lib/clean/decode-text';
import { extractArticle } from '../lib/dom/extract-article';
import type { ArticleSource } from '../lib/prepare-article';

export const DATASETS_ENV = 'WENMAI_DATASETS';

/** The columns a dataset CSV must have: the shape of the 2026 work reports. */
export const DATASET_COLUMNS = [
  'province',
  'year',
  'title',
  'source_url',
  'publish_date',
  'full_text',
] as const;

/**
 * The dataset folders named by WENMAI_DATASETS (separated by ":", or ";" on Windows), resolved
 * against the working directory. A folder that does not exist is an error, not a silent skip.
 */
export function datasetFolders(value = process.env[DATASETS_ENV]): string[] {
  const folders = (value ?? '')
    .split(delimiter)
    .map((folder) => folder.trim())
    .filter(Boolean)
    .map((folder) => resolve(folder));
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new Error(`${DATASETS_ENV}: ${folder} is not a folder`);
  }
  return folders;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.name.startsWith('.')) return [];
      if (entry.isDirectory()) return filesUnder(path);
      return entry.isFile() ? [path] : [];
    });
}

/** A stable id: the same file (and row) in the same folder keeps its id across runs. */
function datasetId(folder: string, file: string, row?: number): string {
  const key = `${basename(folder)}/${relative(folder, file)}${row === undefined ? '' : `:${row}`}`;
  return `ds_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

const safeUrl = (value: string | undefined | null): string | undefined => {
  const url = value?.trim();
  return url && /^https?:\/\//i.test(url) ? url : undefined;
};

/** The articles of one CSV, or null when it does not have the reports' columns. */
export function csvArticles(folder: string, file: string, content: string): ArticleSource[] | null {
  const { data, meta } = Papa.parse<Record<string, string | undefined>>(
    content.replace(/^\uFEFF/, ''),
    { header: true, skipEmptyLines: true },
  );
  if (!DATASET_COLUMNS.every((column) => meta.fields?.includes(column))) return null;
  const name = relative(folder, file);
  const articles: ArticleSource[] = [];
  data.forEach((row, i) => {
    const raw = row.full_text?.replace(/\r\n?/g, '\n') ?? '';
    if (!raw.trim()) return;
    const article: ArticleSource = {
      id: datasetId(folder, file, data.length > 1 ? i + 1 : undefined),
      source: data.length > 1 ? `${name} [${i + 1}]` : name,
      raw,
    };
    const title = row.title?.trim();
    if (title) article.title = title;
    const url = safeUrl(row.source_url);
    if (url) article.url = url;
    const date = row.publish_date?.trim();
    if (date) article.date = date;
    const place = row.province?.trim();
    if (place) article.place = place;
    articles.push(article);
  });
  return articles;
}

/** A saved page: its main article, title and canonical address. */
export function htmlArticle(folder: string, file: string, html: string): ArticleSource | null {
  // jsdom runs no page scripts by default: a saved page is data, not code.
  const doc = new JSDOM(html).window.document;
  const extracted = extractArticle(doc);
  if (!extracted?.text.trim()) return null;
  const article: ArticleSource = {
    id: datasetId(folder, file),
    source: relative(folder, file),
    raw: extracted.text,
  };
  if (extracted.title.trim()) article.title = extracted.title.trim();
  const url =
    safeUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) ??
    safeUrl(doc.querySelector('meta[property="og:url"]')?.getAttribute('content'));
  if (url) article.url = url;
  return article;
}

export interface DatasetRead {
  articles: ArticleSource[];
  /** Files passed over, with why (a CSV of another shape, a page without an article, not text). */
  skipped: { file: string; reason: string }[];
}

/** Reads every article of the given dataset folders, in a stable order. */
export function readDatasets(folders: readonly string[]): DatasetRead {
  const read: DatasetRead = { articles: [], skipped: [] };
  for (const folder of folders) {
    for (const file of filesUnder(folder)) {
      const ext = extname(file).toLowerCase();
      if (!['.csv', '.txt', '.html', '.htm'].includes(ext)) continue;
      const decoded = decodeText(new Uint8Array(readFileSync(file)), {
        html: ext === '.html' || ext === '.htm',
      });
      const text = decoded.text.replace(/^\uFEFF/, '');
      const problem = notText(text);
      if (problem) {
        read.skipped.push({ file, reason: 'not text' });
        continue;
      }
      if (ext === '.csv') {
        const rows = csvArticles(folder, file, text);
        // One by one: a spread of a CSV's rows onto the stack overflows at ~100,000.
        if (rows) for (const row of rows) read.articles.push(row);
        else read.skipped.push({ file, reason: `not the columns ${DATASET_COLUMNS.join(', ')}` });
      } else if (ext === '.txt') {
        if (text.trim())
          read.articles.push({
            id: datasetId(folder, file),
            source: relative(folder, file),
            raw: text,
          });
        else read.skipped.push({ file, reason: 'empty' });
      } else {
        const article = htmlArticle(folder, file, text);
        if (article) read.articles.push(article);
        else read.skipped.push({ file, reason: 'no article found in the page' });
      }
    }
  }
  return read;
}
