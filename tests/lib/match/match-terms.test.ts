import { describe, expect, it } from 'vitest';
import {
  buildTermMatcher,
  countTerms,
  matchTerms,
  readMatcher,
  serializeMatcher,
} from '../../../lib/match/match-terms';
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

  describe('boundaries', () => {
    const bounded = buildTermMatcher(
      testGlossary([
        { id: 'zzb', headword: '组织部', aliases: ['组织部门'], blockedIn: ['组织部署'] },
        { id: 'zz', headword: '组织' },
        { id: 'esd', headword: '党的二十大', aliases: ['二十大'], blockedIn: ['共青团二十大'] },
        { id: 'bwcx', headword: '不忘初心、牢记使命' },
        { id: 'bw', headword: '不忘初心' },
        {
          id: 'syrw',
          headword: '首要任务',
          onlyIn: ['高质量发展是全面建设社会主义现代化国家的首要任务', '高质量发展这个首要任务'],
        },
        { id: 'gzl', headword: '高质量发展' },
      ]),
    );
    const hits = (text: string) =>
      matchTerms(text, bounded).map((h) => `${h.termId}:${text.slice(h.start, h.end)}`);
    it.each([
      [
        'a blocked longer word: the shorter form at the same place still matches',
        '组织部署工作',
        ['zz:组织'],
      ],
      ['the form outside the blocked word', '县委组织部部署工作', ['zzb:组织部']],
      [
        'a longer form is not blocked by a shorter one’s word',
        '各级组织部门署名',
        ['zzb:组织部门'],
      ],
      ['blocked in Traditional script too', '組織部署', ['zz:組織']],
      ['a zero-width character inside the blocked word', '组织部\u200b署', ['zz:组织']],
      ['context before the form', '共青团二十大代表', []],
      ['the same form elsewhere', '学习二十大精神', ['esd:二十大']],
      ['clause punctuation as written', '不忘初心、牢记使命', ['bwcx:不忘初心、牢记使命']],
      ['other clause punctuation', '不忘初心，牢记使命', ['bwcx:不忘初心，牢记使命']],
      ['no punctuation', '不忘初心牢记使命', ['bwcx:不忘初心牢记使命']],
      ['spaces', '不忘初心  牢记使命', ['bwcx:不忘初心  牢记使命']],
      ['a sentence end is no clause break', '不忘初心。牢记使命', ['bw:不忘初心']],
      ['a break with nothing after it', '不忘初心，我们', ['bw:不忘初心']],
      ['a form outside its only-in phrases', '当前的首要任务是抗旱', []],
      [
        'a form inside an only-in phrase',
        '高质量发展是全面建设社会主义现代化国家的首要任务',
        ['gzl:高质量发展', 'syrw:首要任务'],
      ],
      [
        'inside another only-in phrase, in Traditional',
        '高質量發展這個首要任務',
        ['gzl:高質量發展', 'syrw:首要任務'],
      ],
    ])('%s', (_name, text, expected) => {
      expect(hits(text)).toEqual(expected);
      // The same through the pre-built file.
      const read = readMatcher(serializeMatcher(bounded).slice().buffer);
      expect(matchTerms(text, read)).toEqual(matchTerms(text, bounded));
    });

    it('without clause breaks, punctuation matches only as written (folded)', () => {
      const strict = buildTermMatcher(
        testGlossary([{ id: 'bwcx', headword: '不忘初心、牢记使命' }]),
        {
          clauseBreaks: false,
        },
      );
      expect(matchTerms('不忘初心牢记使命', strict)).toEqual([]);
      expect(matchTerms('不忘初心，牢记使命', strict)).toHaveLength(1);
    });
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
