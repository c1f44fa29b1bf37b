import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './generated/fold-table';
import { isHan } from './han';

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

/** Counts Han characters, other letters and the script-specific characters of a text. */
export function countScript(text: string): ScriptCounts {
  const counts: ScriptCounts = { han: 0, letters: 0, traditional: 0, simplified: 0 };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHan(code)) {
      counts.han++;
      const { traditional, simplified } = sets();
      if (traditional.has(code)) counts.traditional++;
      else if (simplified.has(code)) counts.simplified++;
    } else if (
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0xc0 && code <= 0x24f)
    ) {
      counts.letters++;
    }
  }
  return counts;
}

/** Decides the script of a text from its counts. */
export function langFromCounts(counts: ScriptCounts): PageLang {
  // Latin letters of one word weigh about as much as one Han character: compare per ~5 letters.
  const latinWords = counts.letters / 5;
  if (counts.han < MIN_HAN_CHARS || counts.han < MIN_HAN_SHARE * (counts.han + latinWords))
    return 'other';
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
