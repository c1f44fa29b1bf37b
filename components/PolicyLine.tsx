import { percent, readerUrl } from '../lib/format';
import { diffPassages } from '../lib/match/diff-text';
import { MAX_LINE_PASSAGES, type PolicyLineView } from '../lib/views';
import { ArticleByline } from './ArticleByline';
import { diffLabels } from './ComparePassages';
import { useT } from './i18n';

/**
 * One policy line across the corpus: a passage, then every passage of other articles that reuses
 * or adapts it, grouped by article, oldest first, each with the wording it shares marked — how
 * each province or outlet words the same line.
 */
export function PolicyLine({ line }: { line: PolicyLineView }) {
  const t = useT();
  const labels = diffLabels(t);
  const { anchor, articles } = line;
  const passages = articles.reduce((sum, a) => sum + a.passages.length, 0);
  return (
    <article className="wm-line" data-testid="policy-line">
      <h1>{t('lineTitle')}</h1>
      <p className="wm-muted">{t('lineIntro')}</p>
      <section className="wm-line-anchor" data-testid="line-anchor">
        <h2>
          {t('lineAnchor')}:{' '}
          <a href={readerUrl({ article: anchor.articleId, passage: anchor.passageId })} lang="zh">
            {anchor.title || anchor.source}
          </a>{' '}
          <ArticleByline meta={anchor} unknown={t('undated')} />
        </h2>
        <p lang="zh">{anchor.text}</p>
      </section>
      {articles.length === 0 ? (
        <p data-testid="line-none">{t('lineNone')}</p>
      ) : (
        <>
          <p className="wm-diff-legend" data-testid="line-count">
            <span>{t('lineCount', [String(passages), String(articles.length)])}</span>
            <mark className="wm-line-shared">{labels.shared}</mark>
          </p>
          {line.truncated && <p>{t('lineTruncated', [String(MAX_LINE_PASSAGES)])}</p>}
        </>
      )}
      <ol className="wm-line-articles">
        {articles.map((article) => (
          <li key={article.articleId} data-testid="line-article">
            <h3>
              <a href={readerUrl({ article: article.articleId })} lang="zh">
                {article.title || article.source}
              </a>{' '}
              <ArticleByline meta={article} unknown={t('undated')} />
            </h3>
            {article.passages.map((passage) => (
              <div className="wm-line-passage" key={passage.passageId} data-testid="line-passage">
                <p lang="zh">
                  <span className="wm-badge" title={t('parallelScore', [percent(passage.score)])}>
                    {percent(passage.score)}
                  </span>{' '}
                  {/* What it shares with the passage is marked: in a long adapted paragraph the
                      shared wording is the news, the rest is its own. */}
                  {diffPassages(anchor.text, passage.text).b.map((segment, k) =>
                    segment.changed ? (
                      <span key={k}>{segment.text}</span>
                    ) : (
                      <mark className="wm-line-shared" key={k}>
                        {segment.text}
                      </mark>
                    ),
                  )}
                </p>
                <p className="wm-line-actions">
                  <a
                    href={readerUrl({ compare: [anchor.passageId, passage.passageId] })}
                    data-testid="line-compare"
                  >
                    {t('lineSideBySide')}
                  </a>{' '}
                  <a href={readerUrl({ article: article.articleId, passage: passage.passageId })}>
                    {t('openInReader')}
                  </a>
                </p>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </article>
  );
}
