/**
 * The host of Wenmai's in-page UI: one element at the end of <html> with a shadow root, so page
 * CSS does not reach the UI and the UI's CSS does not reach the page. Built by hand rather than with
 * WXT's content-script UI helpers, which need WXT's script context: that context announces itself
 * to the page with window.postMessage and stops when the page dispatches a matching DOM event.
 */
export interface ShadowHost {
  host: HTMLElement;
  /** Where the UI renders, inside the shadow root. */
  container: HTMLElement;
  remove(): void;
}

/** The UI host's element name (a custom element name: no page CSS targets it by accident). */
export const UI_HOST_TAG = 'wenmai-ui';

export function mountShadowHost(
  doc: Document,
  options: { tag: string; css: string; hostAttribute: string },
): ShadowHost {
  const host = doc.createElement(options.tag);
  host.setAttribute(options.hostAttribute, '');
  // Markers sit in document coordinates; the host itself takes no part in the page's layout.
  host.style.cssText =
    'all:initial;position:absolute;top:0;left:0;width:0;height:0;z-index:2147483646;';
  // Closed: the UI shows the reader's own corpus (titles, passages of saved articles), which the
  // page's scripts must not read, nor click through (host.shadowRoot is null to them).
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = options.css;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.documentElement.append(host);
  return {
    host,
    container,
    remove: () => host.remove(),
  };
}
