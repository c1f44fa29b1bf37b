import { diffPassages, type DiffSegment } from '../lib/match/diff-text';
import { percent } from '../lib/format';

/** The words of a comparison's legend, in the reader's UI language. */
export interface DiffLabels {
  shared: string;
  changed: string;
  /** "64% shared", for one side. */
  share: (percent: string) => string;
}

export interface DiffViewProps {
  left: { label: string; text: string };
  right: { label: string; text: string };
  labels: DiffLabels;
  /** Shown first in the legend (e.g. the parallel's score), when given. */
  note?: string;
}

/** Share of a side's characters that the other side has too. */
function sharedShare(segments: readonly DiffSegment[]): number {
  let shared = 0;
  let all = 0;
  for (const s of segments) {
    all += s.text.length;
    if (!s.changed) shared += s.text.length;
  }
  return all === 0 ? 0 : shared / all;
}

/**
 * Two passages side by side: text both have is marked as shared, what one side changed (place
 * names, numbers, rewording) as changed, with a legend and how much of each side is shared.
 */
export function DiffView({ left, right, labels, note }: DiffViewProps) {
  const diff = diffPassages(left.text, right.text);
  return (
    <div className="wm-diff-view">
      <p className="wm-diff-legend" data-testid="diff-legend">
        {note && <span className="wm-diff-note">{note}</span>}
        <span className="wm-diff-shared">{labels.shared}</span>
        <mark className="wm-diff-changed">{labels.changed}</mark>
      </p>
      <div className="wm-diff" role="group">
        {[
          { side: left, segments: diff.a },
          { side: right, segments: diff.b },
        ].map(({ side, segments }, i) => (
          <div className="wm-diff-side" key={i}>
            <div className="wm-diff-label">
              {side.label}{' '}
              <span className="wm-diff-share" data-testid="diff-share">
                {labels.share(percent(sharedShare(segments)))}
              </span>
            </div>
            <p className="wm-diff-text" lang="zh">
              {segments.map((segment, k) =>
                segment.changed ? (
                  <mark className="wm-diff-changed" key={k}>
                    {segment.text}
                  </mark>
                ) : (
                  <span className="wm-diff-shared" key={k}>
                    {segment.text}
                  </span>
                ),
              )}
            </p>
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * Styles for DiffView, for pages and shadow roots alike. Shared text gets the colour: in a loose
 * adaptation most of each side is its own, and the shared wording is what a reader looks for.
 */
export const DIFF_CSS = `
.wm-diff { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.wm-diff-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 0 0 8px; font: 12px/1.6 system-ui, sans-serif; color: #444; }
.wm-diff-label { font: 600 12px/1.4 system-ui, sans-serif; color: #555; margin-bottom: 4px; }
.wm-diff-share { font-weight: 400; color: #666; }
.wm-diff-text { margin: 0; font: 15px/1.8 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; }
.wm-diff-shared { background: #cdeed6; border-radius: 2px; }
.wm-diff-changed { background: none; color: inherit; text-decoration: underline dotted 2px #c98a00; text-underline-offset: 5px; }
`;
