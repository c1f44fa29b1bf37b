import type { PageState } from '../lib/page-state';
import { useT, useUiLocale } from './i18n';
import { useWritten } from './written';
import { readingScript, scriptLang } from '../lib/reading-script';
import { LANG_LABELS } from './labels';
import { percent, readerUrl } from '../lib/format';
import { RelationBadge } from './RelationBadge';

export interface PageSummaryProps {
  state: PageState;
  onOpenArticle: (articleId: string) => void;
  /** Scrolls the page to a term's next or previous occurrence. */
  onShowTerm: (termId: string, direction: 'next' | 'previous') => void;
}

/** The buttons beside each term: to its previous and next occurrence on the page. */
const STEPS = [
  { direction: 'previous', label: 'previousOccurrence', mark: '‹' },
  { direction: 'next', label: 'nextOccurrence', mark: '›' },
] as const;

/** What Wenmai found on the page: language, article, similar articles and terms. */
export function PageSummary({ state, onOpenArticle, onShowTerm }: PageSummaryProps) {
  const t = useT();
  // Every term on the page, most frequent first (PageState lists them so).
  const terms = state.terms;
  // Titles and headwords in the script the reader sees the page in (or reads, with the zh-TW UI).
  const script = readingScript(state, useUiLocale());
  const write = useWritten(
    [
      state.article?.title ?? '',
      ...state.similar.map((s) => s.title),
      ...terms.map((term) => term.headword),
    ],
    script,
  );
  const lang = scriptLang(script);
  return (
    <>
      {state.pending?.length ? (
        <p className="wm-muted" data-testid="page-pending" role="status">
          {t('stillReading')}
        </p>
      ) : null}
      <dl className="wm-facts">
        <dt>{t('language')}</dt>
        <dd data-testid="page-lang" data-lang={state.lang}>
          {t(LANG_LABELS[state.lang])}
        </dd>
      </dl>
      {state.article ? (
        <h1 className="wm-page-title" data-testid="page-title" lang={lang}>
          {write(state.article.title) || t('untitled')}
        </h1>
      ) : state.pending?.includes('analysis') ? null : (
        <p className="wm-muted" data-testid="page-title">
          {t('notChinese')}
        </p>
      )}

      {state.article && (
        <section>
          <h2>{t('similarArticles')}</h2>
          {state.similar.length === 0 ? (
            <p className="wm-muted">{t('noSimilar')}</p>
          ) : (
            <ul className="wm-similar" data-testid="similar-list">
              {state.similar.map((item) => (
                <li
                  key={item.articleId}
                  data-testid="similar-item"
                  data-article-id={item.articleId}
                >
                  <RelationBadge relation={item.relation} />
                  <span className="wm-score">{percent(item.score)}</span>
                  <a
                    href={readerUrl({ article: item.articleId })}
                    lang={lang}
                    title={[item.outlet, item.place, item.date].filter(Boolean).join(' · ')}
                    onClick={(event) => {
                      event.preventDefault();
                      onOpenArticle(item.articleId);
                    }}
                  >
                    {write(item.title) || item.source}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {terms.length > 0 && (
        <section>
          <h2>{t('termsOnPage', String(terms.length))}</h2>
          <ul className="wm-terms" data-testid="term-list">
            {terms.map((term) => (
              <li key={term.termId} data-term-id={term.termId}>
                <button
                  type="button"
                  className="wm-term-jump"
                  title={t('nextOccurrence')}
                  onClick={() => onShowTerm(term.termId, 'next')}
                >
                  <span lang={lang} data-testid="term-headword">
                    {write(term.headword)}
                  </span>
                  <span className="wm-count">×{term.count}</span>
                </button>
                {STEPS.map(({ direction, label, mark }) => (
                  <button
                    key={direction}
                    type="button"
                    className="wm-icon"
                    aria-label={t(label)}
                    title={t(label)}
                    data-testid={`term-${direction}`}
                    onClick={() => onShowTerm(term.termId, direction)}
                  >
                    {mark}
                  </button>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
