/**
 * Functions run inside a test page (passed to Playwright's or Puppeteer's page.evaluate), so they
 * use nothing but the page's own DOM: no imports, no closures.
 */

/** The text of every range in Wenmai's term highlight, as the page shows it. */
export function highlightedTexts(): string[] {
  const ranges = (CSS.highlights.get('wenmai-term') as Iterable<AbstractRange> | undefined) ?? [];
  // Wenmai paints StaticRanges: read each through a live Range.
  return [...ranges].map((r) => {
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live.toString();
  });
}

/**
 * The middle of the first highlighted occurrence of a term (the first highlight if none reads so),
 * scrolled to the middle of the viewport; null when nothing is highlighted.
 */
export function highlightedTermPoint(text: string): { x: number; y: number } | null {
  const ranges = [
    ...((CSS.highlights.get('wenmai-term') as Iterable<AbstractRange> | undefined) ?? []),
  ].map((r) => {
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live;
  });
  const range = ranges.find((r) => r.toString() === text) ?? ranges[0];
  if (!range) return null;
  range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  const rect = range.getClientRects()[0];
  return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
}

/**
 * The CSS of each stylesheet Wenmai added to the document for its highlights, whichever way it was
 * added: an adopted sheet, or a marked <style> where a browser keeps adopted sheets from content
 * scripts (Firefox before 153 saw them through an Xray wrapper it could not assign).
 */
export function wenmaiSheets(): string[] {
  const text = (sheet: CSSStyleSheet) => [...sheet.cssRules].map((r) => r.cssText).join('\n');
  const styles = [...document.querySelectorAll('style[data-wenmai-ui]')].map(
    (style) => style.textContent ?? '',
  );
  const adopted = [...document.adoptedStyleSheets].map(text);
  return [...styles, ...adopted].filter((css) => css.includes('wenmai-term'));
}

/**
 * On a page whose text is one text node: how many term ranges are painted, and whether the text at
 * the middle of the viewport lies among them (between the first and the last painted offsets).
 */
export function paintedAroundViewportMiddle(): { painted: number; covers: boolean } {
  const ranges = [
    ...((CSS.highlights.get('wenmai-term') as Iterable<AbstractRange> | undefined) ?? []),
  ];
  const caret = document.caretPositionFromPoint(window.innerWidth / 2, window.innerHeight / 2);
  const offsets = ranges
    .filter((r) => r.startContainer === caret?.offsetNode)
    .map((r) => r.startOffset);
  const covers =
    !!caret &&
    offsets.length > 0 &&
    Math.min(...offsets) <= caret.offset &&
    caret.offset <= Math.max(...offsets);
  return { painted: ranges.length, covers };
}
