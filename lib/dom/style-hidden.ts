/**
 * Text a stylesheet hides, for documents read without a layout engine (the CLI's jsdom): the
 * browser's RenderedCheck (rendered.ts) sees it through checkVisibility() and box sizes, which a
 * saved page read in Node has not. jsdom cascades stylesheets in getComputedStyle, so the rules
 * that hide menus on real portals are seen: display: none, visibility: hidden, and a box of
 * height 0 that hides its overflow (a closed dropdown).
 */

/** Declarations worth a computed-style pass; a page without any is left as it is (no cost). */
const HIDING_RULE = /display\s*:\s*none|visibility\s*:\s*hidden|(?:max-)?height\s*:\s*0/i;
const CLIPS = new Set(['hidden', 'clip', 'auto', 'scroll']);

function stylesheetText(doc: Document): string {
  return Array.from(doc.querySelectorAll('style'))
    .map((style) => style.textContent ?? '')
    .join('\n');
}

function isStyleHidden(style: CSSStyleDeclaration): boolean {
  if (style.display === 'none' || style.visibility === 'hidden') return true;
  const zero = (value: string) => /^0(?:px)?$/.test(value.trim());
  const closedBox = zero(style.height) || zero(style.maxHeight);
  return closedBox && (CLIPS.has(style.overflow) || CLIPS.has(style.overflowY));
}

/**
 * Removes from a document without layout the elements its stylesheets hide. Does nothing where
 * the browser lays the page out (checkVisibility exists): there RenderedCheck answers.
 */
export function removeStyleHidden(doc: Document): number {
  const view = doc.defaultView;
  const body = doc.body;
  if (!view || !body || 'checkVisibility' in body) return 0;
  if (!HIDING_RULE.test(stylesheetText(doc))) return 0;
  const hidden: Element[] = [];
  const visit = (element: Element): void => {
    if (isStyleHidden(view.getComputedStyle(element))) {
      hidden.push(element);
      return;
    }
    for (const child of Array.from(element.children)) visit(child);
  };
  visit(body);
  for (const element of hidden) element.remove();
  return hidden.length;
}
