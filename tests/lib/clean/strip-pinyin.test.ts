import { describe, expect, it } from 'vitest';
import { pinyinAnnotationLength, stripPinyin } from '../../../lib/clean/strip-pinyin';
import { seed } from '../../seeds';

describe('stripPinyin', () => {
  it.each([
    ['發(fā)展', '發展'],
    ['關(guān)鍵少數(shù)', '關鍵少數'],
    ['領(lǐng)導幹部', '領導幹部'],
    ['全角括号（fā）', '全角括号'],
    ['我們(men)的(de)', '我們的'],
    ['下?lián)斅穆?。', '下?斅穆?。'],
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
    '居民消费价格指数(cpi)同比上涨',
    '推进人工智能(ai)赋能千行百业',
    '政务服务移动应用(app)上线',
    '采用（ai）辅助审批',
  ])('keeps the real parenthetical in %s', (input) => {
    expect(stripPinyin(input).text).toBe(input);
  });

  it('finds all 291 pinyin annotations in the seeds and records what it removed', () => {
    const all = (['000', '001', '002', '003', '004'] as const).map(
      (p) => stripPinyin(seed(p)).removed,
    );
    // 291 annotations and, in 001, one orphan "lián)" whose character a broken decoding ate.
    expect(all.flat()).toHaveLength(292);
    expect(all[1]!.map((r) => r.pinyin)).toContain('lián');
    expect(all[1]![0]).toMatchObject({ char: '領', pinyin: 'lǐng' });
  });
});

describe('pinyinAnnotationLength', () => {
  it('reads through an annotation, not an English word in brackets', () => {
    expect(pinyinAnnotationLength('發(fā)展', 1)).toBe(4);
    expect(pinyinAnnotationLength('人工智能(ai)赋能', 4)).toBe(0);
    expect(pinyinAnnotationLength('应用(app)', 2)).toBe(0);
  });
});
