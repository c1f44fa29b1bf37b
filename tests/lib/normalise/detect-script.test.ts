import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../lib/clean/clean-article';
import { detectLang } from '../../../lib/normalise/detect-script';
import { seed } from '../../seeds';

describe('detectLang', () => {
  it.each([
    ['000', 'zh-Hans'],
    ['001', 'zh-Hant'],
    ['002', 'zh-Hans'],
    ['003', 'zh-Hans'],
    ['004', 'zh-Hant'],
  ] as const)('seed %s is %s', (prefix, lang) => {
    expect(detectLang(cleanArticle(seed(prefix)).text)).toBe(lang);
  });

  it('calls a page that mixes a Traditional and a Simplified paragraph zh-mixed', () => {
    expect(detectLang(seed('001').slice(0, 600) + seed('003').slice(0, 600))).toBe('zh-mixed');
  });

  it.each([
    ['English', 'The library reopened on Monday after a two-year renovation. '.repeat(20)],
    [
      'English with a few Chinese words',
      `${'Readers discussed the policy. '.repeat(40)}新质生产力 高质量发展`,
    ],
    ['empty', ''],
  ])('%s is other', (_name, text) => {
    expect(detectLang(text)).toBe('other');
  });
});
