import { HIGHLIGHT_NAME } from './highlight-terms';
import { UI_HOST_TAG } from './shadow-host';
import { WENMAI_UI_ATTRIBUTE } from './walk-text';

/**
 * Takes down what an earlier instance of Wenmai left on the page. After the extension is updated
 * or reloaded, the old scripts are cut off from it and only notice on the page's next event (see
 * ScriptLifetime); until then their banner and markers would show beside the new ones. Only
 * Wenmai's own places are looked at: its UI host at the end of <html>, its <style> in <head> and
 * adopted sheets that style its highlights.
 */
export function removeLeftovers(doc: Document): void {
  const root = doc.documentElement;
  for (const child of [...root.children])
    if (child.localName === UI_HOST_TAG && child.hasAttribute(WENMAI_UI_ATTRIBUTE)) child.remove();
  for (const style of doc.head?.querySelectorAll(`style[${WENMAI_UI_ATTRIBUTE}]`) ?? [])
    style.remove();
  try {
    const adopted = [...doc.adoptedStyleSheets];
    const kept = adopted.filter((sheet) => !stylesHighlights(sheet));
    if (kept.length !== adopted.length) doc.adoptedStyleSheets = kept;
  } catch {
    // Firefox's content scripts cannot read adopted sheets; Wenmai uses <style> there.
  }
}

function stylesHighlights(sheet: CSSStyleSheet): boolean {
  try {
    return [...sheet.cssRules].some((rule) =>
      rule.cssText.startsWith(`::highlight(${HIGHLIGHT_NAME})`),
    );
  } catch {
    return false;
  }
}
