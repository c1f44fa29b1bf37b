import { isJapaneseOrKoreanLang } from '../normalise/detect-script';

/**
 * Which parts of a page are readable text Wenmai may look at, and how to read them as blocks.
 * Shared by article extraction, term counting and the highlighter, so counts agree everywhere.
 */

/** Elements whose text is never read, counted, highlighted or converted. */
const EXCLUDED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'CODE',
  'KBD',
  'SAMP',
  'VAR',
  'SVG',
  'MATH',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'TITLE',
]);

/** Elements that end a line of text. */
const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'NAV',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'TBODY',
  'THEAD',
  'TFOOT',
  'FIGURE',
  'FIGCAPTION',
  'FORM',
  'FIELDSET',
  'ADDRESS',
  'HR',
  'BR',
  'CENTER',
  'DETAILS',
  'SUMMARY',
  'BODY',
  'HTML',
]);

/** Marks Wenmai's own UI hosts so nothing reads or highlights inside them. */
export const WENMAI_UI_ATTRIBUTE = 'data-wenmai-ui';

/**
 * True if the element and everything inside it is off limits: code, fields, editable regions,
 * hidden, our UI, or marked as Japanese or Korean (`lang="ja"`, `lang="ko-KR"`): no conversion or
 * term belongs there.
 */
export function isExcludedElement(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  if (EXCLUDED_TAGS.has(tag)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (isJapaneseOrKoreanLang(element.getAttribute('lang'))) return true;
  if (element.hasAttribute(WENMAI_UI_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const style = element.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  // Discuz inserts invisible anti-copy junk as <font class="jammer">.
  if (element.classList.contains('jammer')) return true;
  return false;
}

/** True for elements whose boundaries separate lines of text. */
export function isBlockElement(element: Element): boolean {
  return BLOCK_TAGS.has(element.tagName.toUpperCase());
}

/**
 * The readable text under a root as lines: one per block (paragraph, list item, <br> break),
 * whitespace collapsed, empty lines dropped.
 */
export function blockLines(root: Node): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const element = node.nodeType === 1 ? (node as Element) : null;
    if (element && isExcludedElement(element)) return;
    const block = element ? isBlockElement(element) : false;
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) flush();
  };
  visit(root);
  flush();
  return lines;
}

/**
 * Up to `limit` characters of text, read cheaply (no layout, no script call per element): enough
 * to tell whether a page is Chinese before anything else is loaded. Skips text directly inside
 * scripts, styles, fields and the like; text nested deeper in excluded elements may count, which a
 * sample can afford.
 */
export function sampleText(root: Node, limit: number, doc: Document = document): string {
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < limit; node = walker.nextNode()) {
    const parent = node.parentNode;
    if (
      parent &&
      parent.nodeType === 1 &&
      EXCLUDED_TAGS.has((parent as Element).tagName.toUpperCase())
    )
      continue;
    text += (node as Text).data;
  }
  return text.slice(0, limit);
}
