import { caretAt } from './highlight-terms';
import type { TextBlock } from './text-blocks';

/** Elements observed per task. */
export const OBSERVE_CHUNK = 1000;

/**
 * Which of a list of items (each shown by an element, several items may share one) are within a
 * margin of the viewport, as an IntersectionObserver reports it: no layout is read here. Term
 * highlights are registered, and passage markers placed, only for the items near the viewport.
 */
export class NearViewport {
  /** Indices of the items near the viewport now. */
  near = new Set<number>();
  private readonly observer: IntersectionObserver;
  private disconnected = false;

  /**
   * @param guess items taken to be near until the observer's first report, which covers every
   *   element and replaces the guess
   * @param onChange called after each report
   */
  constructor(
    win: Window & typeof globalThis,
    elements: readonly (Element | null | undefined)[],
    rootMargin: string,
    onChange: () => void,
    guess: Iterable<number> = [],
  ) {
    this.near = new Set(guess);
    const byElement = new Map<Element, number[]>();
    elements.forEach((element, i) => {
      if (!element) return;
      const indices = byElement.get(element);
      if (indices) indices.push(i);
      else byElement.set(element, [i]);
    });
    let first = true;
    this.observer = new win.IntersectionObserver(
      (entries) => {
        if (first) this.near = new Set();
        first = false;
        for (const entry of entries) {
          for (const i of byElement.get(entry.target) ?? []) {
            if (entry.isIntersecting) this.near.add(i);
            else this.near.delete(i);
          }
        }
        onChange();
      },
      { rootMargin },
    );
    // In tasks of OBSERVE_CHUNK elements, top of the page first: observing the 22,500 paragraphs
    // of a 3-million-character page at once held the page for ~300 ms.
    const elementsInOrder = [...byElement.keys()];
    const observeFrom = (from: number): void => {
      if (this.disconnected) return;
      const to = Math.min(elementsInOrder.length, from + OBSERVE_CHUNK);
      for (let i = from; i < to; i++) this.observer.observe(elementsInOrder[i]!);
      if (to < elementsInOrder.length) setTimeout(() => observeFrom(to), 0);
    };
    observeFrom(0);
  }

  disconnect(): void {
    this.disconnected = true;
    this.observer.disconnect();
  }
}

/**
 * Which of the elements show in the viewport now, by their boxes. Pass few (those near it): each
 * is one read of layout, cheap while the layout is up to date.
 */
export function inViewport(elements: Iterable<Element>, win: Window): Set<Element> {
  const height = win.innerHeight;
  const width = win.innerWidth;
  const visible = new Set<Element>();
  for (const element of elements) {
    const box = element.getBoundingClientRect();
    if (box.bottom > 0 && box.top < height && box.right > 0 && box.left < width && box.height > 0)
      visible.add(element);
  }
  return visible;
}

/** Offsets into a block's text, [from, to]. */
export interface TextSpan {
  from: number;
  to: number;
}

/**
 * The part of a block's text shown in the viewport, as offsets into its text: hit tests of the
 * first and last visible lines of its box. A range's boxes in a text node of megabytes cost about
 * 100 ms each to read; a hit test, under 1 ms. Null when the box is out of view or no text is hit
 * (something lies over it).
 */
export function visibleSpan(
  block: TextBlock,
  element: Element,
  doc: Document,
  win: Window,
): TextSpan | null {
  const box = element.getBoundingClientRect();
  const top = Math.max(box.top, 0) + 1;
  const bottom = Math.min(box.bottom, win.innerHeight) - 1;
  if (bottom <= top || box.right <= 0 || box.left >= win.innerWidth) return null;
  const left = Math.min(Math.max(box.left, 0) + 1, win.innerWidth - 1);
  const right = Math.max(Math.min(box.right, win.innerWidth) - 1, 0);
  const first = offsetInBlock(block, caretAt(doc, left, top));
  const last = offsetInBlock(block, caretAt(doc, right, bottom));
  if (first === null) return last === null ? null : { from: last, to: last };
  if (last === null) return { from: first, to: first };
  return { from: Math.min(first, last), to: Math.max(first, last) };
}

function offsetInBlock(
  block: TextBlock,
  caret: { node: Node; offset: number } | null,
): number | null {
  if (!caret) return null;
  const i = block.nodes.indexOf(caret.node as Text);
  return i < 0 ? null : block.starts[i]! + caret.offset;
}
