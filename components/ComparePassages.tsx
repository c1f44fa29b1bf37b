import type { PassageView } from '../lib/views';
import { ArticleByline } from './ArticleByline';
import { DiffView } from './DiffView';
import { useT, type Translate } from './i18n';
import { readerUrl } from '../lib/format';

/** The legend of a side-by-side view, in the reader's UI language. */
export const diffLabels = (t: Translate) => ({
  shared: t('diffShared'),
  changed: t('diffChanged'),
  share: (share: string) => t('diffSharedShare', [share]),
});

/** Two passages side by side, what differs marked, each with a way back to its article. */
export function ComparePassages({ a, b }: { a: PassageView; b: PassageView }) {
  const t = useT();
  return (
    <article className="wm-compare" data-testid="compare-view">
      <h1>{t('compareTitle')}</h1>
      <div className="wm-compare-heads">
        {[a, b].map((p) => (
          <div key={p.passageId} className="wm-compare-head">
            <a
              href={readerUrl({ article: p.articleId, passage: p.passageId })}
              lang="zh"
              data-testid="compare-article-link"
            >
              {p.title || p.source}
            </a>{' '}
            <ArticleByline meta={p} />{' '}
            <a href={readerUrl({ line: p.passageId })} data-testid="compare-line-link">
              {t('lineOpen')}
            </a>
          </div>
        ))}
      </div>
      <DiffView
        left={{ label: a.title || a.source, text: a.text }}
        right={{ label: b.title || b.source, text: b.text }}
        labels={diffLabels(t)}
      />
    </article>
  );
}
