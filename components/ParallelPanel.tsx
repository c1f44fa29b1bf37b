import { useEffect, useRef } from 'react';
import { percent } from '../lib/format';
import type { PageState } from '../lib/page-state';
import { ArticleByline } from './ArticleByline';
import { DiffView, type DiffLabels } from './DiffView';

export interface ParallelPanelProps {
  passage: { index: number; text: string };
  matches: PageState['parallels'][number]['matches'];
  titles: Record<string, string>;
  t: (key: string, substitutions?: string[]) => string;
  onOpen: (articleId: string, passageId: string) => void;
  /** Opens the policy line of a corpus passage: every parallel of it in the corpus. */
  onOpenLine: (passageId: string) => void;
  onClose: () => void;
}

/** The corpus passages that parallel one page passage, best first, each side by side with the differences marked. */
export function ParallelPanel({
  passage,
  matches,
  titles,
  t,
  onOpen,
  onOpenLine,
  onClose,
}: ParallelPanelProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
    // In a frame the page script focuses when it is ready: the panel takes the focus then.
    const focus = () => ref.current?.focus();
    window.addEventListener('focus', focus, { once: true });
    return () => window.removeEventListener('focus', focus);
  }, [passage.index]);
  const labels: DiffLabels = {
    shared: t('diffShared'),
    changed: t('diffChanged'),
    share: (share) => t('diffSharedShare', [share]),
  };
  return (
    <section
      className="wm-panel"
      role="dialog"
      aria-label={t('parallelsTitle')}
      tabIndex={-1}
      ref={ref}
      data-testid="wenmai-parallels"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="wm-panel-head">
        <strong>{t('parallelsTitle')}</strong>
        <button
          type="button"
          className="wm-icon"
          aria-label={t('close')}
          title={t('close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {matches.length === 0 && <p className="wm-muted">{t('parallelsNone')}</p>}
      {matches.map((m) => {
        const title = m.title || titles[m.articleId] || m.source;
        return (
          <article className="wm-parallel" key={m.passageId} data-testid="parallel-match">
            <div className="wm-parallel-meta">
              <span className="wm-badge" title={t('parallelScore', [percent(m.score)])}>
                {percent(m.score)}
              </span>{' '}
              <span lang="zh">{title}</span> <ArticleByline meta={m} unknown={t('undated')} />{' '}
              <button
                type="button"
                className="wm-link"
                onClick={() => onOpen(m.articleId, m.passageId)}
              >
                {t('openInReader')}
              </button>{' '}
              <button
                type="button"
                className="wm-link"
                onClick={() => onOpenLine(m.passageId)}
                data-testid="open-line"
              >
                {t('lineOpen')}
              </button>
            </div>
            <DiffView
              left={{ label: t('thisPage'), text: passage.text }}
              right={{ label: title, text: m.text }}
              labels={labels}
            />
          </article>
        );
      })}
    </section>
  );
}
