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
  const steps = blockLinesInSteps(root);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Nodes visited between two steps of blockLinesInSteps. */
const LINE_STEP_NODES = 2_000;

/**
 * blockLines as steps: yields after every LINE_STEP_NODES nodes, so a caller can cut the walk of a
 * huge page into tasks. A plain walk with no recursion (a deep page cannot overflow the stack).
 */
export function* blockLinesInSteps(root: Node): Generator<void, string[], void> {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const isBlock = (node: Node): boolean => node.nodeType === 1 && isBlockElement(node as Element);
  if (root.nodeType === 3) {
    current = root.nodeValue ?? '';
    flush();
    return lines;
  }
  if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) return lines;
  if (root.nodeType === 1 && isExcludedElement(root as Element)) return lines;
  let visited = 0;
  let node: Node | null = root.firstChild;
  while (node) {
    if (++visited % LINE_STEP_NODES === 0) yield;
    if (node.nodeType === 3) current += node.nodeValue ?? '';
    else if (node.nodeType === 1 && !isExcludedElement(node as Element)) {
      if (isBlock(node)) flush();
      if (node.firstChild) {
        node = node.firstChild;
        continue;
      }
      if (isBlock(node)) flush();
    }
    // On to the next node in document order, ending the blocks left on the way up.
    while (node !== root && !node.nextSibling) {
      node = node.parentNode!;
      if (node !== root && isBlock(node)) flush();
    }
    node = node === root ? null : node.nextSibling;
  }
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
