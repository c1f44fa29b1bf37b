import type { PageState } from '../page-state';
import type { TermCard } from '../views';

/**
 * The in-page UI's frames: what shows the reader's own corpus (the banner's similar articles, the
 * glossary card's occurrences, the parallel passages) is rendered by an extension page,
 * `page-frame.html`, in an <iframe> the page script puts on the page. The page cannot read a
 * cross-origin frame, nor script it; what it can see is the frame element itself: its URL (which
 * carries only the surface's name and a random token), position and size.
 *
 * The corpus content travels over an extension port (tabs.connect from the frame to its tab; only
 * this extension's contexts can open one), never through the page's DOM or postMessage.
 */

/** The extension page every frame loads (web-accessible: the page embeds it). */
export const FRAME_PAGE = '/page-frame.html';

/** The three frames; each shows one thing. */
export type FrameSurface = 'banner' | 'card' | 'panel';
const SURFACES: ReadonlySet<string> = new Set<FrameSurface>(['banner', 'card', 'panel']);

/** The port's name prefix: a page script accepts only ports named with its own token. */
const PORT_PREFIX = 'wenmai-frame';
const RELAY_PREFIX = 'wenmai-relay:';

/**
 * Room around a banner or card inside its frame for the box's shadow, in CSS pixels: the frame is
 * this much larger than the box on every side (the page is not clickable in that thin band).
 */
export const FRAME_ROOM = 8;

type Parallels = PageState['parallels'];

/** What one frame shows; null for nothing (a hidden frame). */
export type FrameView =
  | { surface: 'banner'; similar: PageState['similar'] }
  | {
      surface: 'card';
      termId: string;
      card: TermCard | null;
      error?: string;
      /** Focus the card: it opened from a click or a keyboard command. */
      focus: boolean;
    }
  | {
      surface: 'panel';
      passage: { index: number; text: string };
      matches: Parallels[number]['matches'];
      titles: Record<string, string>;
    };

/** The page script's one message to a frame: show this (or nothing). */
export interface ToFrame {
  type: 'view';
  view: FrameView | null;
}

/** What a frame tells the page script: its content's size, and what the reader did in it. */
export type FromFrame =
  /** The box's size, FRAME_ROOM included (banner and card; the panel's size is the page script's). */
  | { type: 'size'; width: number; height: number }
  | { type: 'open-reader'; articleId: string; passageId?: string }
  | { type: 'open-line'; passageId: string }
  | { type: 'open-term'; termId: string }
  /** A term's corpus articles (of one year or month: a bar of its timeline), in the reader. */
  | { type: 'open-term-articles'; termId: string; period?: string }
  /** The reader closed it: × or Escape on the card or panel, × on the banner. */
  | { type: 'close' }
  /** The pointer entered (keep) or left (leave) the card. */
  | { type: 'keep' }
  | { type: 'leave' };

/** The location hash of a frame: its surface and the page script's token. */
export function frameHash(surface: FrameSurface, token: string): string {
  return `#${surface}.${token}`;
}

/** A frame's surface and port name, from its location hash; null for anything else. */
export function parseFrameHash(hash: string): { surface: FrameSurface; portName: string } | null {
  const match = /^#([a-z]+)\.([0-9a-f]{32})$/.exec(hash);
  if (!match || !SURFACES.has(match[1]!)) return null;
  const surface = match[1] as FrameSurface;
  return { surface, portName: portName(surface, match[2]!) };
}

/** The name of a frame's port. */
export function portName(surface: FrameSurface, token: string): string {
  return `${PORT_PREFIX}.${surface}.${token}`;
}

/**
 * A port a frame opens to the background, to be relayed to its page script: Firefox gives
 * extension frames in web pages no tabs API, so they cannot connect to the page themselves.
 */
export function relayName(portName: string): string {
  return `${RELAY_PREFIX}${portName}`;
}

/** The page script's port name a relayed port carries; null for any other port. */
export function parseRelayName(name: string): string | null {
  if (!name.startsWith(RELAY_PREFIX)) return null;
  const inner = name.slice(RELAY_PREFIX.length);
  return /^wenmai-frame\.(banner|card|panel)\.[0-9a-f]{32}$/.test(inner) ? inner : null;
}

/** Whether a URL is Wenmai's frame page, on whichever extension origin (and with any hash). */
export function isFramePage(url: string | undefined, origin: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    // Chromium may serve a web-accessible page on a per-session host: the same scheme.
    return parsed.pathname === FRAME_PAGE && parsed.protocol === new URL(origin).protocol;
  } catch {
    return false;
  }
}

/** A random token for one page script's frames (32 hex digits). */
export function newFrameToken(random: (bytes: Uint8Array) => Uint8Array): string {
  return [...random(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const MAX_ID = 200;
const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
const isPeriod = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}(?:-\d{2})?$/.test(value);
const isSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100_000;

/** Validates a frame's message (checked by hand: the page scripts carry no schema library). */
export function parseFromFrame(message: unknown): FromFrame | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'size':
      return keys === 'height,type,width' && isSize(m.width) && isSize(m.height)
        ? { type: 'size', width: m.width, height: m.height }
        : null;
    case 'open-reader':
      if (keys === 'articleId,type' && isId(m.articleId))
        return { type: 'open-reader', articleId: m.articleId };
      return keys === 'articleId,passageId,type' && isId(m.articleId) && isId(m.passageId)
        ? { type: 'open-reader', articleId: m.articleId, passageId: m.passageId }
        : null;
    case 'open-line':
      return keys === 'passageId,type' && isId(m.passageId)
        ? { type: 'open-line', passageId: m.passageId }
        : null;
    case 'open-term':
      return keys === 'termId,type' && isId(m.termId)
        ? { type: 'open-term', termId: m.termId }
        : null;
    case 'open-term-articles':
      if (keys === 'termId,type' && isId(m.termId))
        return { type: 'open-term-articles', termId: m.termId };
      return keys === 'period,termId,type' && isId(m.termId) && isPeriod(m.period)
        ? { type: 'open-term-articles', termId: m.termId, period: m.period }
        : null;
    case 'close':
    case 'keep':
    case 'leave':
      return keys === 'type' ? { type: m.type } : null;
    default:
      return null;
  }
}
