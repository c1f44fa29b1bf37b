import { describe, expect, it } from 'vitest';
import { sourceLabel } from '../../lib/format';

describe('sourceLabel', () => {
  it('names an outlet, else the site of its address, never a shipped file name', () => {
    expect(sourceLabel({ source: '004_bfd4e0d355f25b94.txt', origin: 'bundle' })).toBe('');
    expect(
      sourceLabel({ source: '004_bfd4e0d355f25b94.txt', outlet: '人民网', origin: 'bundle' }),
    ).toBe('人民网');
    expect(
      sourceLabel({ source: 'x.csv#3', url: 'https://www.gov.cn/a/b.html', origin: 'bundle' }),
    ).toBe('gov.cn');
    // The reader's own file keeps its name: it is theirs.
    expect(sourceLabel({ source: '我的笔记.txt', origin: 'user' })).toBe('我的笔记.txt');
    expect(sourceLabel({ source: 'y', url: 'javascript:alert(1)', origin: 'bundle' })).toBe('');
  });
});
