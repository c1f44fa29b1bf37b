import { describe, expect, it } from 'vitest';
import { placeCard } from '../../lib/place-card';

const viewport = { width: 1280, height: 900 };
const card = { width: 360, height: 300 };

describe('placeCard', () => {
  it('goes below a term when it fits there', () => {
    expect(placeCard({ left: 100, top: 200, bottom: 220 }, card, viewport)).toEqual({
      left: 100,
      top: 226,
      maxHeight: 666,
    });
  });

  it('flips above a term near the bottom edge, whole and inside the window', () => {
    const placed = placeCard({ left: 100, top: 820, bottom: 840 }, card, viewport);
    expect(placed.top).toBe(820 - 6 - 300);
    expect(placed.top + card.height).toBeLessThanOrEqual(820);
  });

  it('takes the side with more room and scrolls inside when it fits on neither', () => {
    const tall = { width: 360, height: 2000 };
    const placed = placeCard({ left: 100, top: 600, bottom: 620 }, tall, viewport);
    expect(placed).toEqual({ left: 100, top: 8, maxHeight: 586 });
  });

  it('stays inside the right edge', () => {
    expect(placeCard({ left: 1200, top: 100, bottom: 120 }, card, viewport).left).toBe(912);
  });
});
