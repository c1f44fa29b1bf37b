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

const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

/**
 * Characters read in the neutral tone (particles, suffixes): the only ones whose annotation may
 * carry no tone mark, 的(de), 們(men). Any other toneless "(…)" after a Han character is a word
 * in brackets, 价格指数(cpi), 人工智能(ai), 应用(app), and stays.
 */
const NEUTRAL_TONE_CHARS = new Set(
  '的了么麼们們吗嗎呢吧啊呀哦嘛着著过過得地子头頭个個里裡上下来來去家边邊面么巴'.split(''),
);

/** True if "(syllable)" after `char` is a pinyin annotation, not an English word in brackets. */
function isAnnotation(char: string, syllable: string): boolean {
  return TONE_MARK.test(syllable) || NEUTRAL_TONE_CHARS.has(char);
}

/**
 * Also: a syllable and its closing bracket right after a stray "?" or U+FFFD, an annotation whose
 * character and opening bracket a broken decoding ate ("?lián)"). Only with a tone mark.
 */
const ORPHAN_PINYIN_AFTER_NOISE =
  /(?<=[?\ufffd])((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6})[)）]/;

const PINYIN_DEBRIS = new RegExp(
  `${PINYIN_AFTER_HAN.source}|${ORPHAN_PINYIN_AFTER_NOISE.source}`,
  'g',
);

/** Strips pinyin annotations; returns the clean text and what was removed. */
export function stripPinyin(text: string): { text: string; removed: PinyinRemoval[] } {
  const removed: PinyinRemoval[] = [];
  const clean = text.replace(
    PINYIN_DEBRIS,
    (match, pinyin: string | undefined, orphan: string | undefined, offset: number) => {
      const char = text[offset - 1] ?? '';
      if (orphan !== undefined) {
        // The annotated character is lost: "char" is the noise that stands for it.
        removed.push({ offset, char, pinyin: orphan });
        return '';
      }
      if (!isAnnotation(char, pinyin!)) return match;
      removed.push({ offset, char, pinyin: pinyin! });
      return '';
    },
  );
  return { text: clean, removed };
}

const PINYIN_AT =
  /^[(（]((?=[a-zü]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6})[)）]/;

/** Length of a pinyin annotation "(fā)" starting at index, or 0: lets matchers read through the debris. */
export function pinyinAnnotationLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code !== 0x28 && code !== 0xff08) return 0;
  const match = PINYIN_AT.exec(text.slice(index, index + 9));
  if (!match || !isAnnotation(text[index - 1] ?? '', match[1]!)) return 0;
  return match[0].length;
}
