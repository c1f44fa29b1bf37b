/**
 * Removes pinyin that copy-paste from annotated pages leaves after characters: 發(fā)展 → 發展.
 * Real parentheticals such as (试行), (街道) or (作者:…) are Chinese and never match.
 */

export interface PinyinRemoval {
  /** Offset of the removed "(…)" in the input text. */
  offset: number;
  /** The character the pinyin annotated. */
  char: string;
  pinyin: string;
}

// A Han character, then a bracketed syllable of Latin letters with at least one vowel (tone marks
// included). Mandarin syllables are at most six letters long (zhuang, shuang).
const PINYIN_AFTER_HAN =
  /(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]((?=[a-zü]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6})[)）]/g;

/** Strips pinyin annotations; returns the clean text and what was removed. */
export function stripPinyin(text: string): { text: string; removed: PinyinRemoval[] } {
  const removed: PinyinRemoval[] = [];
  const clean = text.replace(PINYIN_AFTER_HAN, (match, pinyin: string, offset: number) => {
    removed.push({ offset, char: text[offset - 1] ?? '', pinyin });
    return '';
  });
  return { text: clean, removed };
}

const PINYIN_AT =
  /^[(（](?=[a-zü]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6}[)）]/;

/** Length of a pinyin annotation "(fā)" starting at index, or 0: lets matchers read through the debris. */
export function pinyinAnnotationLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code !== 0x28 && code !== 0xff08) return 0;
  return PINYIN_AT.exec(text.slice(index, index + 9))?.[0].length ?? 0;
}
