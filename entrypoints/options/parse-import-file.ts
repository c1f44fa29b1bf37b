import type { Translate } from '../../components/i18n';
import Papa from 'papaparse';
import { decodeText, notText } from '../../lib/clean/decode-text';
import { extractArticle } from '../../lib/dom/extract-article';
import { MAX_ARTICLE_CHARS, type RequestOf } from '../../lib/messaging/messages';
import { safeHref } from '../../lib/format';
import { BACKUP_FORMAT } from '../../lib/views';

export type ImportFile = RequestOf<'wenmai/import-files'>['files'][number];

export type ParsedFile =
  | { kind: 'articles'; files: ImportFile[] }
  | { kind: 'backup'; json: string }
  | { kind: 'error'; error: string };

/** A first line longer than this is the text, not its title. */
const MAX_TITLE_LINE = 80;

/** Titles and names within the message schema's limits. */
function clip(value: string, max = 2000): string {
  return value.length > max ? value.slice(0, max) : value;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function fromText(name: string, text: string): ParsedFile {
  const firstLine = text
    .split('\n')
    .map((line) => line.trim())
    .find(Boolean);
  const title = firstLine && firstLine.length <= MAX_TITLE_LINE ? firstLine : name;
  return { kind: 'articles', files: [{ name, title, text }] };
}

function fromHtml(name: string, html: string, t: Translate): ParsedFile {
  // An inert document: nothing in it loads or runs.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const article = extractArticle(doc);
  if (!article?.text.trim()) return { kind: 'error', error: t('fileNoArticle', name) };
  const url =
    safeHref(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) ??
    safeHref(doc.querySelector('meta[property="og:url"]')?.getAttribute('content'));
  if (article.text.length > MAX_ARTICLE_CHARS)
    return { kind: 'error', error: t('fileTooLarge', name) };
  const file: ImportFile = { name, title: clip(article.title.trim() || name), text: article.text };
  if (url) file.url = url;
  return { kind: 'articles', files: [file] };
}

function fromJson(name: string, json: string, t: Translate): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { kind: 'error', error: t('fileBadJson', [name, (error as Error).message]) };
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as { format?: unknown }).format === BACKUP_FORMAT
  ) {
    return { kind: 'backup', json };
  }
  if (!Array.isArray(value) || value.length === 0)
    return { kind: 'error', error: t('fileBadJsonShape', name) };
  const files: ImportFile[] = [];
  for (const [i, item] of value.entries()) {
    const record = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    const { title, text, url } = record;
    if (
      typeof title !== 'string' ||
      typeof text !== 'string' ||
      !text.trim() ||
      (url !== undefined && typeof url !== 'string')
    ) {
      return { kind: 'error', error: t('fileBadJsonItem', [name, String(i + 1)]) };
    }
    if (text.length > MAX_ARTICLE_CHARS) return { kind: 'error', error: t('fileTooLarge', name) };
    const file: ImportFile = {
      name: `${name} [${i + 1}]`,
      title: clip(title.trim() || name),
      text,
    };
    const href = safeHref(url);
    if (href) file.url = href;
    files.push(file);
  }
  return { kind: 'articles', files };
}

/** The columns of a corpus CSV (one article a row): the 2026 work reports' shape. */
const CSV_TEXT = 'full_text';

/**
 * A corpus CSV (header row; `full_text`, and `title`, `source_url`, `publish_date`, `province`
 * where it has them): one article a row, with its title, URL, date and place.
 */
function fromCsv(name: string, text: string, t: Translate): ParsedFile {
  const { data, meta } = Papa.parse<Record<string, string | undefined>>(text, {
    header: true,
    skipEmptyLines: true,
  });
  if (!meta.fields?.includes(CSV_TEXT)) return { kind: 'error', error: t('fileBadCsv', name) };
  const files: ImportFile[] = [];
  for (const [i, row] of data.entries()) {
    const body = row[CSV_TEXT]?.replace(/\r\n?/g, '\n') ?? '';
    if (!body.trim()) continue;
    if (body.length > MAX_ARTICLE_CHARS) return { kind: 'error', error: t('fileTooLarge', name) };
    const file: ImportFile = {
      name: `${name} [${i + 1}]`,
      title: clip(row.title?.trim() || `${name} [${i + 1}]`),
      text: body,
    };
    const href = safeHref(row.source_url);
    if (href) file.url = href;
    const date = row.publish_date?.trim();
    if (date) file.date = clip(date, 40);
    const place = row.province?.trim();
    if (place) file.place = clip(place, 200);
    files.push(file);
  }
  if (files.length === 0) return { kind: 'error', error: t('fileEmpty', name) };
  return { kind: 'articles', files };
}

/**
 * Turns one chosen file into articles for `wenmai/import-files` (or a backup to restore).
 * Anything it cannot read is one error naming the file, and nothing of that file is sent.
 * The bytes are decoded in the file's charset (byte order mark, declared in a page, or sniffed:
 * GBK, Big5, UTF-16…), and noise or a binary file is refused as not text.
 */
export function parseImportFile(fileName: string, content: Uint8Array, t: Translate): ParsedFile {
  const name = clip(fileName, 450);
  const ext = extensionOf(name);
  if (!['txt', 'html', 'htm', 'json', 'csv'].includes(ext))
    return { kind: 'error', error: t('fileUnsupported', name) };
  const decoded = decodeText(content, { html: ext === 'html' || ext === 'htm' });
  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim()) return { kind: 'error', error: t('fileEmpty', name) };
  const problem = notText(text);
  if (problem?.kind === 'broken')
    return { kind: 'error', error: t('fileNotText', [name, String(problem.percent)]) };
  if (problem) return { kind: 'error', error: t('fileNoLetters', [name, String(problem.percent)]) };
  if (ext === 'json') return fromJson(name, text, t);
  if (ext === 'csv') return fromCsv(name, text, t);
  if (ext !== 'txt') return fromHtml(name, text, t);
  if (text.length > MAX_ARTICLE_CHARS) return { kind: 'error', error: t('fileTooLarge', name) };
  return fromText(name, text);
}

/** Batches that stay well inside the message schema (500 files) and message size limits. */
export function batchFiles(
  files: ImportFile[],
  maxFiles = 100,
  maxChars = 8_000_000,
): ImportFile[][] {
  const batches: ImportFile[][] = [];
  let current: ImportFile[] = [];
  let chars = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= maxFiles || chars + file.text.length > maxChars)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(file);
    chars += file.text.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
