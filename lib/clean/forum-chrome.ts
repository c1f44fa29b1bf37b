/**
 * Recognises the chrome that copying a Discuz!-style forum thread leaves around a post:
 * "作者 发表于 2024-7-4 09:18:46" above it, "页: [1]" and "查看完整版本: 标题" below it,
 * and "论坛 » 版块 » 标题" breadcrumbs.
 */

export interface ForumMeta {
  author?: string;
  date?: string;
  board?: string;
  title?: string;
}

const POSTED_LINE =
  /^\s*(.{1,40}?)\s+(?:发表于|發表於|发表在)\s*(\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$/;
const PAGER_LINE = /^\s*(?:页|頁)\s*[:：]\s*(?:\[\d+\]\s*)+$/;
const FULL_VERSION_LINE = /^\s*(?:查看完整版本|查看完整版本)\s*[:：]\s*(.+?)\s*$/;
const POWERED_LINE = /^\s*Powered by Discuz!/i;
const BREADCRUMB_LINE = /^\s*[^»]{1,30}(?:\s*»\s*[^»]{1,60}){2,}\s*$/;

/** True if the line is forum chrome rather than post text. */
export function isForumChromeLine(line: string): boolean {
  return (
    POSTED_LINE.test(line) ||
    PAGER_LINE.test(line) ||
    FULL_VERSION_LINE.test(line) ||
    POWERED_LINE.test(line) ||
    BREADCRUMB_LINE.test(line)
  );
}

/** Splits forum chrome lines off a post; returns the remaining lines and what the chrome said. */
export function splitForumChrome(lines: readonly string[]): {
  lines: string[];
  meta: ForumMeta | null;
} {
  const meta: ForumMeta = {};
  const kept: string[] = [];
  let found = false;
  for (const line of lines) {
    const posted = POSTED_LINE.exec(line);
    if (posted) {
      found = true;
      meta.author ??= posted[1]?.trim();
      meta.date ??= posted[2];
      continue;
    }
    const full = FULL_VERSION_LINE.exec(line);
    if (full) {
      found = true;
      meta.title ??= full[1];
      continue;
    }
    if (BREADCRUMB_LINE.test(line)) {
      found = true;
      const parts = line.split('»').map((part) => part.trim());
      meta.board ??= parts[parts.length - 2];
      meta.title ??= parts[parts.length - 1];
      continue;
    }
    if (PAGER_LINE.test(line) || POWERED_LINE.test(line)) {
      found = true;
      continue;
    }
    kept.push(line);
  }
  return { lines: kept, meta: found ? meta : null };
}
