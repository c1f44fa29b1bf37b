const CLIPS = new Set(['hidden', 'clip', 'auto', 'scroll']);

/**
 * Whether the reader can see an element's text: not hidden by CSS (display: none, visibility,
 * content-visibility; what checkVisibility() reads) and not clipped away inside a box of zero
 * height or width that hides its overflow (a closed dropdown). Reads style and layout, so it is
 * asked when the page's state is, not while highlighting; one instance serves one reading of the
 * page and remembers its answers. Where checkVisibility() is missing (old browsers, jsdom) CSS
 * hiding is not seen.
 */
export class RenderedCheck {
  private readonly rendered = new Map<Element, boolean>();
  /** Per element: whether a zero-size ancestor (or itself) hides what is inside. */
  private readonly clipped = new Map<Element, boolean>();

  isRendered(element: Element): boolean {
    let rendered = this.rendered.get(element);
    if (rendered === undefined) {
      const checkable = element as Element & {
        checkVisibility?: (options: { checkVisibilityCSS: boolean }) => boolean;
      };
      rendered =
        (checkable.checkVisibility?.({ checkVisibilityCSS: true }) ?? true) &&
        !(element.parentElement && this.clips(element.parentElement));
      this.rendered.set(element, rendered);
    }
    return rendered;
  }

  /** True when this box or one around it has zero height or width and hides its overflow. */
  private clips(box: Element): boolean {
    if (box === box.ownerDocument.body) return false;
    let clipped = this.clipped.get(box);
    if (clipped === undefined) {
      clipped = false;
      const element = box as HTMLElement;
      if (element.offsetHeight === 0 || element.offsetWidth === 0) {
        const style = box.ownerDocument.defaultView?.getComputedStyle(box);
        clipped = !!style && (CLIPS.has(style.overflowY) || CLIPS.has(style.overflowX));
      }
      if (!clipped && box.parentElement) clipped = this.clips(box.parentElement);
      this.clipped.set(box, clipped);
    }
    return clipped;
  }
}
