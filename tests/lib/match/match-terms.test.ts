import { describe, expect, it } from 'vitest';
import { buildTermMatcher, countTerms, matchTerms } from '../../../lib/match/match-terms';
import { testGlossary } from '../../glossary-fixture';

const glossary = testGlossary([
  { id: 'xzscl', headword: '新质生产力' },
  { id: 'lgwh', headword: '两个维护' },
  { id: 'xmldc', headword: '小马拉大车' },
  { id: 'sc', headword: '双循环', aliases: ['国内国际双循环'] },
  { id: 'gnxh', headword: '国内大循环' },
  { id: 'ybs', headword: '一把手' },
  { id: 'hlw', headword: '互联网+党建' },
  { id: 'gj', headword: '高质量发展', traditional: ['高質量發展'] },
]);
const matcher = buildTermMatcher(glossary);
const found = (text: string) => matchTerms(text, matcher).map((h) => text.slice(h.start, h.end));

describe('matchTerms', () => {
  it.each([
    ['Simplified', '发展新质生产力', ['新质生产力']],
    ['Traditional', '發展新質生產力', ['新質生產力']],
    ['Taiwan variant', '做到「兩個維護」', ['兩個維護']],
    [
      'leftmost-longest alias wins over the shorter headword',
      '形成国内国际双循环相互促进',
      ['国内国际双循环'],
    ],
    ['adjacent terms', '一把手小马拉大车', ['一把手', '小马拉大车']],
    ['full-width plus', '推广“互联网＋党建”', ['互联网＋党建']],
    ['zero-width characters inside a term', '小\u200b马拉大车', ['小\u200b马拉大车']],
    ['no partial match', '小马拉车', []],
    ['empty', '', []],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('reports offsets in the input and counts per term', () => {
    const text = '新质生产力,發展新質生產力。';
    const hits = matchTerms(text, matcher);
    expect(hits).toEqual([
      { termId: 'xzscl', start: 0, end: 5 },
      { termId: 'xzscl', start: 8, end: 13 },
    ]);
    expect(countTerms(hits).get('xzscl')).toBe(2);
  });
});
