import { describe, expect, it } from 'vitest';
import { sharedRuns } from '../../../lib/match/passage-quality';

describe('sharedRuns', () => {
  it.each([
    ['nothing shared', '完善农业社会化服务体系。', '推进城市更新行动。', []],
    [
      'one run, punctuation folded away',
      '加快完善农业社会化服务体系。',
      '健全农业社会化服务体系，',
      ['农业社会化服务体系'],
    ],
    [
      'two runs, in the first text’s order',
      '甲乙丙丁戊己，子丑寅卯辰巳',
      '子丑寅卯辰巳和甲乙丙丁戊己',
      ['甲乙丙丁戊己', '子丑寅卯辰巳'],
    ],
    ['shorter than a shingle', '小马拉大', '小马拉大车', []],
    ['Traditional folded to the same text', '產業鏈黨建聯盟', '产业链党建联盟', ['产业链党建联盟']],
  ])('%s', (_name, a, b, expected) => {
    expect(sharedRuns(a, b).map((run) => run.text)).toEqual(expected);
  });

  it('gives each run its shingles, one per position', () => {
    const [run] = sharedRuns('一二三四五六七', '〇一二三四五六七八');
    expect(run?.text).toBe('一二三四五六七');
    expect(run?.shingles).toHaveLength(3);
  });
});
