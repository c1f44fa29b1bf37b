import {
  FRAME_ROOM,
  frameHash,
  parseFromFrame,
  portName,
  type FrameSurface,
  type FrameView,
  type FromFrame,
  type ToFrame,
} from '../messaging/frame-port';
import type { PageUiActions, UiState, UiStore } from '../page-ui-store';
import { CARD_WIDTH, placeCard } from '../place-card';
import { UiFrame, type FrameBox } from './ui-frame';

/** An extension port, as the page script receives one (`browser.runtime.Port` fits). */
export interface FramePort {
  readonly name: string;
  readonly sender?: { id?: string; url?: string };
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** The banner's distance from the window's bottom right corner (as the in-page banner had). */
const BANNER_INSET = 16;
/** The banner's widest, and a first guess at each box's size until its frame has measured it. */
const BANNER_WIDTH = 340;
const FIRST_SIZE: Record<'banner' | 'card', { width: number; height: number }> = {
  banner: { width: BANNER_WIDTH + 2 * FRAME_ROOM, height: 96 + 2 * FRAME_ROOM },
  card: { width: CARD_WIDTH + 2 * FRAME_ROOM, height: 120 + 2 * FRAME_ROOM },
};
/** A long card scrolls inside at most this share of the window's height. */
const CARD_MAX_SHARE = 0.7;
/**
 * How long a shown frame may stay without a port before it is loaded again: the page navigated it
 * elsewhere (a cross-origin frame's location is the one thing a page may set).
 */
const RECONNECT_MS = 1500;

const SURFACES: readonly FrameSurface[] = ['banner', 'card', 'panel'];

interface Surface {
  frame: UiFrame | null;
  ports: Set<FramePort>;
  view: FrameView | null;
  /** What the view was made from: a new view is sent only when one of these changes. */
  made: readonly unknown[] | null;
  size: { width: number; height: number } | null;
  reconnect: ReturnType<typeof setTimeout> | null;
}

export interface PageFramesOptions {
  /** The frame page's URL (runtime.getURL(FRAME_PAGE)). */
  frameUrl: string;
  extensionId: string;
  /** This page script's token (newFrameToken): frames name their ports with it. */
  token: string;
  /** The attribute that marks Wenmai's elements. */
  marker: string;
  /** The page has undone a frame more than MAX_RESTORES times. */
  onBlocked: (surface: FrameSurface) => void;
  /**
   * Puts a frame into <html>; by default at its end. (Before the page layer: a keyboard reader
   * tabbing into Wenmai meets the banner before the passage markers.)
   */
  insertFrame?: (frame: HTMLIFrameElement) => void;
}

/**
 * Shows what the in-page UI has of the reader's corpus (the banner, the glossary card, the
 * parallel passages) in extension frames: one frame per surface, created the first time it has
 * something to show, hidden (kept loaded) when it has not. The store says what to show; the frames
 * get it over their ports, tell their size (the frame is placed and sized to its box, so the page
 * stays clickable around it) and what the reader did, which becomes the UI's actions.
 */
export class PageFrames {
  private readonly surfaces = new Map<FrameSurface, Surface>(
    SURFACES.map((s) => [
      s,
      { frame: null, ports: new Set(), view: null, made: null, size: null, reconnect: null },
    ]),
  );
  private readonly unsubscribe: () => void;
  /** Where the keyboard focus was before a card or panel took it: it goes back there on close. */
  private focusReturn: Element | null = null;

  constructor(
    private readonly doc: Document,
    private readonly store: UiStore,
    private readonly actions: PageUiActions,
    private readonly options: PageFramesOptions,
  ) {
    this.unsubscribe = store.subscribe(() => this.render());
    this.render();
  }

  /**
   * A port a frame opened to this page (frames connect to every Wenmai in their tab, straight or
   * through the background): taken when it is named for one of this page script's frames; answers
   * whether it was. (Only this extension's contexts can open a port to its content scripts.)
   */
  accept(port: FramePort): boolean {
    const surface = SURFACES.find((s) => port.name === portName(s, this.options.token));
    if (!surface || port.sender?.id !== this.options.extensionId) return false;
    const s = this.surfaces.get(surface)!;
    s.ports.add(port);
    if (s.reconnect) clearTimeout(s.reconnect);
    s.reconnect = null;
    port.onMessage.addListener((message) => {
      const event = parseFromFrame(message);
      if (event) this.onFrameEvent(surface, event);
    });
    port.onDisconnect.addListener(() => {
      s.ports.delete(port);
      if (s.ports.size > 0 || !s.frame?.shown) return;
      s.reconnect ??= setTimeout(() => {
        s.reconnect = null;
        if (s.ports.size === 0 && s.frame?.shown) s.frame.reload();
      }, RECONNECT_MS);
    });
    port.postMessage({ type: 'view', view: s.view } satisfies ToFrame);
    // A card opened by a click or a command, or the panel, takes the focus once its frame is there.
    if ((s.view?.surface === 'card' && s.view.focus) || s.view?.surface === 'panel')
      s.frame?.focus();
    return true;
  }

  stop(): void {
    this.unsubscribe();
    for (const s of this.surfaces.values()) {
      if (s.reconnect) clearTimeout(s.reconnect);
      s.frame?.remove();
      s.frame = null;
      for (const port of s.ports) {
        try {
          port.disconnect();
        } catch {
          // Cut off from the extension (an update, a removal): the port went with it.
        }
      }
      s.ports.clear();
    }
  }

  /** Brings the frames in line with the store. */
  private render(): void {
    const ui = this.store.get();
    this.update(
      'banner',
      !ui.bannerDismissed && ui.similar.length > 0 ? [ui.similar] : null,
      () => ({ surface: 'banner', similar: ui.similar }),
    );
    const { card, panel } = ui;
    this.update('card', card && [card], () => cardView(card!));
    this.update('panel', panel && [panel, ui.titles], () => ({
      surface: 'panel',
      passage: { index: panel!.index, text: panel!.text },
      matches: panel!.matches,
      titles: ui.titles,
    }));
  }

  private update(
    surface: FrameSurface,
    made: readonly unknown[] | null,
    view: () => FrameView,
  ): void {
    const s = this.surfaces.get(surface)!;
    if (made === null) {
      if (s.made === null) return;
      s.made = null;
      s.view = null;
      this.post(s);
      const hadFocus = s.frame !== null && this.doc.activeElement === s.frame.element;
      s.frame?.hide();
      if (hadFocus) this.returnFocus();
      return;
    }
    if (s.made && s.made.length === made.length && s.made.every((m, i) => m === made[i])) return;
    const next = view();
    const opening =
      s.view === null ||
      (s.view.surface === 'card' && next.surface === 'card' && s.view.termId !== next.termId);
    s.made = made;
    s.view = next;
    this.post(s);
    s.frame ??= new UiFrame(
      this.doc,
      this.options.frameUrl + frameHash(surface, this.options.token),
      this.options.marker,
      () => this.options.onBlocked(surface),
      this.options.insertFrame,
    );
    this.place(surface);
    // A card opened by a click or a command, and the parallel passages, take the keyboard focus
    // (as the reader's own action opened them); a card opened by hover leaves it.
    if (opening && ((next.surface === 'card' && next.focus) || next.surface === 'panel'))
      this.takeFocus(s.frame);
  }

  private takeFocus(frame: UiFrame): void {
    const active = this.doc.activeElement;
    const ours = [...this.surfaces.values()].some((s) => s.frame?.element === active);
    if (!ours) this.focusReturn = active;
    frame.focus();
  }

  private returnFocus(): void {
    const back = this.focusReturn as HTMLElement | null;
    this.focusReturn = null;
    if (back?.isConnected && back !== this.doc.body) back.focus();
    else (this.doc.activeElement as HTMLElement | null)?.blur();
  }

  private post(s: Surface): void {
    const message: ToFrame = { type: 'view', view: s.view };
    for (const port of s.ports) {
      try {
        port.postMessage(message);
      } catch {
        s.ports.delete(port); // its frame is gone
      }
    }
  }

  /** Places a shown surface's frame: the banner in its corner, the card by its term, the panel on the right. */
  private place(surface: FrameSurface): void {
    const s = this.surfaces.get(surface)!;
    if (!s.frame || !s.view) return;
    const win = this.doc.defaultView!;
    const inset = BANNER_INSET - FRAME_ROOM;
    let box: FrameBox;
    if (surface === 'banner') {
      box = { right: inset, bottom: inset, ...(s.size ?? FIRST_SIZE.banner) };
    } else if (surface === 'card') {
      const anchor = this.store.get().card?.anchor;
      if (!anchor) return;
      const size = s.size ?? FIRST_SIZE.card;
      const tallest = win.innerHeight * CARD_MAX_SHARE;
      const content = Math.min(size.height - 2 * FRAME_ROOM, tallest);
      const placed = placeCard(
        anchor,
        { width: CARD_WIDTH, height: content },
        { width: win.innerWidth, height: win.innerHeight },
      );
      box = {
        left: placed.left - FRAME_ROOM,
        top: placed.top - FRAME_ROOM,
        width: CARD_WIDTH + 2 * FRAME_ROOM,
        height: Math.max(0, Math.min(content, placed.maxHeight)) + 2 * FRAME_ROOM,
      };
    } else {
      box = { top: 0, right: 0, width: 'min(560px, 92vw)', height: '100vh' };
    }
    s.frame.show(box);
  }

  private onFrameEvent(surface: FrameSurface, event: FromFrame): void {
    const { actions } = this;
    const s = this.surfaces.get(surface)!;
    switch (event.type) {
      case 'size':
        if (surface === 'panel') return;
        if (s.size?.width === event.width && s.size.height === event.height) return;
        s.size = { width: event.width, height: event.height };
        this.place(surface);
        return;
      case 'open-reader':
        actions.openReader(event.articleId, event.passageId);
        return;
      case 'open-line':
        if (surface === 'panel') actions.openLine(event.passageId);
        return;
      case 'open-term':
        if (surface === 'card') actions.openTerm(event.termId);
        return;
      case 'open-term-articles':
        if (surface === 'card') actions.openTermArticles(event.termId, event.period);
        return;
      case 'close':
        if (surface === 'banner') actions.dismissBanner();
        else if (surface === 'card') actions.closeCard();
        else actions.closePanel();
        return;
      case 'keep':
        if (surface === 'card') actions.keepCard();
        return;
      case 'leave':
        if (surface === 'card') actions.leaveCard();
        return;
    }
  }
}

function cardView(card: NonNullable<UiState['card']>): FrameView {
  return {
    surface: 'card',
    termId: card.termId,
    card: card.data,
    ...(card.error ? { error: card.error } : {}),
    focus: card.focus,
  };
}
