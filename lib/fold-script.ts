import { FOLD_FROM, FOLD_TO } from './generated/fold-table';
import { isHan } from './han';

export { isHan };

/**
 * Script and punctuation folding for matching. Every function here maps one UTF-16 code unit
 * to one code unit, so offsets in folded text are offsets in the original text.
 */

let fold: Map<number, number> | null = null;

/** CJK punctuation without a full-width ASCII twin, folded to its ASCII counterpart. */
const PUNCTUATION: Record<string, string> = {
  '\u3000': ' ',
  '。': '.',
  '、': ',',
  '“': '"',
  '”': '"',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '‘': "'",
  '’': "'",
  '《': '<',
  '》': '>',
  '〈': '<',
  '〉': '>',
  '【': '[',
  '】': ']',
  '〔': '[',
  '〕': ']',
  '—': '-',
  '–': '-',
  '…': '.',
  '·': '.',
  '・': '.',
  '‧': '.',
  '•': '.',
  '\u00a0': ' ',
};
/** Built on first use: the detector that runs on every page only needs it on Chinese ones. */
function foldTable(): Map<number, number> {
  if (fold) return fold;
  fold = new Map<number, number>();
  for (let i = 0; i < FOLD_FROM.length; i++)
    fold.set(FOLD_FROM.charCodeAt(i), FOLD_TO.charCodeAt(i));
  for (const [from, to] of Object.entries(PUNCTUATION))
    fold.set(from.charCodeAt(0), to.charCodeAt(0));
  return fold;
}

/** Zero-width and soft-hyphen characters that sites insert inside words (anti-copy, Google Docs). */
export function isIgnorable(code: number): boolean {
  return (
    code === 0x200b ||
    code === 0x200c ||
    code === 0x200d ||
    code === 0xfeff ||
    code === 0xad ||
    code === 0x2060
  );
}

/** Folds one code unit: Traditional/variant → Simplified, full-width → half-width, upper → lower case. */
export function foldCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII block
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  return (fold ?? foldTable()).get(code) ?? code;
}

/** Folds a string code unit by code unit; the result has the same length as the input. */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return out;
}

/** True for code units that carry matchable content after folding: Han, ASCII letters and digits. */
export function isContent(folded: number): boolean {
  return isHan(folded) || (folded >= 0x30 && folded <= 0x39) || (folded >= 0x61 && folded <= 0x7a);
}

/**
 * The text matching compares: folded, with punctuation, spaces and zero-width characters removed,
 * so that script, punctuation width and line breaks make no difference.
 */
export function compactForMatch(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const folded = foldCode(text.charCodeAt(i));
    if (isContent(folded)) out += String.fromCharCode(folded);
  }
  return out;
}
