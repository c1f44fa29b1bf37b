import { MAX_RESTORES } from './ui-frame';

/**
 * The host of Wenmai's page layer (the passage markers and the keyboard commands' note): one plain
 * <div> at the end of <html> with a closed shadow root, so page CSS does not reach the layer and its
 * CSS does not reach the page. A built-in element, created in the content script's world: no
 * custom element a page defines (with attachInternals, disabledFeatures or a shadow root of its
 * own) can take it over, and a page's patched attachShadow is not the one called here.
 *
 * A shadow root, even closed, is not a boundary against the page (window.find and
 * Selection.modify read its text): the layer shows nothing of the reader's corpus. What does (the
 * banner, the card, the parallels) is in extension frames (lib/dom/page-frames.ts).
 */
export interface ShadowHost {
  host: HTMLElement;
  /** Where the UI renders, inside the shadow root. */
  container: HTMLElement;
  remove(): void;
}

export function mountShadowHost(
  doc: Document,
  options: { css: string; hostAttribute: string; onBlocked?: () => void },
): ShadowHost {
  const host = doc.createElement('div');
  host.setAttribute(options.hostAttribute, '');
  // Markers sit in document coordinates; the host itself takes no part in the page's layout.
  host.style.cssText =
    'all:initial !important;position:absolute !important;top:0 !important;left:0 !important;width:0 !important;height:0 !important;z-index:2147483646 !important;display:block !important;';
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = options.css;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.documentElement.append(host);
  // A page that removes the layer sees it put back (re-inserting keeps its shadow root), up to
  // MAX_RESTORES times; then onBlocked.
  const view = doc.defaultView!;
  let restores = 0;
  const watch = () => {
    // <html> itself may be replaced (with a copy of the page that leaves the layer out).
    observer.observe(doc, { childList: true });
    observer.observe(doc.documentElement, { childList: true });
  };
  const observer = new view.MutationObserver(() => {
    observer.takeRecords();
    if (host.parentNode === doc.documentElement) return;
    if (++restores > MAX_RESTORES) {
      observer.disconnect();
      options.onBlocked?.();
      return;
    }
    doc.documentElement.append(host);
    watch();
  });
  watch();
  return {
    host,
    container,
    remove: () => {
      observer.disconnect();
      host.remove();
    },
  };
}
