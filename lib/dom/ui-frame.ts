/**
 * Where a frame goes, in viewport pixels (it is fixed to the window): two edges and a size. The
 * size may be a CSS length (the parallel panel's `min(560px, 92vw)`).
 */
export interface FrameBox {
  left?: number;
  top?: number;
  right?: number;
  bottom?: number;
  width: number | string;
  height: number | string;
}

/**
 * How many times a frame is put back after the page removed, moved, restyled, closed or navigated
 * it. A page that keeps doing it would otherwise keep Wenmai busy for ever (each restore is a
 * mutation the page can answer); past this, the frame stays as the page left it and `onBlocked`
 * says so.
 */
export const MAX_RESTORES = 20;

const px = (value: number | string): string => (typeof value === 'number' ? `${value}px` : value);

/**
 * The inline style of a shown frame. Every declaration is !important: a style attribute's important
 * declarations win over any stylesheet's, so page CSS (`iframe { display: none !important }`)
 * cannot hide or move it; a page that rewrites the attribute is undone by the guard.
 */
function frameStyle(box: FrameBox | null): string {
  const declarations: [string, string][] = [
    ['all', 'initial'],
    ['display', box ? 'block' : 'none'],
    ['position', 'fixed'],
    ['left', box?.left === undefined ? 'auto' : px(box.left)],
    ['top', box?.top === undefined ? 'auto' : px(box.top)],
    ['right', box?.right === undefined ? 'auto' : px(box.right)],
    ['bottom', box?.bottom === undefined ? 'auto' : px(box.bottom)],
    ['width', box ? px(box.width) : '0'],
    ['height', box ? px(box.height) : '0'],
    ['max-width', '100vw'],
    ['max-height', '100vh'],
    ['margin', '0'],
    ['padding', '0'],
    ['border', '0'],
    ['visibility', 'visible'],
    ['opacity', '1'],
    ['transform', 'none'],
    ['filter', 'none'],
    ['clip-path', 'none'],
    ['pointer-events', 'auto'],
    ['background', 'transparent'],
    // A frame whose color scheme differs from its document's is painted opaque (the page could
    // set a dark scheme on everything).
    ['color-scheme', 'normal'],
    ['z-index', '2147483647'],
  ];
  return declarations.map(([name, value]) => `${name}:${value} !important;`).join('');
}

/**
 * One extension frame on the page: a plain <iframe> (a built-in element, so no custom element the
 * page defines can take it over), a child of <html> (outside the page's <body>), in the top layer where the browser has
 * popovers (ancestors' transforms, opacity and clipping do not reach it), kept where Wenmai put
 * it: a page that removes, moves, restyles or hides it sees it put back (up to MAX_RESTORES times).
 */
export class UiFrame {
  readonly element: HTMLIFrameElement;
  private box: FrameBox | null = null;
  private restores = 0;
  private blocked = false;
  private readonly observer: MutationObserver;
  private readonly listening: AbortController;
  private readonly attributes: [string, string][];

  /**
   * @param src the frame page's URL
   * @param marker the attribute that marks Wenmai's elements (text walks skip them; an updated
   *   Wenmai removes what an older one left)
   * @param onBlocked called once when the page has undone the frame more than MAX_RESTORES times
   * @param insert puts the frame into <html> (by default at its end)
   */
  constructor(
    private readonly doc: Document,
    private readonly src: string,
    marker: string,
    private readonly onBlocked: () => void,
    private readonly insert: (frame: HTMLIFrameElement) => void = (frame) =>
      doc.documentElement.append(frame),
  ) {
    const view = doc.defaultView!;
    this.element = doc.createElement('iframe');
    this.attributes = [
      [marker, ''],
      ['title', 'Wenmai'],
    ];
    if ('showPopover' in this.element) this.attributes.push(['popover', 'manual']);
    for (const [name, value] of this.attributes) this.element.setAttribute(name, value);
    this.element.setAttribute('style', frameStyle(null));
    this.observer = new view.MutationObserver(() => this.check());
    this.listening = new view.AbortController();
    // A page that closes the popover (hidePopover) sees it opened again.
    this.element.addEventListener('toggle', () => this.check(), {
      signal: this.listening.signal,
    });
  }

  /** Shows the frame in a box (inserting it the first time). */
  show(box: FrameBox): void {
    this.box = box;
    this.apply();
  }

  /** Hides the frame; it stays loaded for the next time. */
  hide(): void {
    if (!this.box) return;
    this.box = null;
    this.apply();
  }

  get shown(): boolean {
    return this.box !== null;
  }

  /** Loads the frame page again (the page navigated the frame elsewhere). */
  reload(): void {
    if (this.countRestore()) this.load();
  }

  focus(): void {
    this.element.focus();
  }

  /** Takes the frame off the page for good (removing an open popover closes it: no check then). */
  remove(): void {
    this.box = null;
    this.blocked = true;
    this.observer.disconnect();
    this.listening.abort();
    this.element.remove();
  }

  /** Puts the frame where it belongs, styled and open, then watches it. */
  private apply(): void {
    const { doc, element } = this;
    this.observer.disconnect();
    // Inserted, an <iframe> starts a new, blank document; a page's src or srcdoc navigates it.
    const blank =
      element.parentNode !== doc.documentElement ||
      element.hasAttribute('src') ||
      element.hasAttribute('srcdoc');
    if (element.parentNode !== doc.documentElement) this.insert(element);
    if (element.parentNode !== doc.documentElement) doc.documentElement.append(element);
    for (const [name, value] of this.attributes)
      if (element.getAttribute(name) !== value) element.setAttribute(name, value);
    for (const attribute of [...element.attributes])
      if (attribute.name !== 'style' && !this.attributes.some(([name]) => name === attribute.name))
        element.removeAttribute(attribute.name);
    const style = frameStyle(this.box);
    if (element.getAttribute('style') !== style) element.setAttribute('style', style);
    if (blank && this.box) this.load();
    this.syncPopover();
    // <html> itself may be replaced (with a copy of the page that leaves the frame out).
    this.observer.observe(doc, { childList: true });
    this.observer.observe(doc.documentElement, { childList: true });
    this.observer.observe(element, { attributes: true });
  }

  /**
   * Loads the frame page by navigating the frame, not through its src attribute: the page can read
   * an attribute, not a cross-origin frame's location, so it never learns the extension's address
   * (in Firefox a per-install id, which would follow the reader from site to site).
   */
  private load(): void {
    try {
      this.element.contentWindow?.location.replace(this.src);
    } catch {
      // No browsing context (a document without a window, as in tests): nothing to load.
    }
  }

  private syncPopover(): void {
    const { element } = this;
    if (!('showPopover' in element) || !element.isConnected) return;
    const open = element.matches(':popover-open');
    try {
      if (this.box && !open) element.showPopover();
      else if (!this.box && open) element.hidePopover();
    } catch {
      // Not a popover any more (the page took the attribute; the next check puts it back).
    }
  }

  /** After a page's change to the frame or <html>: is the frame still as Wenmai left it? */
  private check(): void {
    const { doc, element } = this;
    this.observer.takeRecords();
    // A hidden frame is put back when it is next shown.
    if (!this.box || this.blocked) return;
    const placed = element.parentNode === doc.documentElement;
    const styled =
      element.getAttribute('style') === frameStyle(this.box) &&
      this.attributes.every(([name, value]) => element.getAttribute(name) === value) &&
      element.attributes.length === this.attributes.length + 1;
    const open = !('showPopover' in element) || element.matches(':popover-open');
    if (placed && styled && open) return;
    if (this.countRestore()) this.apply();
  }

  private countRestore(): boolean {
    if (this.blocked) return false;
    if (++this.restores <= MAX_RESTORES) return true;
    this.blocked = true;
    this.observer.disconnect();
    this.onBlocked();
    return false;
  }
}
