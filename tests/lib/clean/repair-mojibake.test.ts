import { describe, expect, it } from 'vitest';
import { applyMojibakeRepairs, findMojibake } from '../../../lib/clean/repair-mojibake';
import { seed } from '../../seeds';

describe('findMojibake', () => {
  it('repairs the GBK byte shift in seed 004 to “七一”期間', () => {
    const text = seed('004');
    const runs = findMojibake(text);
    expect(runs).toEqual([
      { offset: text.indexOf('?!捌'), original: '?!捌咭弧逼陂g', repaired: '“七一”期間' },
    ]);
    expect(applyMojibakeRepairs(text, runs)).toContain('政策要求“七一”期間,組織780名黨員');
  });

  it('flags the run in seed 001 that no re-decoding makes clean, and keeps it', () => {
    const text = seed('001');
    const runs = findMojibake(text);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.original).toContain('?lián)斅穆?');
    expect(runs[0]!.repaired).toBeUndefined();
    expect(applyMojibakeRepairs(text, runs)).toBe(text);
  });

  it.each([
    ['clean Simplified', seed('000')],
    ['clean Simplified with a forum header', seed('002')],
    ['a question in English', 'What is this? A test.'],
    ['full-width question mark', '什么是新质生产力？怎样发展？'],
    ['empty', ''],
  ])('finds nothing in %s', (_name, text) => {
    expect(findMojibake(text)).toEqual([]);
  });
});
