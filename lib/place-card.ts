/** Where a card goes: beside an anchor (a term's box), inside the viewport. */
export interface CardAnchor {
  left: number;
  /** The anchor's top and bottom edges, in viewport coordinates. */
  top: number;
  bottom: number;
}

export interface CardPlacement {
  left: number;
  top: number;
  /** The card scrolls inside this height when the room left is less than its own. */
  maxHeight: number;
}

/** The card's width (entrypoints/page-ui/style.css, .wm-card). */
export const CARD_WIDTH = 360;
const GAP = 6;
const MARGIN = 8;

/**
 * Below the anchor when the card fits there, above it when it fits there instead, otherwise on
 * the side with more room, scrolling inside: never cut off by the window's edge.
 */
export function placeCard(
  anchor: CardAnchor,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
): CardPlacement {
  const below = viewport.height - anchor.bottom - GAP - MARGIN;
  const above = anchor.top - GAP - MARGIN;
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - card.width - MARGIN));
  if (card.height <= below || below >= above)
    return { left, top: anchor.bottom + GAP, maxHeight: Math.max(below, 0) };
  const height = Math.min(card.height, above);
  return { left, top: anchor.top - GAP - height, maxHeight: above };
}
