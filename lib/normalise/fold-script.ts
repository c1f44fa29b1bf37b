import { FOLD_FROM, FOLD_TO } from '../generated/fold-table';
import { isHan } from './han';

export { isHan };

/**
 * Script and punctuation folding for matching. Every function here maps one UTF-16 code unit
 * to one code unit, so offsets in folded text are offsets in the original text.
 */

/**
 * The folded form of every BMP code unit that changes, 0 for the rest: one array read per
 * character (a Map lookup costs several times more), and only ~3,300 entries to fill.
 */
let fold: Uint16Array | null = null;
/** The code units whose fold differs from themselves, collected with the table. */
let sources: Uint16Array | null = null;

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
/** Built on first use (128 KiB): the detector that runs on every page only needs it on Chinese ones. */
function foldTable(): Uint16Array {
  if (fold) return fold;
  const table = new Uint16Array(0x10000);
  const lower = (code: number): number => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
  for (let code = 0x41; code <= 0x5a; code++) table[code] = code + 0x20;
  for (let code = 0xff01; code <= 0xff5e; code++) table[code] = lower(code - 0xfee0); // full-width
  for (let i = 0; i < FOLD_FROM.length; i++) table[FOLD_FROM.charCodeAt(i)] = FOLD_TO.charCodeAt(i);
  for (const [from, to] of Object.entries(PUNCTUATION))
    table[from.charCodeAt(0)] = to.charCodeAt(0);
  // Everything written above (duplicates do no harm to a caller that sets a table entry per code).
  const changed: number[] = [];
  for (let code = 0x41; code <= 0x5a; code++) changed.push(code);
  for (let code = 0xff01; code <= 0xff5e; code++) changed.push(code);
  for (let i = 0; i < FOLD_FROM.length; i++) changed.push(FOLD_FROM.charCodeAt(i));
  for (const from of Object.keys(PUNCTUATION)) changed.push(from.charCodeAt(0));
  sources = Uint16Array.from(changed.filter((code) => table[code] !== code));
  fold = table;
  return table;
}

/**
 * The whole fold table (0 for code units folding to themselves), for callers that fold every code
 * unit at once (the term matcher's class table); read only.
 */
export function foldTableArray(): Readonly<Uint16Array> {
  return fold ?? foldTable();
}

/** Every code unit whose fold differs from itself (a few thousand), for building tables over folds. */
export function foldSources(): Readonly<Uint16Array> {
  if (!sources) foldTable();
  return sources!;
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
  return (fold ?? foldTable())[code] || code;
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
