import { describe, expect, it } from 'vitest';
import {
  compactForMatch,
  foldSources,
  foldTableArray,
  foldText,
} from '../../../lib/normalise/fold-script';
import { seed } from '../../seeds';

describe('foldText', () => {
  it.each([
    ['Traditional to Simplified', '發展新質生產力', '发展新质生产力'],
    ['Taiwan variants', '裡面為什麼', '里面为什么'],
    ['Hong Kong variants', '綫上', '线上'],
    ['著 folds with 着', '著力', '着力'],
    ['Simplified stays', '什么高质量发展', '什么高质量发展'],
    ['full-width ASCII', 'ＡＢＣ１２３', 'abc123'],
    ['CJK punctuation', '“两个维护”、「四个意识」。', '"两个维护","四个意识".'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('keeps the length of every input, surrogate pairs included', () => {
    for (const text of ['𠮷野家的發展', seed('004'), '\u200b新\u200b质'])
      expect(foldText(text)).toHaveLength(text.length);
  });

  it('is idempotent', () => {
    const once = foldText(seed('001'));
    expect(foldText(once)).toBe(once);
  });

  it('is idempotent for every code unit it changes (the term matcher reads classes in place)', () => {
    const table = foldTableArray();
    const changed = [...foldSources()].filter((code) => {
      const folded = table[code]!;
      return (table[folded] || folded) !== folded;
    });
    expect(changed.map((code) => String.fromCharCode(code))).toEqual([]);
  });
});

describe('compactForMatch', () => {
  it.each([
    [
      'half- and full-width punctuation are equivalent',
      '坚持“两个确立”,做到「两个维护」。',
      '堅持"兩個確立",做到‘兩個維護’.',
    ],
    ['line breaks and spaces do not count', '新质\n生产 力', '新質生產力'],
    ['zero-width characters do not count', '新\u200b质生产力', '新质生产力'],
  ])('%s', (_name, a, b) => {
    expect(compactForMatch(a)).toBe(compactForMatch(b));
  });

  it('makes the Traditional and Simplified seed text meet', () => {
    expect(compactForMatch('習近平總書記從在地方考察時提出')).toBe(
      compactForMatch('习近平总书记从在地方考察时提出'),
    );
  });
});
