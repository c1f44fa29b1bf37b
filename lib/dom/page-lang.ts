import {
  countHanAndLetters,
  countScript,
  isChineseCounts,
  langFromCounts,
  MIN_HAN_CHARS,
  type PageLang,
} from '../detect-script';
import { BMP_HAN_CLASS } from '../han';
import { sampleText } from './walk-text';

/** Characters read to decide whether a page is Chinese at all. */
export const PAGE_SAMPLE_CHARS = 8_000;

/** The script of a page judged from a cheap sample of its text: 'other' when it is not Chinese. */
export function samplePageLang(doc: Document = document, limit = PAGE_SAMPLE_CHARS): PageLang {
  if (!doc.body) return 'other';
  const counts = countScript(sampleText(doc.body, limit, doc));
  return counts.han < MIN_HAN_CHARS ? 'other' : langFromCounts(counts);
}

/** A page whose title, language tag and first this many characters hold no Han is not Chinese. */
export const QUICK_SAMPLE_CHARS = 2_000;
const HAN = new RegExp(`[${BMP_HAN_CLASS}]`);

/**
 * Whether a page is Chinese at all: all the detector needs to decide. Most of the web is decided on
 * a short sample (walking text nodes is the detector's main cost on every page); a page with any
 * sign of Chinese gets the full sample samplePageLang reads.
 */
export function isChinesePage(doc: Document = document, limit = PAGE_SAMPLE_CHARS): boolean {
  if (!doc.body) return false;
  const hinted = /^zh\b/i.test(doc.documentElement.lang) || HAN.test(doc.title);
  let text = sampleText(doc.body, hinted ? limit : Math.min(limit, QUICK_SAMPLE_CHARS), doc);
  if (!hinted) {
    if (!HAN.test(text)) return false;
    if (limit > QUICK_SAMPLE_CHARS) text = sampleText(doc.body, limit, doc);
  }
  return isChineseCounts(countHanAndLetters(text));
}
