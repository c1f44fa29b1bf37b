/**
 * Whether the reader can see an element's text: not hidden by CSS (display: none, visibility,
 * content-visibility; what checkVisibility() reads) and not clipped away inside a box of zero
 * height or width that hides its overflow (a closed dropdown). Reads style and layout, so it is
 * asked when the page's state is, not while highlighting; answers are cached in `seen` for one
 * reading of the page. Where checkVisibility() is missing (old browsers, jsdom) CSS hiding is not
 * seen.
 */
export function isRendered(element: Element, seen: Map<Element, boolean>): boolean {
  const known = seen.get(element);
  if (known !== undefined) return known;
  const checkable = element as Element & {
    checkVisibility?: (options: { checkVisibilityCSS: boolean }) => boolean;
  };
  let rendered = checkable.checkVisibility?.({ checkVisibilityCSS: true }) ?? true;
  if (rendered) rendered = !clippedAway(element, seen);
  seen.set(element, rendered);
  return rendered;
}

const CLIPS = new Set(['hidden', 'clip', 'auto', 'scroll']);

/** True when an ancestor of zero height or width hides its overflow. Ancestors are cached. */
function clippedAway(element: Element, seen: Map<Element, boolean>): boolean {
  const parent = element.parentElement;
  if (!parent || parent === element.ownerDocument.body) return false;
  const cacheKey = parent;
  const known = CLIP_CACHE.get(seen)?.get(cacheKey);
  if (known !== undefined) return known;
  let clipped = false;
  const box = parent as HTMLElement;
  if (box.offsetHeight === 0 || box.offsetWidth === 0) {
    const style = parent.ownerDocument.defaultView?.getComputedStyle(parent);
    clipped = !!style && (CLIPS.has(style.overflowY) || CLIPS.has(style.overflowX));
  }
  clipped ||= clippedAway(parent, seen);
  let cache = CLIP_CACHE.get(seen);
  if (!cache) CLIP_CACHE.set(seen, (cache = new Map()));
  cache.set(cacheKey, clipped);
  return clipped;
}

/** Per reading (keyed by its `seen` map): whether each ancestor clips its content away. */
const CLIP_CACHE = new WeakMap<Map<Element, boolean>, Map<Element, boolean>>();
