import { percent } from '../lib/format';
import type { PageState } from '../lib/page-state';

export interface BannerProps {
  similar: PageState['similar'];
  t: (key: string) => string;
  onOpen: (articleId: string) => void;
  onDismiss: () => void;
}

/** A small corner note: this page duplicates, reuses or relates to corpus articles. */
export function Banner({ similar, t, onOpen, onDismiss }: BannerProps) {
  const top = similar[0];
  if (!top) return null;
  const headline =
    top.relation === 'duplicate'
      ? t('bannerDuplicate')
      : top.relation === 'reuse'
        ? t('bannerReuse')
        : t('bannerRelated');
  const relationLabel = (r: string) => t(`relation${r[0]!.toUpperCase()}${r.slice(1)}`);
  return (
    <aside
      className={`wm-banner wm-${top.relation}`}
      data-testid="wenmai-banner"
      aria-live="polite"
    >
      <div className="wm-banner-head">
        <strong>文脉</strong> <span>{headline}</span>
        <button
          type="button"
          className="wm-icon"
          aria-label={t('dismiss')}
          title={t('dismiss')}
          onClick={onDismiss}
          data-testid="banner-dismiss"
        >
          ×
        </button>
      </div>
      <ul>
        {similar.slice(0, 3).map((s) => (
          <li key={s.articleId}>
            <span className={`wm-badge wm-${s.relation}`} data-relation={s.relation}>
              {relationLabel(s.relation)} {percent(s.score)}
            </span>{' '}
            <button
              type="button"
              className="wm-link"
              onClick={() => onOpen(s.articleId)}
              title={[s.outlet, s.place, s.date].filter(Boolean).join(' · ')}
            >
              {s.title || s.source}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
