import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { applyMojibakeRepairs, findMojibake } from '../../../lib/clean/repair-mojibake';
import { seed } from '../../seeds';

describe('findMojibake', () => {
  it('repairs the GBK byte shift in seed 004 to 。“七一”期間, the full stop included', () => {
    const text = seed('004');
    const runs = findMojibake(text);
    expect(runs).toEqual([
      { offset: text.indexOf('?!捌'), original: '?!捌咭弧逼陂g', repaired: '。“七一”期間' },
    ]);
    expect(applyMojibakeRepairs(text, runs)).toContain('政策要求。“七一”期間,組織780名黨員');
  });

  it('restores the full stop a shift hides in "?!" (A1 A3 A1 read as ? and ！), and only there', () => {
    // 。“十一”期間 in GBK read one byte late (an invented sentence, broken the way 004 was):
    // A3 A1 reads as ！ (folded to "!"), the lost A1 of 。 as a stray "?".
    const shifted = iconv.decode(iconv.encode('。“十一”期間', 'gbk').subarray(1), 'gbk');
    expect(shifted.startsWith('！')).toBe(true);
    const garbled = shifted.slice(1);
    expect(findMojibake(`各地要求?!${garbled},各地`)[0]?.repaired).toBe('。“十一”期間');
    // Without the "!" no full stop was lost.
    expect(findMojibake(`各地要求?${garbled},各地`)[0]?.repaired).toBe('“十一”期間');
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
