import * as OpenCC from 'opencc-js';
import type { Report } from './reports-2026';

/**
 * Pages made at run time from a 2026 work report's text, as the web shows such reports again: the
 * Done-when cases of issue 9 (a Traditional excerpt, a forum repost, a whole report) and the
 * bench's 30,000-character page. Never written into the repository: the reports are third-party.
 */

const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A plain article page: a title, a heading, and the body as given. */
export const articlePage = (title: string, body: string, lang: string): string =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
  `<body><article><h1>${escape(title)}</h1>${body}</article></body></html>`;

/** Each non-empty line of a text as a paragraph. */
export const paragraphsHtml = (text: string): string =>
  text
    .split(/\n+/)
    .filter((line) => line.trim())
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Characters 3,000–9,000 of a report in Taiwan's Traditional standard, titled as an excerpt. */
export const traditionalExcerptPage = (report: Report): string =>
  articlePage(
    `${toTaiwan(report.title)}（節選）`,
    paragraphsHtml(toTaiwan(report.fullText.slice(3000, 9000))),
    'zh-TW',
  );

/** A forum repost: the whole report pasted with its paragraphs collapsed into one block. */
export const forumRepostPage = (report: Report): string =>
  articlePage(
    `转：${report.title}`,
    `<div class="post">${escape(report.fullText.replace(/\n+/g, ''))}</div>`,
    'zh-CN',
  );

/** The whole report as its portal would show it. */
export const wholeReportPage = (report: Report): string =>
  articlePage(report.title, paragraphsHtml(report.fullText), 'zh-CN');

/**
 * A report's paragraphs up to about `chars` characters (whole paragraphs, stopping at the first
 * that reaches it), and how many characters the page's text holds.
 */
export function reportPageOf(report: Report, chars: number): { html: string; chars: number } {
  const kept: string[] = [];
  let length = 0;
  for (const line of report.fullText.split(/\n+/)) {
    if (!line.trim()) continue;
    if (length >= chars) break;
    kept.push(line);
    length += line.length;
  }
  return {
    html: articlePage(report.title, paragraphsHtml(kept.join('\n')), 'zh-CN'),
    chars: length,
  };
}
