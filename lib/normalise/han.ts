// Kept apart from fold-script so the page-type detector loads no fold table.

/** True for CJK ideographs, including surrogate halves of extension-plane ideographs. */
export function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** Basic-plane ideographs (isHan without surrogates), as the inside of a regex character class. */
export const BMP_HAN_CLASS = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** The same code units as isHan, as the inside of a regular-expression character class. */
export const HAN_CLASS = `${BMP_HAN_CLASS}\\ud800-\\udfff`;

/**
 * Kana (Japanese) and hangul (Korean), as the inside of a regular-expression character class.
 * Leaves out the katakana middle dot and the prolonged sound mark (・ー), which Chinese text uses too.
 */
export const KANA_HANGUL_CLASS =
  '\\u3041-\\u3096\\u309d-\\u309f\\u30a1-\\u30fa\\u30fd-\\u30ff\\u31f0-\\u31ff\\uff66-\\uff9d' +
  '\\u1100-\\u11ff\\u3131-\\u318e\\uac00-\\ud7a3';
