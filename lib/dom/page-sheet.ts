import { WENMAI_UI_ATTRIBUTE } from './walk-text';

/**
 * A stylesheet Wenmai adds to a page's document: the ::highlight() rules for term highlights must
 * apply to the page's own text, so they cannot live in the UI's shadow root.
 */
export interface PageSheet {
  /** The CSS it holds. */
  readonly css: string;
  /** What holds it in the document. */
  readonly node: CSSStyleSheet | HTMLStyleElement;
  remove(): void;
}

/**
 * Adds CSS to the document as an adopted stylesheet, which leaves the page's DOM alone. Firefox's
 * content scripts see document.adoptedStyleSheets through an Xray wrapper that can be neither read
 * nor assigned; there the CSS goes into a <style> element marked as Wenmai's, at the end of <head>.
 */
export function addPageSheet(doc: Document, css: string): PageSheet {
  const adopted = readAdopted(doc);
  const view = doc.defaultView;
  if (adopted && view) {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...adopted, sheet];
    return {
      css,
      node: sheet,
      remove: () => {
        doc.adoptedStyleSheets = (readAdopted(doc) ?? []).filter((s) => s !== sheet);
      },
    };
  }
  const style = doc.createElement('style');
  style.setAttribute(WENMAI_UI_ATTRIBUTE, '');
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
  return { css, node: style, remove: () => style.remove() };
}

function readAdopted(doc: Document): CSSStyleSheet[] | null {
  try {
    const list = doc.adoptedStyleSheets as CSSStyleSheet[] | undefined;
    return list ? [...list] : null;
  } catch {
    return null;
  }
}
