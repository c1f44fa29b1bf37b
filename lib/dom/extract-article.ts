import { Readability } from '@mozilla/readability';
import { isJapaneseOrKoreanText } from '../normalise/detect-script';
import { extractForumThread, type ForumPostMeta } from './forum-thread';
import { narrowToProse } from './prose-core';
import { extractWikiArticle } from './wiki-article';
import { blockLines } from './walk-text';

/** The main article of a page as plain text, paragraphs separated by "\n". */
export interface ExtractedArticle {
  title: string;
  text: string;
  /** How it was found: a forum rule, Readability, or the page body as a last resort. */
  method: 'discuz' | 'forum' | 'wiki' | 'markup' | 'readability' | 'body';
  byline?: string;
  /** Forum post metadata, when a forum rule found the post. */
  forum?: ForumPostMeta & { board?: string };
}

/** Readability gives up below this many characters; Chinese packs more per character than English. */
const READABILITY_CHAR_THRESHOLD = 200;

function textOf(element: Element | null): string | undefined {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** Discuz! threads: the first post's body is td.t_f (id postmessage_…), the title #thread_subject. */
function extractDiscuz(doc: Document): ExtractedArticle | null {
  const body = doc.querySelector('td.t_f, td[id^="postmessage_"]');
  if (!body) return null;
  // Edit notices and quoted replies are not the author's text.
  const clone = body.cloneNode(true) as Element;
  for (const noise of Array.from(
    clone.querySelectorAll('.pstatus, .quote, .blockcode, .attach_nopermission, .tip'),
  ))
    noise.remove();
  const text = blockLines(clone).join('\n');
  if (!text) return null;
  const crumbs = Array.from(doc.querySelectorAll('#pt .z a, #pt a'))
    .map((a) => textOf(a))
    .filter((t): t is string => Boolean(t));
  const forum: NonNullable<ExtractedArticle['forum']> = {};
  const author = textOf(doc.querySelector('.authi a.xw1, .authi a'));
  if (author) forum.author = author;
  const date = textOf(doc.querySelector('em[id^="authorposton"]'))?.replace(
    /^(发表于|發表於)\s*/,
    '',
  );
  if (date) forum.date = date;
  if (crumbs.length >= 2) forum.board = crumbs[crumbs.length - 2]!;
  const title = textOf(doc.querySelector('#thread_subject')) ?? doc.title.split(/\s+-\s+/)[0] ?? '';
  return { title, text, method: 'discuz', forum };
}

/** Pages with more text than this get the semantic-markup rule before Readability (which takes ~60 ms on 100,000 characters). */
const LARGE_PAGE_CHARS = 30_000;
/** The marked-up article must hold at least this share of the page's text to be trusted. */
const MARKED_ARTICLE_SHARE = 0.5;

/**
 * Large pages whose markup says where the article is (a single <article>, or itemprop=articleBody)
 * are read from that element directly: Readability would spend tens of milliseconds to find the
 * same element.
 */
function extractMarkedArticle(doc: Document): ExtractedArticle | null {
  const pageChars = doc.body?.textContent?.length ?? 0;
  if (pageChars < LARGE_PAGE_CHARS) return null;
  const marked = doc.querySelectorAll('[itemprop="articleBody"], article');
  if (marked.length !== 1) return null;
  const element = marked[0]!;
  const heading = textOf(element.querySelector('h1')) ?? textOf(doc.querySelector('h1'));
  const lines = blockLines(element);
  if (lines[0] === heading) lines.shift(); // the headline is the title, not a paragraph
  const text = lines.join('\n');
  if (text.length < MARKED_ARTICLE_SHARE * pageChars) return null;
  return { title: heading ?? doc.title.trim(), text, method: 'markup' };
}

function extractReadability(doc: Document): ExtractedArticle | null {
  // Readability rewrites the document it is given: always hand it a clone.
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability(clone, { charThreshold: READABILITY_CHAR_THRESHOLD }).parse();
  if (!parsed?.content) return null;
  // An inert document (no browsing context): its images never load and its handlers never run.
  const content = doc.implementation.createHTMLDocument('');
  content.body.innerHTML = parsed.content;
  // A one-paragraph article makes Readability take the sidebars too (prose-core.ts).
  const text = narrowToProse(doc, blockLines(content.body).join('\n'));
  if (!text) return null;
  const article: ExtractedArticle = {
    title: parsed.title?.trim() || doc.title.trim(),
    text,
    method: 'readability',
  };
  if (parsed.byline) article.byline = parsed.byline;
  return article;
}

/** Other forums' threads (lib/dom/forum-thread.ts): the first post, its metadata apart. */
function forumThread(doc: Document): ExtractedArticle | null {
  const thread = extractForumThread(doc);
  return thread && { title: thread.title, text: thread.text, method: 'forum', forum: thread.meta };
}

function wikiArticle(doc: Document): ExtractedArticle | null {
  const wiki = extractWikiArticle(doc);
  return wiki && { ...wiki, method: 'wiki' };
}

/**
 * Finds a page's main article: forum rules first (Readability takes a Discuz thread's replies and
 * signatures for content), then Readability, then the body's text.
 */
export function extractArticle(doc: Document): ExtractedArticle | null {
  const found =
    extractDiscuz(doc) ??
    forumThread(doc) ??
    wikiArticle(doc) ??
    extractMarkedArticle(doc) ??
    extractReadability(doc);
  if (found) return found;
  const text = doc.body ? blockLines(doc.body).join('\n') : '';
  return text ? { title: doc.title.trim(), text, method: 'body' } : null;
}

/**
 * All readable text of the page (blocks separated by "\n"), for term counts and language. Lines
 * in Japanese or Korean are left out, as the highlighter leaves out their blocks (text-blocks.ts),
 * so the CLI counts what the extension highlights.
 */
export function visibleText(doc: Document): string {
  return doc.body
    ? blockLines(doc.body)
        .filter((line) => !isJapaneseOrKoreanText(line))
        .join('\n')
    : '';
}
