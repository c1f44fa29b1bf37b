import { diffPassages } from '../lib/match/diff-text';

export interface DiffViewProps {
  left: { label: string; text: string };
  right: { label: string; text: string };
}

/** Two passages side by side; what differs between them (place names, numbers, rewording) is marked. */
export function DiffView({ left, right }: DiffViewProps) {
  const diff = diffPassages(left.text, right.text);
  return (
    <div className="wm-diff" role="group">
      {[
        { side: left, segments: diff.a },
        { side: right, segments: diff.b },
      ].map(({ side, segments }, i) => (
        <div className="wm-diff-side" key={i}>
          <div className="wm-diff-label">{side.label}</div>
          <p className="wm-diff-text" lang="zh">
            {segments.map((segment, k) =>
              segment.changed ? (
                <mark className="wm-diff-changed" key={k}>
                  {segment.text}
                </mark>
              ) : (
                <span key={k}>{segment.text}</span>
              ),
            )}
          </p>
        </div>
      ))}
    </div>
  );
}

/** Styles for DiffView, for pages and shadow roots alike. */
export const DIFF_CSS = `
.wm-diff { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.wm-diff-label { font: 600 12px/1.4 system-ui, sans-serif; color: #555; margin-bottom: 4px; }
.wm-diff-text { margin: 0; font: 15px/1.8 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; }
.wm-diff-changed { background: #ffe08a; color: inherit; border-radius: 2px; }
`;
