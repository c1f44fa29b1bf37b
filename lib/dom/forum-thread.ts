import { runNow, type Steps } from './steps';
import { blockLines } from './walk-text';

/**
 * The first post of a forum thread, apart from its replies and its metadata, for forums other
 * than Discuz! X (extract-article.ts has that rule): engines whose markup names the post body
 * (phpBB, Tieba), and any board whose posts are headed by an author/time line (Discuz! Archiver,
 * home-grown and table-layout boards). Readability keeps such a thread's header, view count and
 * replies: on a thread the first post is the article.
 */
export interface ForumThread {
  title: string;
  /** The first post's text, paragraphs separated by "\n". */
  text: string;
  engine: 'phpbb' | 'tieba' | 'headed-posts';
  /** What the thread says about the post: kept as metadata, never as body text. */
  meta: ForumPostMeta;
}

export interface ForumPostMeta {
  author?: string;
  date?: string;
  views?: number;
  replies?: number;
}

/** Engines whose markup names each post's body; the first one in the page is the article. */
const NAMED_POSTS: readonly {
  engine: ForumThread['engine'];
  body: string;
  title: string;
  author: string;
  date: string;
}[] = [
  {
    engine: 'phpbb',
    body: '.post .postbody .content',
    title: 'h2.topic-title, .topic-title',
    author: '.post .postbody .author .username, .post .postprofile .username',
    date: '.post .postbody .author time',
  },
  {
    engine: 'tieba',
    body: '.l_post .d_post_content, .l_post .j_d_post_content',
    title: '.core_title_txt',
    author: '.l_post .p_author_name',
    date: '.l_post .tail-info, .l_post .p_tail span',
  },
];

const DATE =
  /(\d{4}\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)/;
/** A post's header line: who posted and when (作者：… 时间：…, … 发表于 …, 楼主/沙发/N楼 … date). */
const POSTED_BY = /(?:发表于|發表於|发表时间|發表時間)\s*[:：]?\s*\d{4}/;
const AUTHOR_AND_TIME =
  /(?:作者|楼主|樓主|发帖人|發帖人)\s*[:：].{1,40}?(?:时间|時間|日期|发表|發表)\s*[:：]?\s*\d{4}/;
const FLOOR_AND_TIME =
  /^(?:楼主|樓主|沙发|沙發|板凳|地板|\d{1,5}\s*(?:楼|樓|#))(?:\s|\S){0,60}?\d{4}\s*[-/年]\s*\d{1,2}/;
/** A header is one short line; a longer element that matches holds a post, not a header. */
const MAX_HEADER_CHARS = 160;
/** A post region holds prose when a line has at least this many clause or sentence marks. */
const PROSE_MARKS = /[，。！？；,.!?;]/g;
const MIN_PROSE_MARKS = 2;
/** Descend into a child that holds at least this share of its parent's text (the post's text cell). */
const DOMINANT_SHARE = 0.7;

const squeeze = (text: string | null | undefined): string =>
  (text ?? '').replace(/\s+/g, ' ').trim();

function isPostHeader(text: string): boolean {
  if (text.length === 0 || text.length > MAX_HEADER_CHARS) return false;
  return POSTED_BY.test(text) || AUTHOR_AND_TIME.test(text) || FLOOR_AND_TIME.test(text);
}

/** Reads author, time, views and replies from header text. */
export function parsePostMeta(text: string): ForumPostMeta {
  const meta: ForumPostMeta = {};
  const author =
    /(?:作者|楼主|樓主|发帖人|發帖人)\s*[:：]\s*([^\s:：]{1,30}?)(?=\s|时间|時間|日期|发表|發表|浏览|瀏覽|回复|回覆|$)/.exec(
      text,
    )?.[1] ?? /^\s*(?:由\s*)?([^\s:：»]{1,30})\s*(?:发表于|發表於|»)/.exec(text)?.[1];
  if (author) meta.author = author;
  const date = DATE.exec(text)?.[1];
  if (date) meta.date = date.replace(/\s+/g, ' ').trim();
  const views =
    /(?:浏览|瀏覽|查看|阅读|閱讀|点击|點擊|人气|人氣)\s*(?:数|數|次数|次數)?\s*[:：]?\s*([\d,]+)/.exec(
      text,
    )?.[1];
  if (views) meta.views = Number(views.replace(/,/g, ''));
  const replies = /(?:回复|回覆|回帖|回复数|回覆數)\s*[:：]?\s*([\d,]+)/.exec(text)?.[1];
  if (replies) meta.replies = Number(replies.replace(/,/g, ''));
  return meta;
}

/** Elements looked at per step of the header search. */
const HEADER_STEP_ELEMENTS = 2_000;

/**
 * The deepest elements whose own short text reads as a post header, in document order. Each
 * element's text length is summed from its children as the walk comes back up, and only a short
 * one's text is read: reading every element's textContent to learn its length built the page's
 * text once per level of nesting (~200 ms in one task on a 3-million-character page).
 */
function* postHeaders(root: Element): Steps<Element[]> {
  const headers: Element[] = [];
  interface Open {
    element: Element;
    next: Node | null;
    /** Characters of text under it so far (its textContent's length once it is left). */
    chars: number;
    /** A header was found under it: it is not the deepest. */
    holdsHeader: boolean;
  }
  const open: Open[] = [{ element: root, next: root.firstChild, chars: 0, holdsHeader: false }];
  let seen = 0;
  while (open.length > 0) {
    const top = open[open.length - 1]!;
    const node = top.next;
    if (node) {
      top.next = node.nextSibling;
      if (node.nodeType === 1) {
        open.push({
          element: node as Element,
          next: node.firstChild,
          chars: 0,
          holdsHeader: false,
        });
        if (++seen % HEADER_STEP_ELEMENTS === 0) yield;
      } else if (node.nodeType === 3 || node.nodeType === 4) {
        top.chars += (node as CharacterData).length;
      }
      continue;
    }
    open.pop();
    let holdsHeader = top.holdsHeader;
    if (
      !holdsHeader &&
      top.chars <= 4 * MAX_HEADER_CHARS &&
      isPostHeader(squeeze(top.element.textContent))
    ) {
      headers.push(top.element);
      holdsHeader = true;
    }
    const parent = open[open.length - 1];
    if (parent) {
      parent.chars += top.chars;
      if (holdsHeader) parent.holdsHeader = true;
    }
  }
  return headers;
}

/** The part of a region that holds the post's text: descend while one child holds most of it. */
function dominantCell(root: Node): Node {
  let node = root;
  for (;;) {
    const total = squeeze(node.textContent).length;
    if (total === 0) return node;
    let next: Node | null = null;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== 1) continue;
      if (squeeze(child.textContent).length >= DOMINANT_SHARE * total) next = child;
    }
    if (!next) return node;
    node = next;
  }
}

const hasProse = (lines: readonly string[]): boolean =>
  lines.some((line) => (line.match(PROSE_MARKS)?.length ?? 0) >= MIN_PROSE_MARKS);

/** Quotes of other posts and edit notices are not the author's text. */
function dropQuotes(root: ParentNode): void {
  for (const quote of Array.from(root.querySelectorAll('blockquote, .quote, .signature, .pstatus')))
    quote.remove();
}

function titleOf(doc: Document, selector?: string): string {
  const named = selector ? squeeze(doc.querySelector(selector)?.textContent) : '';
  if (named) return named;
  // The innermost 主题：… element is the subject alone, not the thread header around it.
  let subject = '';
  for (const element of Array.from(doc.querySelectorAll('h1, h2, h3, b, strong, td, div, span'))) {
    const found = /^(?:主题|主題|标题|標題)\s*[:：]\s*(.{2,80})$/.exec(
      squeeze(element.textContent),
    );
    if (found && (!subject || found[1]!.length < subject.length)) subject = found[1]!;
  }
  if (subject) return subject;
  const heading = squeeze(doc.querySelector('h1')?.textContent);
  return heading || (doc.title.split(/\s*[-_|–—]\s*/)[0] ?? '').trim();
}

function namedPosts(doc: Document): ForumThread | null {
  for (const shape of NAMED_POSTS) {
    const body = doc.querySelector(shape.body);
    if (!body) continue;
    const clone = body.cloneNode(true) as Element;
    dropQuotes(clone);
    const text = blockLines(clone).join('\n');
    if (!text) continue;
    const meta: ForumPostMeta = {};
    const author = squeeze(doc.querySelector(shape.author)?.textContent);
    if (author) meta.author = author;
    for (const element of Array.from(doc.querySelectorAll(shape.date))) {
      const date = DATE.exec(squeeze(element.textContent))?.[1];
      if (date) {
        meta.date = date;
        break;
      }
    }
    const counts = parsePostMeta(squeeze(doc.body?.textContent).slice(0, 4000));
    if (counts.replies !== undefined) meta.replies = counts.replies;
    return { title: titleOf(doc, shape.title), text, engine: shape.engine, meta };
  }
  return null;
}

/**
 * Posts headed by an author/time line: the first region between two headers that holds prose is
 * the first post (a thread's own header, above it, holds only tools and counts).
 */
function* headedPosts(doc: Document): Steps<ForumThread | null> {
  if (!doc.body) return null;
  const headers = yield* postHeaders(doc.body);
  // One header is a byline, not a thread: Readability and the cleaner's forum chrome handle it.
  if (headers.length < 2) return null;
  const meta: ForumPostMeta = {};
  for (let i = 0; i < headers.length; i++) {
    const range = doc.createRange();
    range.setStartAfter(headers[i]!);
    if (i + 1 < headers.length) range.setEndBefore(headers[i + 1]!);
    else range.setEndAfter(headers[i]!.parentElement!.lastChild!);
    const region = range.cloneContents();
    dropQuotes(region);
    const lines = blockLines(dominantCell(region));
    Object.assign(meta, { ...parsePostMeta(squeeze(headers[i]!.textContent)), ...meta });
    if (!hasProse(lines)) continue;
    const text = lines.join('\n');
    // Comments headed by 发表于 under an article that has no such header: not a thread.
    if (proseBefore(doc, headers[0]!) > text.length / 2) return null;
    return { title: titleOf(doc), text, engine: 'headed-posts', meta };
  }
  return null;
}

/** Characters of prose lines in the page before an element. */
function proseBefore(doc: Document, element: Element): number {
  const range = doc.createRange();
  range.setStartBefore(doc.body.firstChild ?? element);
  range.setEndBefore(element);
  return blockLines(range.cloneContents())
    .filter((line) => hasProse([line]))
    .reduce((sum, line) => sum + line.length, 0);
}

/** Finds the first post of a forum thread (not Discuz! X), or null when the page is not one. */
export function extractForumThread(doc: Document): ForumThread | null {
  return runNow(forumThreadSteps(doc));
}

/** extractForumThread in bounded steps (lib/dom/steps.ts). */
export function* forumThreadSteps(doc: Document): Steps<ForumThread | null> {
  return namedPosts(doc) ?? (yield* headedPosts(doc));
}
