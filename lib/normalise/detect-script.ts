import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from '../generated/fold-table';
import { HAN_CLASS, KANA_HANGUL_CLASS } from './han';

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
/**
 * Text whose kana and hangul make up this share of its East Asian characters (Han, kana, hangul)
 * is Japanese or Korean. Japanese prose is 50–70% kana and even a page of headlines over 20%; a
 * Chinese article quoting a Japanese sentence or naming a brand in katakana stays far below.
 */
const MAX_KANA_HANGUL_SHARE = 0.15;
/** A single block (paragraph, cell, heading) is Japanese or Korean from this share on… */
const BLOCK_KANA_HANGUL_SHARE = 0.3;
/**
 * …or from this share on if it has a hiragana other than の: Japanese headlines are kanji-heavy
 * but have their particles (が, を, に, へ); Chinese text uses katakana for brand names and, in
 * Taiwan, の for 的, but no other hiragana.
 */
const BLOCK_HIRAGANA_SHARE = 0.1;

export interface ScriptCounts {
  han: number;
  letters: number;
  /** Kana and hangul: characters of Japanese and Korean text that Chinese text does not use. */
  kanaHangul: number;
  traditional: number;
  simplified: number;
}

// Counted with native regular expressions: a per-character loop in cold (interpreted) script
// costs milliseconds on every page the detector samples.
const NOT_HAN = new RegExp(`[^${HAN_CLASS}]+`, 'g');
const NOT_LETTER = /[^A-Za-z\u00c0-\u024f]+/g;
const NOT_KANA_HANGUL = new RegExp(`[^${KANA_HANGUL_CLASS}]+`, 'g');
const KANA_HANGUL = new RegExp(`[${KANA_HANGUL_CLASS}]`);
const HIRAGANA_BUT_NO = /[\u3041-\u306d\u306f-\u3096\u309d\u309e]/;

export type HanCounts = Pick<ScriptCounts, 'han' | 'letters' | 'kanaHangul'>;

/** Han characters, kana and hangul, and other letters: enough to tell Chinese text from other text. */
export function countHanAndLetters(text: string): HanCounts {
  return {
    han: text.replace(NOT_HAN, '').length,
    letters: text.replace(NOT_LETTER, '').length,
    // Most Chinese text has none: one native test spares the count.
    kanaHangul: KANA_HANGUL.test(text) ? text.replace(NOT_KANA_HANGUL, '').length : 0,
  };
}

/**
 * True when a block of text (a paragraph, a heading, a cell) is Japanese or Korean: kana or hangul
 * make up a good share of its East Asian characters. Cheap for Chinese text, which has none.
 */
export function isJapaneseOrKoreanText(text: string): boolean {
  if (!KANA_HANGUL.test(text)) return false;
  const kanaHangul = text.replace(NOT_KANA_HANGUL, '').length;
  const share = kanaHangul / (kanaHangul + text.replace(NOT_HAN, '').length);
  return (
    share >= BLOCK_KANA_HANGUL_SHARE ||
    (share >= BLOCK_HIRAGANA_SHARE && HIRAGANA_BUT_NO.test(text))
  );
}

/** Counts Han characters, other letters and the script-specific characters of a text. */
export function countScript(text: string): ScriptCounts {
  const hanOnly = text.replace(NOT_HAN, '');
  const counts: ScriptCounts = {
    han: hanOnly.length,
    letters: text.replace(NOT_LETTER, '').length,
    kanaHangul: KANA_HANGUL.test(text) ? text.replace(NOT_KANA_HANGUL, '').length : 0,
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

/**
 * True when text with these counts is Chinese (see langFromCounts): enough Han against Latin
 * letters, and not Japanese or Korean (whose Han come with kana or hangul).
 */
export function isChineseCounts(counts: HanCounts): boolean {
  // Latin letters of one word weigh about as much as one Han character: compare per ~5 letters.
  const latinWords = counts.letters / 5;
  return (
    counts.han >= MIN_HAN_CHARS &&
    counts.han >= MIN_HAN_SHARE * (counts.han + latinWords) &&
    counts.kanaHangul < MAX_KANA_HANGUL_SHARE * (counts.han + counts.kanaHangul)
  );
}

/** True for a declared language (a `lang` attribute, Content-Language) that is Japanese or Korean. */
export function isJapaneseOrKoreanLang(lang: string | null | undefined): boolean {
  return !!lang && /^\s*(ja|ko|jpn|kor)(-|_|\s*$)/i.test(lang);
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
