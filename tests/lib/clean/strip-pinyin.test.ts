import { describe, expect, it } from 'vitest';
import { stripPinyin } from '../../../lib/clean/strip-pinyin';
import { seed } from '../../seeds';

describe('stripPinyin', () => {
  it.each([
    ['發(fā)展', '發展'],
    ['關(guān)鍵少數(shù)', '關鍵少數'],
    ['領(lǐng)導幹部', '領導幹部'],
    ['全角括号（fā）', '全角括号'],
  ])('removes pinyin in %s', (input, expected) => {
    expect(stripPinyin(input).text).toBe(expected);
  });

  it.each([
    '交流发言(新质生产力专题)',
    '《懷仁市城市小區黨組織管理辦法(試行)》',
    '鄉鎮(街道)黨委',
    '補充招錄(招聘)干部',
    '(作者:馬獻軍,系江蘇省南京市秦淮區委常委)',
    '按村(社区)“4+2”标准',
    'Powered by (Discuz) forum',
  ])('keeps the real parenthetical in %s', (input) => {
    expect(stripPinyin(input).text).toBe(input);
  });

  it('finds all 291 pinyin annotations in the seeds and records what it removed', () => {
    const all = (['000', '001', '002', '003', '004'] as const).map(
      (p) => stripPinyin(seed(p)).removed,
    );
    expect(all.flat()).toHaveLength(291);
    expect(all[1]![0]).toMatchObject({ char: '領', pinyin: 'lǐng' });
  });
});
