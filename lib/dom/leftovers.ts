import { HIGHLIGHT_NAME } from './highlight-terms';
import { WENMAI_UI_ATTRIBUTE } from './walk-text';

/**
 * The elements Wenmai puts at the end of <html>: its page layer's host, its frames, and the custom
 * element an earlier version hosted its UI in.
 */
const LEFTOVER_HOSTS = new Set(['div', 'iframe', 'wenmai-ui']);

/** Sent by a newly started Wenmai to any earlier instance in the page. */
export const HANDOVER_EVENT = 'wenmai-handover';

/**
 * Takes down what an earlier instance of Wenmai left on the page. After the extension is updated
 * or reloaded, the old scripts are cut off from it and only notice on the page's next event (see
 * ScriptLifetime); until then their banner and markers would show beside the new ones. Only
 * Wenmai's own places are looked at: its UI hosts and frames at the end of <html>, its <style> in <head> and
 * adopted sheets that style its highlights; `keep` is the detector's sheet (a PageSheet) that
 * this instance takes over.
 */
export function removeLeftovers(doc: Document, keep: { node: object } | null = null): void {
  const hosts = [...doc.documentElement.children].filter(
    (child) => LEFTOVER_HOSTS.has(child.localName) && child.hasAttribute(WENMAI_UI_ATTRIBUTE),
  );
  const styles = [...(doc.head?.querySelectorAll(`style[${WENMAI_UI_ATTRIBUTE}]`) ?? [])].filter(
    (style) => style !== keep?.node,
  );
  let adopted: CSSStyleSheet[] = [];
  try {
    adopted = [...doc.adoptedStyleSheets];
  } catch {
    // Firefox's content scripts cannot read adopted sheets; Wenmai uses <style> there.
  }
  const kept = adopted.filter((sheet) => sheet === keep?.node || !stylesHighlights(sheet));
  if (hosts.length === 0 && styles.length === 0 && kept.length === adopted.length) return;
  // The earlier instance listens for this (see PageController.start): cut off, it ends at once
  // and puts back the page's original text if it had converted it.
  const view = doc.defaultView;
  if (view) doc.dispatchEvent(new view.Event(HANDOVER_EVENT));
  for (const element of [...hosts, ...styles]) element.remove();
  if (kept.length !== adopted.length) doc.adoptedStyleSheets = kept;
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
