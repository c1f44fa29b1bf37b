import { Readability } from '@mozilla/readability';
import { isJapaneseOrKoreanText } from '../normalise/detect-script';
import { forumThreadSteps, type ForumPostMeta } from './forum-thread';
import { runInSteps, runNow, textLength, type Steps } from './steps';
import { narrowToProse } from './prose-core';
import { extractWikiArticle } from './wiki-article';
import { blockLines, blockLinesInSteps } from './walk-text';

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
function* extractMarkedArticle(doc: Document): Steps<ExtractedArticle | null> {
  return doc.body ? yield* extractMarkedSteps(doc, yield* textLength(doc.body, doc)) : null;
}

function* extractMarkedSteps(doc: Document, pageChars: number): Steps<ExtractedArticle | null> {
  if (pageChars < LARGE_PAGE_CHARS) return null;
  const marked = doc.querySelectorAll('[itemprop="articleBody"], article');
  if (marked.length !== 1) return null;
  const element = marked[0]!;
  const heading = textOf(element.querySelector('h1')) ?? textOf(doc.querySelector('h1'));
  const lines = yield* blockLinesInSteps(element);
  if (lines[0] === heading) lines.shift(); // the headline is the title, not a paragraph
  const text = lines.join('\n');
  if (text.length < MARKED_ARTICLE_SHARE * pageChars) return null;
  return { title: heading ?? doc.title.trim(), text, method: 'markup' };
}

/** Readability on `source` (never the page itself: it rewrites what it is given); `doc` is the page. */
function extractReadability(source: Document, doc: Document): ExtractedArticle | null {
  const clone = source === doc ? (doc.cloneNode(true) as Document) : source;
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
function* forumThread(doc: Document): Steps<ExtractedArticle | null> {
  const thread = yield* forumThreadSteps(doc);
  return thread && { title: thread.title, text: thread.text, method: 'forum', forum: thread.meta };
}

function wikiArticle(doc: Document): ExtractedArticle | null {
  const wiki = extractWikiArticle(doc);
  return wiki && { ...wiki, method: 'wiki' };
}

/**
 * Pages with more elements than this are read in bounded steps (extractSteps): Readability on the
 * whole of a 50,000-element page held the page's main thread for up to 1.4 s in one task.
 */
export const LARGE_PAGE_ELEMENTS = 5_000;
/**
 * Readability is given at most this many elements of a large page: the widest subtree around the
 * densest text that stays under it (about 20 ms of Readability on a slow machine).
 */
export const READABILITY_MAX_ELEMENTS = 2_000;
/** Text nodes weighed per step of the density pass. */
const DENSITY_STEP_NODES = 2_000;

/** Text shorter than this is not weighed (Readability's own minimum for a paragraph). */
const MIN_WEIGHED_CHARS = 25;
const COMMAS = /[,，、;；]/g;
/** Readability's own test for page parts that are not the article (class and id). */
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|shadow/i;

/**
 * Where a large page's text is densest, weighed as Readability weighs paragraphs (one point, one
 * per comma, one per 100 characters up to three; in full for the text's element, half for its
 * parent, a sixth and less above; text under 25 characters and text in parts Readability takes
 * for comments, menus and the like count for nothing; each score scaled down by its link
 * density), and the page's total text length (body.textContent's, read without building that
 * string).
 */
function* textDensity(
  body: HTMLElement,
  doc: Document,
): Steps<{ top: Element | null; chars: number }> {
  const scores = new Map<Element, number>();
  const text = new Map<Element, number>();
  const links = new Map<Element, number>();
  const unlikely = new Map<Element, boolean>();
  const isUnlikely = (element: Element | null): boolean => {
    if (!element || element === body) return false;
    let verdict = unlikely.get(element);
    if (verdict === undefined) {
      const match = `${element.className} ${element.id}`;
      verdict =
        (UNLIKELY.test(match) && !MAYBE_CANDIDATE.test(match) && element.tagName !== 'A') ||
        isUnlikely(element.parentElement);
      unlikely.set(element, verdict);
    }
    return verdict;
  };
  const walker = doc.createTreeWalker(body, 0x4 /* SHOW_TEXT */);
  let chars = 0;
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    chars += data.length;
    if (++seen % DENSITY_STEP_NODES === 0) yield;
    const parent = node.parentElement;
    if (!parent || data.trim().length === 0 || isUnlikely(parent)) continue;
    if (parent.closest('script, style, noscript, template')) continue;
    const inLink = parent.closest('a') !== null;
    const length = data.trim().length;
    const score =
      !inLink && length >= MIN_WEIGHED_CHARS
        ? 1 + (data.match(COMMAS)?.length ?? 0) + Math.min(Math.floor(length / 100), 3)
        : 0;
    let element: Element | null = parent;
    for (let level = 0; element && element !== body && level < 5; level++) {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      if (score) scores.set(element, (scores.get(element) ?? 0) + score / divider);
      text.set(element, (text.get(element) ?? 0) + length);
      if (inLink) links.set(element, (links.get(element) ?? 0) + length);
      element = element.parentElement;
    }
  }
  let top: Element | null = null;
  let best = 0;
  for (const [element, score] of scores) {
    const scaled = score * (1 - (links.get(element) ?? 0) / (text.get(element) ?? 1));
    if (scaled > best) {
      best = scaled;
      top = element;
    }
  }
  return { top, chars };
}

const elementCount = (root: Element): number => root.getElementsByTagName('*').length;

/**
 * A copy of the document holding its <head> and only `subtree` in its body, for Readability: the
 * head keeps the title and metadata it reads, the subtree bounds the work.
 */
function boundedCopy(doc: Document, subtree: Element): Document {
  const copy = doc.implementation.createHTMLDocument('');
  if (doc.head) copy.documentElement.replaceChild(copy.importNode(doc.head, true), copy.head);
  copy.body.append(copy.importNode(subtree, true));
  return copy;
}

/**
 * A large page's article in steps: the marked-up article rule, then Readability on a copy of the
 * widest subtree around the densest text that has at most READABILITY_MAX_ELEMENTS elements; a
 * denser subtree too large for that which holds most of the page's text is read directly, as
 * one dominant body.
 */
function* extractLargeSteps(doc: Document, body: HTMLElement): Steps<ExtractedArticle | null> {
  const { top, chars } = yield* textDensity(body, doc);
  const marked = yield* extractMarkedSteps(doc, chars);
  if (marked) return marked;
  yield;
  if (top) {
    let subtree = top;
    while (
      subtree.parentElement &&
      subtree.parentElement !== body &&
      elementCount(subtree.parentElement) <= READABILITY_MAX_ELEMENTS
    )
      subtree = subtree.parentElement;
    if (elementCount(subtree) <= READABILITY_MAX_ELEMENTS) {
      const copy = boundedCopy(doc, subtree);
      yield;
      const found = extractReadability(copy, doc);
      if (found) return found;
    } else if ((yield* textLength(subtree, doc)) >= MARKED_ARTICLE_SHARE * chars) {
      const lines = yield* blockLinesInSteps(subtree);
      const heading = textOf(subtree.querySelector('h1')) ?? textOf(doc.querySelector('h1'));
      if (lines[0] === heading) lines.shift();
      if (lines.length)
        return { title: heading ?? doc.title.trim(), text: lines.join('\n'), method: 'markup' };
    }
  }
  const text = (yield* blockLinesInSteps(body)).join('\n');
  return text ? { title: doc.title.trim(), text, method: 'body' } : null;
}

/** The steps of extractArticle (see there). */
function* extractSteps(doc: Document): Steps<ExtractedArticle | null> {
  // Forum and wiki shapes first: Readability takes replies and navboxes for content.
  const shaped = extractDiscuz(doc) ?? (yield* forumThread(doc)) ?? wikiArticle(doc);
  if (shaped) return shaped;
  const body = doc.body;
  if (body && elementCount(body) > LARGE_PAGE_ELEMENTS) return yield* extractLargeSteps(doc, body);
  const found = (yield* extractMarkedArticle(doc)) ?? extractReadability(doc, doc);
  if (found) return found;
  const text = body ? blockLines(body).join('\n') : '';
  return text ? { title: doc.title.trim(), text, method: 'body' } : null;
}

/**
 * Finds a page's main article: forum rules first (Readability takes a Discuz thread's replies and
 * signatures for content), then Readability, then the body's text. Pages of over
 * LARGE_PAGE_ELEMENTS elements give Readability only the subtree where their text is densest.
 */
export function extractArticle(doc: Document): ExtractedArticle | null {
  return runNow(extractSteps(doc));
}

/**
 * extractArticle cut into tasks: whenever a step has run for `budgetMs`, waits for `pause` (a new
 * task) before the next. The same answer as extractArticle.
 */
export function extractArticleInSteps(
  doc: Document,
  pause: () => Promise<void>,
  budgetMs = 10,
  now: () => number = () => performance.now(),
): Promise<ExtractedArticle | null> {
  return runInSteps(extractSteps(doc), pause, budgetMs, now);
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
