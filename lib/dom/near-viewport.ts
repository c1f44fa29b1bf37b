/** Elements observed per step; a task observes steps until OBSERVE_SLICE_MS have passed. */
export const OBSERVE_STEP = 100;
/**
 * A task observes elements for about this long: a fixed 1,000 elements a task took 50–60 ms on a
 * busy machine's 3-million-character page.
 */
const OBSERVE_SLICE_MS = 8;

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
   * @param now the clock that bounds each task of observing (a test seam)
   */
  constructor(
    win: Window & typeof globalThis,
    elements: readonly (Element | null | undefined)[],
    rootMargin: string,
    onChange: () => void,
    guess: Iterable<number> = [],
    now: () => number = () => performance.now(),
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
    // In tasks of ~OBSERVE_SLICE_MS, top of the page first: observing the 22,500 paragraphs of a
    // 3-million-character page at once held the page for ~300 ms.
    const elementsInOrder = [...byElement.keys()];
    const observeFrom = (from: number): void => {
      if (this.disconnected) return;
      const until = now() + OBSERVE_SLICE_MS;
      let to = from;
      do {
        const stepTo = Math.min(elementsInOrder.length, to + OBSERVE_STEP);
        for (let i = to; i < stepTo; i++) this.observer.observe(elementsInOrder[i]!);
        to = stepTo;
      } while (to < elementsInOrder.length && now() < until);
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
