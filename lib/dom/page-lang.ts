import {
  countHanAndLetters,
  countScript,
  isChineseCounts,
  isJapaneseOrKoreanLang,
  langFromCounts,
  MIN_HAN_CHARS,
  type PageLang,
} from '../normalise/detect-script';
import { BMP_HAN_CLASS } from '../normalise/han';
import { sampleText } from './walk-text';

/** Characters read to decide whether a page is Chinese at all. */
export const PAGE_SAMPLE_CHARS = 8_000;

/**
 * The language the document says it is in: `<html lang>`, else a Content-Language `<meta>`.
 * One attribute read (and one selector when there is no `lang`): no walk.
 */
export function declaredLang(doc: Document): string | null {
  const lang = doc.documentElement?.getAttribute('lang');
  if (lang?.trim()) return lang.trim();
  const meta = doc.head?.querySelector('meta[http-equiv="content-language" i]');
  return meta?.getAttribute('content')?.trim() || null;
}

/** True when the document declares itself Japanese or Korean: never a Chinese page, whatever its Han. */
export function declaresJapaneseOrKorean(doc: Document): boolean {
  return isJapaneseOrKoreanLang(declaredLang(doc));
}

/** The script of a page judged from a cheap sample of its text: 'other' when it is not Chinese. */
export function samplePageLang(doc: Document = document, limit = PAGE_SAMPLE_CHARS): PageLang {
  if (!doc.body || declaresJapaneseOrKorean(doc)) return 'other';
  const counts = countScript(sampleText(doc.body, limit, doc));
  return counts.han < MIN_HAN_CHARS ? 'other' : langFromCounts(counts);
}

const HAN = new RegExp(`[${BMP_HAN_CLASS}]`);

/**
 * Pages with more elements than this skip the body.textContent pre-check: building the whole
 * page's text as one string took the detector 30–110 ms on a 3-million-character page, inside the
 * page's own DOMContentLoaded task, while the sample below reads at most `limit` characters.
 */
export const LARGE_PAGE_ELEMENTS = 3_000;

/**
 * Characters of body text above which a page's own first layout is a long task by itself on this
 * project's machine (1.2–1.6 ms per 1,000 characters: 35 ms at 30,000, 160 ms at 100,000).
 */
export const LARGE_PAGE_CHARS = 50_000;

/**
 * Whether the page's own first layout will be a long task whatever Wenmai does: over
 * LARGE_PAGE_ELEMENTS elements or LARGE_PAGE_CHARS characters of text. One native count, and on a
 * page of ordinary size one native read of its text.
 */
export function isLargePage(doc: Document = document): boolean {
  const body = doc.body;
  if (!body) return false;
  if (body.getElementsByTagName('*').length > LARGE_PAGE_ELEMENTS) return true;
  return (body.textContent?.length ?? 0) > LARGE_PAGE_CHARS;
}

/**
 * Whether a page is Chinese at all: all the detector needs to decide, on every page. On a page of
 * ordinary size, a page whose text holds no Han character is decided by one native read of
 * body.textContent and one regex test: walking text nodes in the content script's isolated world
 * builds a wrapper for every node and element type it meets, which cost a page without Chinese
 * ~1 ms more. On a large page (one native count of its elements says so) that read costs more than
 * the walk, which is bounded: the sample alone decides, as it decides every page with Han. Text in
 * scripts and styles can only send a page on to the full sample, never turn a Chinese page away. A
 * page with Han that declares itself Japanese or Korean (`<html lang="ja">`) is turned away by that
 * one attribute; one that does not is turned away by the kana or hangul in its sample.
 */
export function isChinesePage(doc: Document = document, limit = PAGE_SAMPLE_CHARS): boolean {
  const body = doc.body;
  if (!body) return false;
  const large = body.getElementsByTagName('*').length > LARGE_PAGE_ELEMENTS;
  if (!large && !HAN.test(body.textContent ?? '')) return false;
  if (declaresJapaneseOrKorean(doc)) return false;
  return isChineseCounts(countHanAndLetters(sampleText(body, limit, doc)));
}
