import type { TermTimeline as Timeline } from '../lib/views';
import type { MessageKey } from './i18n';
import './term-timeline.css';

export interface TermTimelineProps {
  timeline: Timeline;
  /** The term as the reader reads it (the chart's accessible name). */
  headword: string;
  t: (key: MessageKey, substitutions?: string | string[]) => string;
  /** Shows the articles of one year or month (a bar), or all of them (no period). */
  onOpenPeriod?: (period?: string) => void;
}

const WIDTH = 320;
const HEIGHT = 56;
/** Room above the bars for their counts, below for nothing: labels are HTML under the chart. */
const TOP = 12;
const GAP = 2;

/**
 * How many corpus articles hold a term, by year or month: an inline SVG bar chart (React elements,
 * no markup from strings), each bar a button to its articles, with the first and last period and
 * the undated count under it.
 */
export function TermTimeline({ timeline, headword, t, onOpenPeriod }: TermTimelineProps) {
  const { periods, undated, total } = timeline;
  if (total === 0)
    return (
      <p className="wm-muted" data-testid="timeline-none">
        {t('timelineNone')}
      </p>
    );
  const most = Math.max(1, ...periods.map((p) => p.articles));
  const slot = periods.length > 0 ? WIDTH / periods.length : WIDTH;
  const barWidth = Math.max(2, Math.min(40, slot - GAP));
  // Counts over the bars while they fit.
  const labelled = slot >= 14;
  return (
    <div className="wm-timeline" data-testid="term-timeline" data-unit={timeline.unit}>
      <div className="wm-timeline-summary">
        {onOpenPeriod ? (
          <button
            type="button"
            className="wm-link"
            data-testid="timeline-all"
            onClick={() => onOpenPeriod()}
          >
            {t('timelineSummary', String(total))}
          </button>
        ) : (
          <span>{t('timelineSummary', String(total))}</span>
        )}
        {undated > 0 && (
          <span className="wm-muted" data-testid="timeline-undated">
            {' · '}
            {t('timelineUndated', String(undated))}
          </span>
        )}
      </div>
      {periods.length > 0 && (
        <>
          <svg
            className="wm-timeline-chart"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            width="100%"
            height={HEIGHT}
            role="group"
            aria-label={t('timelineChart', headword)}
          >
            {periods.map((p, i) => {
              const height =
                p.articles === 0 ? 0 : Math.max(2, ((HEIGHT - TOP) * p.articles) / most);
              const x = i * slot + (slot - barWidth) / 2;
              const label = t('timelineBar', [p.period, String(p.articles)]);
              const open =
                p.articles > 0 && onOpenPeriod ? () => onOpenPeriod(p.period) : undefined;
              return (
                <g
                  key={p.period}
                  data-testid="timeline-bar"
                  data-period={p.period}
                  data-articles={p.articles}
                  {...(open
                    ? {
                        role: 'button',
                        // SVG attributes are case-sensitive: focusable by `tabindex`, not `tabIndex`.
                        ...({ tabindex: 0 } as object),
                        'aria-label': label,
                        className: 'wm-timeline-bar wm-clickable',
                        onClick: open,
                        onKeyDown: (event: { key: string; preventDefault: () => void }) => {
                          if (event.key !== 'Enter' && event.key !== ' ') return;
                          event.preventDefault();
                          open();
                        },
                      }
                    : { className: 'wm-timeline-bar' })}
                >
                  <title>{label}</title>
                  {/* The whole column takes the click: a bar of one article is thin. */}
                  <rect x={i * slot} y={0} width={slot} height={HEIGHT} fill="transparent" />
                  <rect
                    className="wm-timeline-fill"
                    x={x}
                    y={HEIGHT - height}
                    width={barWidth}
                    height={height}
                    rx={1}
                  />
                  {labelled && p.articles > 0 && (
                    <text
                      x={x + barWidth / 2}
                      y={HEIGHT - height - 2}
                      textAnchor="middle"
                      className="wm-timeline-count"
                    >
                      {p.articles}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          <div className="wm-timeline-axis">
            <span>{periods[0]!.period}</span>
            {periods.length > 1 && <span>{periods[periods.length - 1]!.period}</span>}
          </div>
        </>
      )}
    </div>
  );
}
