/**
 * Bylines that official articles end (or start) with: "(作者:馬獻軍,系…部長)", "(作者为…书记)".
 */

export interface Byline {
  /** The author's name, when the byline gives one. */
  author?: string;
  /** Post and unit, e.g. 江苏省南京市秦淮区委常委、组织部部长. */
  affiliation?: string;
  /** The byline as it stood in the text. */
  text: string;
}

const BYLINE =
  /^[(（]\s*(?:作者|文)\s*(?:[:：]\s*([^,，、)）]{1,20}?)\s*(?:[,，]\s*(?:系|为|為|是)?\s*([^)）]+?))?|(?:为|為|系)\s*([^)）]+?))\s*[)）]\s*$/;

/** Parses a standalone byline paragraph; null if the paragraph is not one. */
export function parseByline(paragraph: string): Byline | null {
  const match = BYLINE.exec(paragraph.trim());
  if (!match) return null;
  const [, author, affiliation, roleOnly] = match;
  const byline: Byline = { text: paragraph.trim() };
  if (author) byline.author = author.trim();
  const place = affiliation ?? roleOnly;
  if (place) byline.affiliation = place.trim();
  return byline;
}
