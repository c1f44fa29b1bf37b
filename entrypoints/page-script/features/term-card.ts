import { liveRange, type TermRange } from '../../../lib/dom/highlight-terms';
import { CARD_WIDTH } from '../../../lib/place-card';
import type { Feature, PageContext } from './context';
import type { TermHighlights } from './term-highlights';

/** Hover must rest this long on a term before its card opens (a pointer passing by opens nothing). */
const HOVER_OPEN_MS = 350;
const HOVER_CLOSE_MS = 400;

/** The glossary card: opens on hover or a click on a term, and for a lookup. */
export class TermCard implements Feature {
  private hoverTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param readerScript the script the reader sees the page in now, and the Traditional variant:
   *   the card is written in it
   */
  constructor(
    private readonly page: PageContext,
    private readonly highlights: TermHighlights,
    private readonly readerScript: () => {
      script: 'simplified' | 'traditional';
      variant: 'tw' | 'hk';
    } = () => ({ script: 'simplified', variant: 'tw' }),
  ) {}

  /** Listens to the reader's pointer on the page. */
  start(): void {
    const { doc, lifetime } = this.page;
    const { signal } = lifetime;
    // Every handler first checks that the extension is still there (see ScriptLifetime).
    doc.addEventListener(
      'mousemove',
      (event) => {
        if (lifetime.alive()) this.onPointer(event);
      },
      { passive: true, signal },
    );
    doc.addEventListener(
      'click',
      (event) => {
        if (lifetime.alive()) this.onClick(event);
      },
      { passive: true, signal },
    );
  }

  /** The pointer is on the card: it stays open. */
  keep(): void {
    this.clearTimer();
  }

  /** The pointer left the card: an unpinned card closes a moment later. */
  leave(): void {
    if (this.page.store.get().card?.pinned) return;
    this.hoverTimer = setTimeout(() => this.close(), HOVER_CLOSE_MS);
  }

  open(termId: string, range: AbstractRange | null, pinned: boolean): void {
    const { doc, win, store, askBackground } = this.page;
    const rect = range ? liveRange(range, doc)?.getBoundingClientRect() : undefined;
    const anchor = rect
      ? { left: rect.left, top: rect.top, bottom: rect.bottom }
      : // A card without an anchor (a lookup from the context menu): centred, near the top.
        { left: win.innerWidth / 2 - CARD_WIDTH / 2, top: 74, bottom: 74 };
    store.update({ card: { termId, anchor, data: null, pinned, focus: pinned } });
    askBackground({ type: 'wenmai/term', termId, ...this.readerScript() }).then(
      (data) => {
        const card = store.get().card;
        if (card?.termId === termId) store.update({ card: { ...card, data } });
      },
      (error: Error) => {
        const card = store.get().card;
        if (card?.termId === termId) store.update({ card: { ...card, error: error.message } });
      },
    );
  }

  close(): void {
    this.highlights.setActive(null);
    this.page.store.update({ card: null });
  }

  stop(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    this.hoverTimer = null;
  }

  private onPointer(event: MouseEvent): void {
    // Only the reader's own pointer: a page script can forge events, not make them trusted.
    if (!event.isTrusted) return;
    const { highlights } = this;
    if (!highlights.enabled || !highlights.found) return;
    const term = highlights.termAt(event.clientX, event.clientY);
    if (term === highlights.active) return;
    const card = this.page.store.get().card;
    if (!card?.pinned) highlights.setActive(term);
    this.clearTimer();
    if (card?.pinned) return;
    if (term) this.hoverTimer = setTimeout(() => this.openOn(term, false), HOVER_OPEN_MS);
    else if (card) this.hoverTimer = setTimeout(() => this.close(), HOVER_CLOSE_MS);
  }

  private onClick(event: MouseEvent): void {
    if (!event.isTrusted || !this.highlights.enabled || event.button !== 0) return;
    // A term inside a link or button belongs to the page's action: the card opens on hover only.
    const target = event.target as Element | null;
    if (target?.closest?.('a[href], button, [role="button"], label')) return;
    const term = this.highlights.termAt(event.clientX, event.clientY);
    if (!term) return;
    this.highlights.setActive(term);
    this.openOn(term, true);
  }

  private openOn(term: TermRange, pinned: boolean): void {
    this.open(term.termId, term.range, pinned);
  }
}
