import { parseByline, type Byline } from './byline';
import { splitForumChrome, type ForumMeta } from './forum-chrome';
import { applyMojibakeRepairs, findMojibake, type MojibakeRun } from './repair-mojibake';
import { stripPinyin } from './strip-pinyin';
import { stripPortalDebris } from './portal-debris';

/** What cleaning found and took out of an article, kept instead of thrown away. */
export interface ArticleMeta {
  author?: string;
  affiliation?: string;
  date?: string;
  board?: string;
  forum?: ForumMeta;
  byline?: Byline;
  /** The outlet a portal names (来源：…), a report's speaker and occasion lines, photo captions. */
  outlet?: string;
  speaker?: string;
  occasion?: string;
  captions?: string[];
  /** Number of pinyin annotations removed ("發(fā)" → "發"). */
  pinyinRemoved: number;
  /** Mojibake runs: repaired ones carry `repaired`, the rest are flagged. */
  mojibake: MojibakeRun[];
}

export interface CleanArticle {
  title: string;
  /** Clean text, paragraphs separated by "\n". Passage offsets refer to this text. */
  text: string;
  meta: ArticleMeta;
}

/** A title line is short and is not a sentence. */
const MAX_TITLE_CHARS = 60;
const SENTENCE_END = /[。!?！？;；]$/;
/** Titles derived from the first sentence are cut here. */
const DERIVED_TITLE_CHARS = 30;

function isTitleLike(line: string): boolean {
  return (
    line.length > 0 &&
    line.length <= MAX_TITLE_CHARS &&
    !SENTENCE_END.test(line) &&
    !/^[(（]/.test(line)
  );
}

function deriveTitle(text: string): string {
  const firstSentence = /^[^。!?！？\n]*/.exec(text)?.[0] ?? '';
  return firstSentence.length > DERIVED_TITLE_CHARS
    ? `${firstSentence.slice(0, DERIVED_TITLE_CHARS)}…`
    : firstSentence;
}

/**
 * Cleans raw article text (a corpus source or a page's extracted text): splits off forum chrome
 * and bylines as metadata, repairs or flags mojibake, strips pinyin debris, trims paragraphs.
 * @param title a title already known (from the page), preferred over one found in the text.
 */
export function cleanArticle(raw: string, title?: string): CleanArticle {
  const meta: ArticleMeta = { pinyinRemoved: 0, mojibake: [] };
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim());

  const forum = splitForumChrome(lines);
  const portal = stripPortalDebris(forum.lines.filter((line) => line.length > 0));
  let paragraphs = portal.lines;
  for (const key of ['outlet', 'date', 'speaker', 'occasion', 'captions'] as const)
    if (portal.meta[key] !== undefined) Object.assign(meta, { [key]: portal.meta[key] });
  if (forum.meta) {
    meta.forum = forum.meta;
    if (forum.meta.author) meta.author = forum.meta.author;
    if (forum.meta.date) meta.date = forum.meta.date;
    if (forum.meta.board) meta.board = forum.meta.board;
  }

  // The title line of a forum post repeats the thread title, or is a short first line.
  let foundTitle = title?.trim() || undefined;
  const first = paragraphs[0];
  if (
    first !== undefined &&
    paragraphs.length > 1 &&
    (first === forum.meta?.title || (forum.meta && isTitleLike(first)))
  ) {
    foundTitle ??= first;
    paragraphs = paragraphs.slice(1);
  }
  foundTitle ??= forum.meta?.title;
  // Heading lines that repeat the known title (or a part of it: 政府工作报告) are not text.
  while (
    foundTitle &&
    paragraphs.length > 1 &&
    isTitleLike(paragraphs[0]!) &&
    foundTitle.replace(/\s+/g, '').includes(paragraphs[0]!.replace(/\s+/g, ''))
  )
    paragraphs = paragraphs.slice(1);

  // Mojibake first: a repair re-decodes bytes, which pinyin removal would have shifted.
  let text = paragraphs.join('\n');
  meta.mojibake = findMojibake(text);
  text = applyMojibakeRepairs(text, meta.mojibake);
  const stripped = stripPinyin(text);
  meta.pinyinRemoved = stripped.removed.length;
  paragraphs = stripped.text.split('\n');

  paragraphs = paragraphs.filter((paragraph, index) => {
    if (index !== 0 && index !== paragraphs.length - 1) return true;
    const byline = parseByline(paragraph);
    if (!byline) return true;
    meta.byline = byline;
    if (byline.author) meta.author ??= byline.author;
    if (byline.affiliation) meta.affiliation = byline.affiliation;
    return false;
  });
  text = paragraphs.join('\n');

  return { title: foundTitle ?? deriveTitle(text), text, meta };
}
