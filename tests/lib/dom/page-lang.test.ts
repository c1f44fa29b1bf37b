import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import {
  declaredLang,
  isChinesePage,
  isLargePage,
  LARGE_PAGE_CHARS,
  LARGE_PAGE_ELEMENTS,
  samplePageLang,
} from '../../../lib/dom/page-lang';

const page = (body: string, head = '', lang = '') =>
  new JSDOM(
    `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head>${head}</head><body>${body}</body></html>`,
  ).window.document;

const chinese =
  '<p>加快发展新质生产力，扎实推进高质量发展，这是新时代新征程上必须牢牢把握的重大任务。</p>';
const english =
  '<p>The council met on Tuesday to discuss the budget and the new transport plan.</p>';

describe('isChinesePage', () => {
  it.each([
    ['Chinese', chinese, true],
    ['English', english, false],
  ])(
    'decides a large %s page from a sample, never building the whole text of its body',
    (_, paragraph, expected) => {
      const doc = page(paragraph.repeat(LARGE_PAGE_ELEMENTS + 500));
      const read = vi.spyOn(doc.body, 'textContent', 'get');
      expect(isChinesePage(doc)).toBe(expected);
      expect(read).not.toHaveBeenCalled();
    },
  );

  it('turns away an English page, however long', () => {
    expect(isChinesePage(page(english.repeat(2_000)))).toBe(false);
  });

  it('turns away an English page that quotes a Chinese name or has Chinese only in a script', () => {
    expect(
      isChinesePage(
        page(
          `${english}<p>The phrase 新质生产力 means new productive forces.</p>${english.repeat(20)}`,
        ),
      ),
    ).toBe(false);
    expect(
      isChinesePage(
        page(`<script>var label = "${'发展'.repeat(200)}";</script>${english.repeat(20)}`),
      ),
    ).toBe(false);
  });

  it('recognises a Chinese page without a lang tag, even after a long inline script', () => {
    expect(isChinesePage(page(chinese.repeat(3)))).toBe(true);
    const script = `<script>${'var tracking = { id: 1, events: [] };\n'.repeat(300)}</script>`;
    expect(isChinesePage(page(`${script}${chinese.repeat(3)}`))).toBe(true);
  });

  it('recognises a Chinese article inside English site navigation', () => {
    const nav = `<nav>${'<a href="#">Home</a> <a href="#">World</a> '.repeat(20)}</nav>`;
    expect(isChinesePage(page(`${nav}${chinese.repeat(4)}`))).toBe(true);
    expect(samplePageLang(page(`${nav}${chinese.repeat(4)}`))).toBe('zh-Hans');
  });

  it('says no for a page without a body', () => {
    const doc = new JSDOM('<!doctype html><html><head></head></html>').window.document;
    doc.body?.remove();
    expect(isChinesePage(doc)).toBe(false);
  });
});

describe('Japanese and Korean pages', () => {
  const fixture = readFileSync(
    join(import.meta.dirname, '..', '..', 'fixtures', 'japanese-news.html'),
    'utf8',
  );
  const japanese =
    '<p>中国政府は8日、地方政府の行政運営に関する新たな方針を発表し、基層治理の強化を打ち出した。財政支援の条件として、住民サービスの改善を求める。</p>';

  it('turns away the Japanese news page by its lang, and without it by its kana', () => {
    const declared = new JSDOM(fixture).window.document;
    expect(isChinesePage(declared)).toBe(false);
    expect(samplePageLang(declared)).toBe('other');
    const undeclared = new JSDOM(fixture.replace('<html lang="ja">', '<html>')).window.document;
    expect(undeclared.documentElement.hasAttribute('lang')).toBe(false);
    expect(isChinesePage(undeclared)).toBe(false);
    expect(samplePageLang(undeclared)).toBe('other');
  });

  it('believes a declared ja or ko language, however much Han the page has', () => {
    for (const lang of ['ja', 'ja-JP', 'ko-KR']) {
      expect(isChinesePage(page(chinese.repeat(4), '', lang)), lang).toBe(false);
      expect(samplePageLang(page(chinese.repeat(4), '', lang)), lang).toBe('other');
    }
    const meta = '<meta http-equiv="Content-Language" content="ja">';
    expect(isChinesePage(page(chinese.repeat(4), meta))).toBe(false);
    expect(declaredLang(page('', meta))).toBe('ja');
    expect(declaredLang(page('', meta, 'zh-CN'))).toBe('zh-CN');
  });

  it('turns away a Korean page with some hanja', () => {
    const korean =
      '<p>정부는 지방자치단체의 행정 운영에 관한 새로운 방침을 발표했다. 經濟 專門家들은 地方 財政의 負擔이 커질 것이라고 指摘했다.</p>';
    expect(isChinesePage(page(korean.repeat(6)))).toBe(false);
  });

  it('keeps a Chinese page Chinese: declared zh, or quoting one Japanese paragraph', () => {
    expect(isChinesePage(page(chinese.repeat(3), '', 'zh-CN'))).toBe(true);
    const quoting = page(`${chinese.repeat(6)}<blockquote>${japanese}</blockquote>`);
    expect(isChinesePage(quoting)).toBe(true);
    expect(samplePageLang(quoting)).toBe('zh-Hans');
  });
});

describe('isLargePage', () => {
  const paragraphOf = (chars: number) => `<p>${'发展'.repeat(chars / 2)}</p>`;

  it.each([
    ['a 30,000-character report in 10 paragraphs', paragraphOf(3_000).repeat(10), false],
    ['a page just under the characters', paragraphOf(LARGE_PAGE_CHARS - 100), false],
    ['a page of more characters in one paragraph', paragraphOf(LARGE_PAGE_CHARS + 100), true],
    ['a page of more elements, each short', '<p>发展</p>'.repeat(LARGE_PAGE_ELEMENTS + 1), true],
    ['an empty page', '', false],
  ])('%s', (_, body, expected) => {
    expect(isLargePage(page(body))).toBe(expected);
  });

  it('counts the elements before reading the text of a page with many', () => {
    const doc = page('<p>发展</p>'.repeat(LARGE_PAGE_ELEMENTS + 1));
    const read = vi.spyOn(doc.body, 'textContent', 'get');
    expect(isLargePage(doc)).toBe(true);
    expect(read).not.toHaveBeenCalled();
  });
});
