import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { highlightCss } from '../../../lib/dom/highlight-terms';
import { addPageSheet } from '../../../lib/dom/page-sheet';

describe('addPageSheet', () => {
  it('falls back to a marked <style> in <head> where adopted stylesheets cannot be used, and removes it', () => {
    // jsdom, like Firefox's content scripts, gives no usable document.adoptedStyleSheets.
    const doc = new JSDOM('<!doctype html><html><head></head><body><p>正文</p></body></html>')
      .window.document;
    const bodyBefore = doc.body.innerHTML;
    const sheet = addPageSheet(doc, '::highlight(wenmai-term) { color: red; }');
    const style = doc.head.querySelector('style[data-wenmai-ui]');
    expect(style?.textContent).toContain('::highlight(wenmai-term)');
    expect(doc.body.innerHTML).toBe(bodyBefore);
    sheet.remove();
    expect(doc.querySelector('style[data-wenmai-ui]')).toBeNull();
  });
});

describe('highlightCss', () => {
  it('draws the underline style as a tint where highlights cannot be underlined', () => {
    expect(highlightCss('underline', true)).toContain('text-decoration: underline');
    const tint = highlightCss('underline', false);
    expect(tint).not.toContain('text-decoration');
    expect(tint).toMatch(/::highlight\(wenmai-term\) \{ background-color: /);
    expect(highlightCss('color', false)).toBe(highlightCss('color', true));
  });
});
