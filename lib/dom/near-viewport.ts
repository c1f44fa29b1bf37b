import { caretAt } from './highlight-terms';
import type { TextBlock } from './text-blocks';

/** Elements observed per step; a task observes steps until OBSERVE_SLICE_MS have passed. */
export const OBSERVE_STEP = 100;
/** Items indexed by their element per step. */
const INDEX_STEP = 500;
/**
 * A task observes elements for about this long: a fixed 1,000 elements a task took 50–60 ms on a
 * busy machine's 3-million-character page.
 */
const OBSERVE_SLICE_MS = 8;

/**
 * At most this many elements are observed. The browser computes every observed target's
 * intersection in each frame that changes layout or scrolls: with the 22,500 paragraphs of a
 * 3-million-character page observed, that step took 50–200 ms of a frame.
 */
export const MAX_OBSERVED = 1_000;

/** Where an observed element was at its last report (Unknown before it). */
const Place = { Unknown: 0, Near: 1, Above: 2, Below: 3 } as const;

/**
 * An element's items: a number for an element with one (most: an array for each of the 3 M-character
 * page's 22,500 paragraphs held 1.5 MiB), an array for an element with several.
 */
type Items = number | number[];

function eachItem(items: Items | undefined, visit: (item: number) => void): void {
  if (items === undefined) return;
  if (typeof items === 'number') visit(items);
  else for (const item of items) visit(item);
}

/**
 * Which of a list of items (each shown by an element, several items may share one) are within a
 * margin of the viewport, as an IntersectionObserver reports it: no layout is read here. Term
 * highlights are registered, and passage markers placed, only for the items near the viewport.
 * Of more than MAX_OBSERVED elements, only every k-th (in document order) is observed, a sentinel:
 * the elements between two sentinels are near when either is, or when one is above the viewport
 * and the next below it (a long stretch that fills the viewport).
 */
export class NearViewport {
  /** Indices of the items near the viewport now. */
  near = new Set<number>();
  private observer: IntersectionObserver | null = null;
  private disconnected = false;

  /**
   * @param elements each item's element, or a function that gives it (read in bounded steps: on a
   *   huge page, reading 22,500 paragraphs' parent elements took ~45 ms)
   * @param guess items taken to be near until the observer's first report, which covers every
   *   element and replaces the guess
   * @param onChange called after each report
   * @param now the clock that bounds each task of indexing and observing (a test seam)
   */
  constructor(
    win: Window & typeof globalThis,
    elements:
      | readonly (Element | null | undefined)[]
      | { length: number; elementOf(item: number): Element | null | undefined },
    rootMargin: string,
    onChange: () => void,
    guess: Iterable<number> = [],
    now: () => number = () => performance.now(),
  ) {
    this.near = new Set(guess);
    const elementOf =
      'elementOf' in elements
        ? (i: number) => elements.elementOf(i)
        : (i: number) => (elements as readonly (Element | null | undefined)[])[i];
    const count = elements.length;
    const byElement = new Map<Element, Items>();
    // Items indexed by element in tasks of ~OBSERVE_SLICE_MS, then the sentinels observed.
    const index = (from: number): void => {
      if (this.disconnected) return;
      const until = now() + OBSERVE_SLICE_MS;
      let i = from;
      do {
        const stepTo = Math.min(count, i + INDEX_STEP);
        for (; i < stepTo; i++) {
          const element = elementOf(i);
          if (!element) continue;
          const items = byElement.get(element);
          if (items === undefined) byElement.set(element, i);
          else if (typeof items === 'number') byElement.set(element, [items, i]);
          else items.push(i);
        }
      } while (i < count && now() < until);
      if (i < count) setTimeout(() => index(i), 0);
      else this.observe(win, byElement, rootMargin, onChange, now);
    };
    index(0);
  }

  private observe(
    win: Window & typeof globalThis,
    byElement: Map<Element, Items>,
    rootMargin: string,
    onChange: () => void,
    now: () => number,
  ): void {
    const elementsInOrder = [...byElement.keys()];
    const stride = Math.max(1, Math.ceil(elementsInOrder.length / MAX_OBSERVED));
    // Sentinel j stands for the elements from j * stride up to the next sentinel.
    const sentinels: Element[] = [];
    for (let i = 0; i < elementsInOrder.length; i += stride) sentinels.push(elementsInOrder[i]!);
    const sentinelOf = new Map(sentinels.map((element, j) => [element, j]));
    const places = new Uint8Array(sentinels.length);
    const itemsOf = (from: number, to: number, into: Set<number>): void => {
      for (let e = from; e < Math.min(to, elementsInOrder.length); e++)
        eachItem(byElement.get(elementsInOrder[e]!), (i) => into.add(i));
    };
    let first = true;
    const observer = new win.IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const j = sentinelOf.get(entry.target);
          if (j === undefined) continue;
          const top = entry.rootBounds?.top ?? 0;
          places[j] = entry.isIntersecting
            ? Place.Near
            : entry.boundingClientRect.bottom <= top
              ? Place.Above
              : Place.Below;
        }
        if (stride === 1) {
          // Every element observed: follow the entries alone (the first report replaces the guess).
          if (first) this.near = new Set();
          for (const entry of entries)
            eachItem(byElement.get(entry.target), (i) => {
              if (entry.isIntersecting) this.near.add(i);
              else this.near.delete(i);
            });
        } else {
          const near = new Set<number>();
          for (let j = 0; j < sentinels.length; j++) {
            const here = places[j];
            const next = j + 1 < sentinels.length ? places[j + 1] : Place.Unknown;
            if (
              here === Place.Near ||
              next === Place.Near ||
              (here === Place.Above && next === Place.Below)
            )
              itemsOf(j * stride, (j + 1) * stride, near);
          }
          this.near = near;
        }
        first = false;
        onChange();
      },
      { rootMargin },
    );
    this.observer = observer;
    // In tasks of ~OBSERVE_SLICE_MS, top of the page first.
    const observeFrom = (from: number): void => {
      if (this.disconnected) return;
      const until = now() + OBSERVE_SLICE_MS;
      let to = from;
      do {
        const stepTo = Math.min(sentinels.length, to + OBSERVE_STEP);
        for (let j = to; j < stepTo; j++) observer.observe(sentinels[j]!);
        to = stepTo;
      } while (to < sentinels.length && now() < until);
      if (to < sentinels.length) setTimeout(() => observeFrom(to), 0);
    };
    observeFrom(0);
  }

  disconnect(): void {
    this.disconnected = true;
    this.observer?.disconnect();
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
