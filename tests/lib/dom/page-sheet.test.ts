import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { highlightCss } from '../../../lib/dom/highlight-terms';
import { HANDOVER_EVENT, removeLeftovers } from '../../../lib/dom/leftovers';
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

describe('removeLeftovers', () => {
  it("takes down an earlier Wenmai's UI host and stylesheet, and nothing of the page's", () => {
    const doc = new JSDOM(
      '<!doctype html><html><head><style id="own">p{}</style></head><body><p data-wenmai-ui>页面自己的</p><wenmai-ui>正文里的</wenmai-ui></body></html>',
    ).window.document;
    let handovers = 0;
    doc.addEventListener(HANDOVER_EVENT, () => handovers++);
    removeLeftovers(doc);
    expect(handovers).toBe(0); // nothing left over: nothing to tell
    addPageSheet(doc, '::highlight(wenmai-term) { color: red; }');
    // An older version's host, and this version's page layer and frames.
    for (const name of ['wenmai-ui', 'div', 'iframe', 'iframe']) {
      const host = doc.createElement(name);
      host.setAttribute('data-wenmai-ui', '');
      doc.documentElement.append(host);
    }
    removeLeftovers(doc);
    expect(handovers).toBe(1); // the earlier instance is told to end and restore the page's text
    expect(doc.querySelector('html > [data-wenmai-ui]')).toBeNull();
    expect(doc.querySelector('style[data-wenmai-ui]')).toBeNull();
    expect(doc.getElementById('own')).not.toBeNull();
    expect(doc.body.innerHTML).toBe(
      '<p data-wenmai-ui="">页面自己的</p><wenmai-ui>正文里的</wenmai-ui>',
    );
  });

  it("keeps the detector's first-screen sheet that the page script takes over, and tells no one", () => {
    const doc = new JSDOM('<!doctype html><html><head></head><body><p>正文</p></body></html>')
      .window.document;
    let handovers = 0;
    doc.addEventListener(HANDOVER_EVENT, () => handovers++);
    const quick = addPageSheet(doc, highlightCss('underline'));
    removeLeftovers(doc, quick);
    expect(handovers).toBe(0);
    expect(doc.querySelector('style[data-wenmai-ui]')).toBe(quick.node);
    // Without it to keep, it is taken for an earlier instance's.
    removeLeftovers(doc);
    expect(doc.querySelector('style[data-wenmai-ui]')).toBeNull();
  });
});
