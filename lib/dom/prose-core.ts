import { blockLines, isBlockElement, isExcludedElement } from './walk-text';

/**
 * A short article (a news flash that is one lead paragraph) gives Readability too little to
 * score, and it falls back to a larger box: the lead plus the sidebars' headline lists. Such a
 * result is mostly lines that are not prose. The article is then the smallest element of the
 * page that holds nearly all of its prose: lines that read as sentences.
 */

/** A line is prose when it is this long and ends a sentence somewhere. */
const MIN_PROSE_LINE = 20;
const SENTENCE_END = /[。！？!?]|\.(?:\s|$)/;
/** Readability's answer stands while at least this share of its characters is prose. */
const MIN_PROSE_SHARE = 0.5;
/** The core holds at least this share of the page's prose. */
const CORE_SHARE = 0.9;

const isProse = (line: string): boolean => line.length >= MIN_PROSE_LINE && SENTENCE_END.test(line);

function proseShare(lines: readonly string[]): number {
  let prose = 0;
  let all = 0;
  for (const line of lines) {
    all += line.length;
    if (isProse(line)) prose += line.length;
  }
  return all === 0 ? 0 : prose / all;
}

/** Prose characters under each element, read the way blockLines reads the page. */
function proseByElement(body: Element): Map<Element, number> {
  const prose = new Map<Element, number>();
  let current = '';
  let holder: Element = body;
  const flush = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    current = '';
    if (!isProse(line)) return;
    for (let e: Element | null = holder; e; e = e.parentElement)
      prose.set(e, (prose.get(e) ?? 0) + line.length);
  };
  const visit = (element: Element): void => {
    if (isExcludedElement(element)) return;
    const block = isBlockElement(element);
    if (block) flush();
    const outer = holder;
    if (block) holder = element;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) current += child.nodeValue ?? '';
      else if (child.nodeType === 1) visit(child as Element);
    }
    if (block) {
      flush();
      holder = outer;
    }
  };
  visit(body);
  flush();
  return prose;
}

/** The smallest element holding nearly all of the page's prose. */
function proseCore(body: Element): Element | null {
  const prose = proseByElement(body);
  const total = prose.get(body) ?? 0;
  if (total === 0) return null;
  let core = body;
  for (;;) {
    const next = Array.from(core.children).find((c) => (prose.get(c) ?? 0) >= CORE_SHARE * total);
    if (!next) return core;
    core = next;
  }
}

/**
 * Narrows an extracted text that is mostly not prose to the page's prose core, when that core is
 * smaller; otherwise returns the text as it was.
 */
export function narrowToProse(doc: Document, text: string): string {
  const lines = text.split('\n');
  if (!doc.body || proseShare(lines) >= MIN_PROSE_SHARE) return text;
  const core = proseCore(doc.body);
  if (!core) return text;
  const narrowed = blockLines(core).join('\n');
  return narrowed.length > 0 && narrowed.length < text.length ? narrowed : text;
}
