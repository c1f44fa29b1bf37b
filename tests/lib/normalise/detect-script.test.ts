import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../lib/clean/clean-article';
import {
  detectLang,
  isJapaneseOrKoreanLang,
  isJapaneseOrKoreanText,
} from '../../../lib/normalise/detect-script';
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

describe('Japanese and Korean are not Chinese', () => {
  const japanese =
    '中国政府は8日、地方政府の行政運営に関する新たな方針を発表し、末端の行政単位による「基層治理」の強化を打ち出した。財政支援を受けるための条件として、住民サービスの改善と債務の圧縮を同時に求める内容だ。';
  const japaneseHeadlines =
    '首相、来月にも訪米へ　日米首脳会談を調整\n円相場、一時152円台に\n公立中学の部活動、地域移行で指導者不足が課題に\n北海道で初雪　平年より5日遅く\n政府、経済対策の規模を閣議決定\n';
  const korean =
    '정부는 8일 지방자치단체의 행정 운영에 관한 새로운 방침을 발표하고 주민 서비스 개선과 채무 축소를 동시에 요구했다. 經濟 전문가들은 현장의 부담이 커질 것이라고 지적했다.';

  it.each([
    ['Japanese prose', japanese.repeat(3)],
    ['a page of Japanese headlines, kanji-heavy', japaneseHeadlines.repeat(4)],
    ['Korean with a little hanja', korean.repeat(4)],
  ])('%s is other', (_name, text) => {
    expect(detectLang(text)).toBe('other');
  });

  it('keeps a Chinese article that quotes one Japanese sentence (or names a brand in katakana) Chinese', () => {
    const chinese = cleanArticle(seed('003')).text;
    expect(detectLang(`${chinese}\n日本の報道は「${japanese.slice(0, 60)}」と伝えた。`)).toBe(
      'zh-Hans',
    );
    expect(detectLang(`${chinese.slice(0, 400)}ソニー和パナソニック的门店也在其中。`)).toBe(
      'zh-Hans',
    );
  });

  it('tells a Japanese or Korean block from a Chinese one', () => {
    expect(isJapaneseOrKoreanText(japanese)).toBe(true);
    expect(isJapaneseOrKoreanText('首相、来月にも訪米へ')).toBe(true);
    // Kanji-heavy headlines: few kana, but particles other than の.
    expect(isJapaneseOrKoreanText('中国、地方政府の「基層治理」強化へ　新たな条件を提示')).toBe(
      true,
    );
    expect(isJapaneseOrKoreanText('新幹線の指定席、年末年始の予約が前年比1割増')).toBe(true);
    expect(isJapaneseOrKoreanText(korean)).toBe(true);
    expect(isJapaneseOrKoreanText('加快发展新质生产力，扎实推进高质量发展。')).toBe(false);
    // Taiwanese shop signs use の for 的; a Chinese sentence with a katakana brand name.
    expect(isJapaneseOrKoreanText('台灣の味，在地小吃與夜市美食推薦')).toBe(false);
    expect(isJapaneseOrKoreanText('我們の小確幸の生活')).toBe(false);
    expect(isJapaneseOrKoreanText('这家商场里有ソニー的专卖店和几家咖啡馆。')).toBe(false);
    expect(isJapaneseOrKoreanText('')).toBe(false);
  });

  it('reads ja and ko language tags, not zh or others', () => {
    for (const lang of ['ja', 'JA', 'ja-JP', 'ko', 'ko-KR', 'ko_KR', ' ja ', 'jpn'])
      expect(isJapaneseOrKoreanLang(lang), lang).toBe(true);
    for (const lang of ['zh', 'zh-CN', 'zh-Hant-TW', 'en', 'jam', 'kok', '', null, undefined])
      expect(isJapaneseOrKoreanLang(lang), String(lang)).toBe(false);
  });
});
