import { useEffect, useRef } from 'react';
import type { PageState } from '../lib/page-state';
import { DiffView } from './DiffView';

export interface ParallelPanelProps {
  passage: { index: number; text: string };
  matches: PageState['parallels'][number]['matches'];
  titles: Record<string, string>;
  t: (key: string) => string;
  onOpen: (articleId: string, passageId: string) => void;
  onClose: () => void;
}

/** The corpus passages that parallel one page passage, best first, each side by side with the differences marked. */
export function ParallelPanel({
  passage,
  matches,
  titles,
  t,
  onOpen,
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
      {matches.map((m) => (
        <article className="wm-parallel" key={m.passageId} data-testid="parallel-match">
          <div className="wm-parallel-meta">
            <span className="wm-badge">{Math.round(m.score * 100)}%</span>{' '}
            <span>{titles[m.articleId] ?? m.source}</span>{' '}
            <button
              type="button"
              className="wm-link"
              onClick={() => onOpen(m.articleId, m.passageId)}
            >
              {t('openInReader')}
            </button>
          </div>
          <DiffView
            left={{ label: t('thisPage'), text: passage.text }}
            right={{ label: titles[m.articleId] ?? m.source, text: m.text }}
          />
        </article>
      ))}
    </section>
  );
}
