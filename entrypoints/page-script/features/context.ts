import type { HighlightPainter } from '../../../lib/dom/highlight-terms';
import type { AskBackground } from '../../../lib/messaging/client';
import type { UiStore } from '../../../lib/page-ui-store';
import type { ScriptLifetime } from '../../../lib/script-lifetime';

export type PageWindow = Window & typeof globalThis;

/** What every feature of the page script works with: passed in, so each can be tested alone. */
export interface PageContext {
  /** Ends when the extension goes away (an update, a removal): listeners take its signal. */
  readonly lifetime: ScriptLifetime;
  readonly doc: Document;
  readonly win: PageWindow;
  /** What the in-page UI shows. */
  readonly store: UiStore;
  readonly askBackground: AskBackground;
  /** The highlights this page script registered (it clears only its own). */
  readonly painter: HighlightPainter;
}

/** One job of the page script, with everything it started ended by stop(). */
export interface Feature {
  stop(): void;
}
