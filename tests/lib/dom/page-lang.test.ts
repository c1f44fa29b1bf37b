import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isChinesePage, samplePageLang } from '../../../lib/dom/page-lang';

const page = (body: string, head = '') =>
  new JSDOM(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).window.document;

const chinese =
  '<p>加快发展新质生产力，扎实推进高质量发展，这是新时代新征程上必须牢牢把握的重大任务。</p>';
const english =
  '<p>The council met on Tuesday to discuss the budget and the new transport plan.</p>';

describe('isChinesePage', () => {
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
