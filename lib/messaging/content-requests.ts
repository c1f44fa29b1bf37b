import type { PageState } from '../page-state';

/**
 * Commands the page script answers, from the extension only; each answers a PageState (or, for
 * article-text, the article). Checked by hand rather than with zod: the page script stays small
 * and starts fast, and these shapes are few and flat. lib/messaging/messages.ts holds the zod twin used by
 * the background.
 */
export type ContentRequest =
  /**
   * The page's state. `now`: answer at once with what is known, marked `pending` (the popup asks
   * so and asks again); otherwise after the analysis and the term scan under way. `parallelsFrom`:
   * the page of parallels from that index (PARALLELS_PER_REPLY at a time).
   */
  | { type: 'wenmai/page-state'; now?: boolean; parallelsFrom?: number }
  | { type: 'wenmai/set-script'; script: 'original' | 'simplified' | 'traditional' }
  | { type: 'wenmai/set-highlights'; enabled: boolean }
  /** Opens the glossary card for a selection (context menu). */
  | { type: 'wenmai/lookup'; text: string }
  /** Opens the parallel-passage view for a selection (context menu). */
  | { type: 'wenmai/find-parallels'; text: string }
  /** The page's main article as text (popup: "Add this article to my corpus"). */
  | { type: 'wenmai/article-text' }
  /** Scrolls to a term's next or previous occurrence on the page and marks it (popup). */
  | { type: 'wenmai/show-term'; termId: string; direction: 'next' | 'previous' }
  /** Keyboard commands. */
  | { type: 'wenmai/cycle-script' }
  | { type: 'wenmai/toggle-highlights' };

export type ContentType = ContentRequest['type'];

/** The commands that answer the page's state (all but article-text). */
export type StateCommand = Exclude<ContentRequest, { type: 'wenmai/article-text' }>;

/** The page's main article as text, for "Add this article to my corpus". */
export interface ArticleText {
  url: string;
  title: string;
  text: string;
}

/** What Wenmai in a page answers to each command. */
export type ContentResponses = {
  [K in ContentType]: K extends 'wenmai/article-text' ? ArticleText | null : PageState;
};

export const MAX_LOOKUP_CHARS = 200;
export const MAX_SELECTION_CHARS = 20_000;
export const MAX_TERM_ID_CHARS = 200;
/** Far beyond any page's parallels (analysis lists at most 400): only a bound for the check. */
export const MAX_PARALLELS_FROM = 100_000;

const SCRIPTS = new Set(['original', 'simplified', 'traditional']);

/** Validates a page-script command; null for anything malformed, unknown or with extra fields. */
export function parseContentRequest(message: unknown): ContentRequest | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'wenmai/page-state': {
      const { now, parallelsFrom } = m;
      if (!/^(now,)?(parallelsFrom,)?type$/.test(keys)) return null;
      if (now !== undefined && typeof now !== 'boolean') return null;
      if (
        parallelsFrom !== undefined &&
        !(
          typeof parallelsFrom === 'number' &&
          Number.isInteger(parallelsFrom) &&
          parallelsFrom >= 0 &&
          parallelsFrom <= MAX_PARALLELS_FROM
        )
      )
        return null;
      return {
        type: m.type,
        ...(now !== undefined ? { now } : {}),
        ...(parallelsFrom !== undefined ? { parallelsFrom } : {}),
      };
    }
    case 'wenmai/article-text':
    case 'wenmai/cycle-script':
    case 'wenmai/toggle-highlights':
      return keys === 'type' ? { type: m.type } : null;
    case 'wenmai/set-script':
      return keys === 'script,type' && typeof m.script === 'string' && SCRIPTS.has(m.script)
        ? { type: m.type, script: m.script as 'original' | 'simplified' | 'traditional' }
        : null;
    case 'wenmai/set-highlights':
      return keys === 'enabled,type' && typeof m.enabled === 'boolean'
        ? { type: m.type, enabled: m.enabled }
        : null;
    case 'wenmai/show-term':
      return keys === 'direction,termId,type' &&
        typeof m.termId === 'string' &&
        m.termId.length > 0 &&
        m.termId.length <= MAX_TERM_ID_CHARS &&
        (m.direction === 'next' || m.direction === 'previous')
        ? { type: m.type, termId: m.termId, direction: m.direction }
        : null;
    case 'wenmai/lookup':
    case 'wenmai/find-parallels': {
      const limit = m.type === 'wenmai/lookup' ? MAX_LOOKUP_CHARS : MAX_SELECTION_CHARS;
      return keys === 'text,type' && typeof m.text === 'string' && m.text.length <= limit
        ? { type: m.type, text: m.text }
        : null;
    }
    default:
      return null;
  }
}
