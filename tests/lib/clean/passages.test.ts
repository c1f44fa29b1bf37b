import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../lib/clean/clean-article';
import { MAX_PASSAGE_CHARS, splitPassages } from '../../../lib/clean/passages';
import { seed } from '../../seeds';

describe('splitPassages', () => {
  it.each(['000', '001', '002', '003', '004'] as const)(
    'gives seed %s passages whose offsets point into the text',
    (prefix) => {
      const { text } = cleanArticle(seed(prefix));
      const passages = splitPassages(text);
      expect(passages.length).toBeGreaterThan(3);
      passages.forEach((p, i) => {
        expect(p.index).toBe(i);
        expect(text.slice(p.start, p.end)).toBe(p.text);
        expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS + 120);
      });
    },
  );

  it('splits the 2,000-character paragraph of seed 002 at sentence and sub-heading boundaries', () => {
    const { text } = cleanArticle(seed('002'));
    const passages = splitPassages(text);
    expect(passages.length).toBeGreaterThanOrEqual(7);
    for (const p of passages) expect(p.text).toMatch(/[。!?;”)]$/);
    expect(passages.some((p) => p.text.startsWith('抓好选配赋能。'))).toBe(true);
  });

  it('covers all text: only paragraph breaks and edge spaces fall between passages', () => {
    const { text } = cleanArticle(seed('004'));
    const joined = splitPassages(text)
      .map((p) => p.text)
      .join('');
    expect(joined).toBe(text.replace(/\n/g, ''));
  });

  it('is stable: the same text gives the same passages', () => {
    const { text } = cleanArticle(seed('001'));
    expect(splitPassages(text)).toEqual(splitPassages(text));
  });

  it.each([
    ['', 0],
    ['一句话。', 1],
    ['第一段。\n\n第二段。', 2],
  ])('%j gives %i passages', (text, count) => {
    expect(splitPassages(text)).toHaveLength(count);
  });
});
