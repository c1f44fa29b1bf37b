import { describe, expect, it } from 'vitest';
import { isForumChromeLine, splitForumChrome } from '../../../lib/clean/forum-chrome';
import { seed } from '../../seeds';

describe('splitForumChrome', () => {
  it('splits the Discuz header and footer off seed 002', () => {
    const { lines, meta } = splitForumChrome(seed('002').split('\n'));
    expect(meta).toEqual({
      author: '秘途杂谈',
      date: '2024-7-4 09:18:46',
      title: '组织部长在市委理论学习中心组集体学习会上的交流发言(新质生产力专题)',
    });
    expect(lines.join('\n')).not.toMatch(/发表于|页: \[1\]|查看完整版本/);
    expect(lines.join('\n')).toContain('同志们:今年全国两会期间');
  });

  it('reads the board from a breadcrumb', () => {
    expect(splitForumChrome(['秘途论坛 » 公文写作 » 交流发言稿', '正文']).meta).toEqual({
      board: '公文写作',
      title: '交流发言稿',
    });
  });

  it.each([
    ['秘途杂谈 发表于 2024-7-4 09:18:46', true],
    ['老秘 發表於 2023-12-01 8:05', true],
    ['页: [1]', true],
    ['页: [1] [2] [3]', true],
    ['查看完整版本: 交流发言', true],
    ['同志们:今年全国两会期间,习近平总书记在参加会议时强调。', false],
    ['2023年实现规上营收1.99万亿元', false],
  ])('%s is chrome: %s', (line, expected) => {
    expect(isForumChromeLine(line)).toBe(expected);
  });

  it('returns null metadata for a page without chrome', () => {
    expect(splitForumChrome(seed('000').split('\n')).meta).toBeNull();
  });
});
