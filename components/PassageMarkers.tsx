import type { PassageMarker } from '../lib/page-ui-store';

export interface PassageMarkersProps {
  markers: PassageMarker[];
  label: string;
  onOpen: (passage: number) => void;
}

/** Unobtrusive "⇄ N" markers beside passages that have parallels in the corpus. */
export function PassageMarkers({ markers, label, onOpen }: PassageMarkersProps) {
  return (
    <>
      {markers.map((m) => (
        <button
          type="button"
          key={m.passage}
          className="wm-marker"
          style={{ top: `${m.top}px`, left: `${Math.max(0, m.left - 34)}px` }}
          title={`${label} (${m.count})`}
          aria-label={`${label} (${m.count})`}
          data-testid="passage-marker"
          data-passage={m.passage}
          onClick={(event) => {
            // The reader's click or key only (a page cannot reach this closed root to forge one,
            // and would open only a frame it cannot read; still, nothing forged opens it).
            if (event.isTrusted) onOpen(m.passage);
          }}
        >
          ⇄{m.count}
        </button>
      ))}
    </>
  );
}
