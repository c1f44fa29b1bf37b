import type { TermHit } from '../lib/match/match-terms';

export interface Segment {
  text: string;
  /** Set when the segment is (part of) a term hit. */
  termId?: string;
}

/** Term hits sorted by start, with the longest hit's length (to find a range's first hit fast). */
export interface HitIndex {
  hits: TermHit[];
  maxLength: number;
}

export function indexHits(hits: readonly TermHit[]): HitIndex {
  const sorted = hits
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  return { hits: sorted, maxLength: sorted.reduce((max, h) => Math.max(max, h.end - h.start), 0) };
}

/**
 * The text of [start, end) as plain and term segments. Hits are clipped to the range, and a hit
 * overlapping an earlier one keeps only its part after it, so no character is shown twice.
 */
export function segmentRange(text: string, start: number, end: number, index: HitIndex): Segment[] {
  const { hits } = index;
  // First hit that can reach into the range: binary search on start - maxLength.
  let lo = 0;
  let hi = hits.length;
  const from = start - index.maxLength;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const segments: Segment[] = [];
  let cursor = start;
  for (let i = lo; i < hits.length; i++) {
    const hit = hits[i]!;
    if (hit.start >= end) break;
    if (hit.end <= cursor) continue;
    const s = Math.max(hit.start, cursor);
    const e = Math.min(hit.end, end);
    if (s > cursor) segments.push({ text: text.slice(cursor, s) });
    segments.push({ text: text.slice(s, e), termId: hit.termId });
    cursor = e;
  }
  if (cursor < end) segments.push({ text: text.slice(cursor, end) });
  return segments;
}
