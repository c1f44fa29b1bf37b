import { describe, expect, it } from 'vitest';
import { SlotTable, StringColumn } from '../../../lib/match/typed-arrays';

// Empty, CJK, astral (a surrogate pair), a lone surrogate, and longer than one decode call.
const strings = [
  '',
  '江苏省2026年政府工作报告',
  'https://www.gov.cn/zhengce/2026-01/28/content_7000000.htm',
  '𠀋 and a pair',
  'lone \ud800 surrogate',
  '长'.repeat(10_000) + 'end',
  'a',
];

describe('StringColumn', () => {
  it('decodes every packed entry as the original, one at a time, in any order', () => {
    const packed = StringColumn.from(strings).pack();
    const column = new StringColumn(packed);
    expect(column.length).toBe(strings.length);
    for (const i of [5, 0, 3, 6, 1, 4, 2]) expect(column.get(i)).toBe(strings[i]);
  });

  it('packs decoded, untouched, written and added entries alike', () => {
    const column = new StringColumn(StringColumn.from(strings).pack());
    column.get(1); // decoded
    column.set(2, 'changed'); // written
    column.push('added');
    const again = new StringColumn(column.pack());
    const expected = [...strings];
    expected[2] = 'changed';
    expected.push('added');
    expect(Array.from({ length: again.length }, (_, i) => again.get(i))).toEqual(expected);
  });

  it('compares entries with strings without decoding them', () => {
    const column = new StringColumn(StringColumn.from(strings).pack());
    expect(column.equals(1, strings[1]!)).toBe(true);
    expect(column.equals(1, strings[1]!.slice(0, -1) + '告')).toBe(true);
    expect(column.equals(1, strings[1]!.slice(0, -1) + '书')).toBe(false);
    expect(column.equals(0, '')).toBe(true);
    expect(column.equals(6, 'ab')).toBe(false);
  });
});

describe('SlotTable', () => {
  const ids = Array.from({ length: 5000 }, (_, i) => `s-${i}`);

  it('finds every packed id, and nothing else', () => {
    const column = new StringColumn(StringColumn.from(ids).pack());
    const table = new SlotTable(column);
    for (let i = 0; i < ids.length; i += 7) expect(table.get(ids[i]!)).toBe(i);
    expect(table.get('s-5000')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
  });

  it('points an id added again to its newest slot, before and after the table is built', () => {
    const column = new StringColumn(StringColumn.from(ids).pack());
    const table = new SlotTable(column);
    table.added(column.push('s-10')); // before: the lazy build files both, the newest wins
    expect(table.get('s-10')).toBe(5000);
    for (let i = 0; i < 3000; i++) table.added(column.push(`new-${i}`)); // grows the table
    table.added(column.push('s-10'));
    expect(table.get('s-10')).toBe(8001);
    expect(table.get('new-2999')).toBe(8000);
    expect(table.get('s-4999')).toBe(4999);
  });
});
