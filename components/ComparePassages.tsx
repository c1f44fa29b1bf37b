import type { PassageView } from '../lib/views';
import { DiffView } from './DiffView';
import { useT } from './i18n';
import { readerUrl } from '../lib/format';

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
            </a>
          </div>
        ))}
      </div>
      <DiffView
        left={{ label: a.source, text: a.text }}
        right={{ label: b.source, text: b.text }}
      />
    </article>
  );
}
