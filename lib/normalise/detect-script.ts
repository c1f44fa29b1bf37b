import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from '../generated/fold-table';
import { HAN_CLASS } from './han';

export type PageLang = 'zh-Hans' | 'zh-Hant' | 'zh-mixed' | 'other';

let scriptSets: { traditional: Set<number>; simplified: Set<number> } | null = null;

/** Built on first use: a page without Han characters (most of the web) never needs them. */
function sets(): { traditional: Set<number>; simplified: Set<number> } {
  scriptSets ??= {
    traditional: new Set(Array.from(TRADITIONAL_ONLY, (c) => c.charCodeAt(0))),
    simplified: new Set(Array.from(SIMPLIFIED_ONLY, (c) => c.charCodeAt(0))),
  };
  return scriptSets;
}

/** Fewer Han characters than this is not a Chinese page (a name or a menu item in Chinese). */
export const MIN_HAN_CHARS = 40;
/** Han must make up at least this share of letters for the text to count as Chinese. */
const MIN_HAN_SHARE = 0.25;
/** Below this share of the marked characters the minority script is treated as noise. */
const MIXED_SHARE = 0.15;

export interface ScriptCounts {
  han: number;
  letters: number;
  traditional: number;
  simplified: number;
}

// Counted with native regular expressions: a per-character loop in cold (interpreted) script
// costs milliseconds on every page the detector samples.
const NOT_HAN = new RegExp(`[^${HAN_CLASS}]+`, 'g');
const NOT_LETTER = /[^A-Za-z\u00c0-\u024f]+/g;

/** Han characters and other letters of a text: enough to tell Chinese text from other text. */
export function countHanAndLetters(text: string): { han: number; letters: number } {
  return {
    han: text.replace(NOT_HAN, '').length,
    letters: text.replace(NOT_LETTER, '').length,
  };
}

/** Counts Han characters, other letters and the script-specific characters of a text. */
export function countScript(text: string): ScriptCounts {
  const hanOnly = text.replace(NOT_HAN, '');
  const counts: ScriptCounts = {
    han: hanOnly.length,
    letters: text.replace(NOT_LETTER, '').length,
    traditional: 0,
    simplified: 0,
  };
  if (hanOnly.length === 0) return counts;
  const { traditional, simplified } = sets();
  for (let i = 0; i < hanOnly.length; i++) {
    const code = hanOnly.charCodeAt(i);
    if (traditional.has(code)) counts.traditional++;
    else if (simplified.has(code)) counts.simplified++;
  }
  return counts;
}

/** True when text with these counts is Chinese (see langFromCounts). */
export function isChineseCounts(counts: { han: number; letters: number }): boolean {
  // Latin letters of one word weigh about as much as one Han character: compare per ~5 letters.
  const latinWords = counts.letters / 5;
  return counts.han >= MIN_HAN_CHARS && counts.han >= MIN_HAN_SHARE * (counts.han + latinWords);
}

/** Decides the script of a text from its counts. */
export function langFromCounts(counts: ScriptCounts): PageLang {
  if (!isChineseCounts(counts)) return 'other';
  const marked = counts.traditional + counts.simplified;
  if (marked === 0) return 'zh-Hans';
  const traditionalShare = counts.traditional / marked;
  if (traditionalShare >= 1 - MIXED_SHARE) return 'zh-Hant';
  if (traditionalShare <= MIXED_SHARE) return 'zh-Hans';
  return 'zh-mixed';
}

/** The script of a text: zh-Hans, zh-Hant, zh-mixed, or other for non-Chinese text. */
export function detectLang(text: string): PageLang {
  return langFromCounts(countScript(text));
}
