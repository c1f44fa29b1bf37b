import type { CardAnchor } from './place-card';
import type { TermCard } from './views';
import type { PageState } from './page-state';

/** A passage marker: a passage with parallels, where it starts on the page. */
export interface PassageMarker {
  passage: number;
  count: number;
  /** Document coordinates of the passage's first line. */
  top: number;
  left: number;
}

/** What the in-page UI can ask the page script to do. */
export interface PageUiActions {
  t: (key: string) => string;
  openReader: (articleId: string, passageId?: string) => void;
  /** Opens a corpus passage's policy line (every parallel of it in the corpus) in the reader. */
  openLine: (passageId: string) => void;
  openTerm: (termId: string) => void;
  /** The term's corpus articles in the reader (of one year or month). */
  openTermArticles: (termId: string, period?: string) => void;
  openPanel: (passage: number) => void;
  closeCard: () => void;
  closePanel: () => void;
  dismissBanner: () => void;
  keepCard: () => void;
  leaveCard: () => void;
}

/** Everything the in-page UI shows; the controller writes it, React reads it. */
export interface UiState {
  similar: PageState['similar'];
  bannerDismissed: boolean;
  card: {
    termId: string;
    /** The term's box (or where a card without one goes): the card is placed beside it. */
    anchor: CardAnchor;
    data: TermCard | null;
    error?: string;
    pinned: boolean;
    focus: boolean;
  } | null;
  panel: { index: number; text: string; matches: PageState['parallels'][number]['matches'] } | null;
  markers: PassageMarker[];
  titles: Record<string, string>;
  /**
   * A short note of what a keyboard command did (the new script, highlights on or off): a UI
   * message key, shown for a moment. `at` tells two identical notes in a row apart.
   */
  toast: { message: ToastMessage; at: number } | null;
}

export type ToastMessage =
  | 'scriptOriginal'
  | 'scriptSimplified'
  | 'scriptTraditional'
  | 'toastHighlightsOn'
  | 'toastHighlightsOff';

export const INITIAL_UI: UiState = {
  similar: [],
  bannerDismissed: false,
  card: null,
  panel: null,
  markers: [],
  titles: {},
  toast: null,
};

/** A tiny external store for useSyncExternalStore. */
export class UiStore {
  private state: UiState = INITIAL_UI;
  private readonly listeners = new Set<() => void>();

  /**
   * @param live false once Wenmai's extension is gone (an update, a removal): from then on nothing
   *   renders, since rendering calls extension APIs that throw in a script cut off from it.
   */
  constructor(private readonly live: () => boolean = () => true) {}

  get = (): UiState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(patch: Partial<UiState>): void {
    if (!this.live()) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
