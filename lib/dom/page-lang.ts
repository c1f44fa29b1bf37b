import { countScript, langFromCounts, MIN_HAN_CHARS, type PageLang } from '../detect-script';
import { sampleText } from './walk-text';

/** Characters read to decide whether a page is Chinese at all. */
export const PAGE_SAMPLE_CHARS = 8_000;

/** The script of a page judged from a cheap sample of its text: 'other' when it is not Chinese. */
export function samplePageLang(doc: Document = document, limit = PAGE_SAMPLE_CHARS): PageLang {
  if (!doc.body) return 'other';
  const counts = countScript(sampleText(doc.body, limit, doc));
  return counts.han < MIN_HAN_CHARS ? 'other' : langFromCounts(counts);
}
