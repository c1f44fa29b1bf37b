import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ArticleList, ArticleListQuery, ArticleSummary } from '../lib/views';
import { readerUrl, sourceLabel } from '../lib/format';
import { normaliseDate } from '../lib/match/term-timeline';
import { useT, useUiLocale } from './i18n';
import { readingScript, scriptLang } from '../lib/reading-script';
import { useWritten } from './written';
import { LANG_LABELS } from './labels';
import './corpus-list.css';

/** Rows asked for at a time as the reader scrolls. */
const WINDOW = 200;
const ROW_HEIGHT = 34;

export interface CorpusListProps {
  /** Asks the background for a window of the list. */
  fetchList: (query: ArticleListQuery) => Promise<ArticleList>;
  /** Changes when the corpus changed (an import, a deletion): the list is asked for again. */
  version?: number;
  /** More cells at the end of a row (the options page's Delete). */
  actions?: (article: ArticleSummary) => ReactNode;
  onError?: (error: unknown) => void;
  /** Fixed parts of every query (the corpus browser's term and period). */
  filter?: Pick<ArticleListQuery, 'term' | 'from' | 'to'>;
  /** Where a row's Open goes (the article; in the browser of a term, at the term). */
  articleHref?: (article: ArticleSummary) => string;
  /** The search as the reader types it (the corpus browser looks it up as a term). */
  onSearch?: (text: string) => void;
}

type Sort = NonNullable<ArticleListQuery['sort']>;

/**
 * The corpus as a searchable, filterable list of any length: only the rows on screen exist, and
 * they are asked for a window at a time (lib/match/article-catalog.ts answers in the background).
 */
export function CorpusList({
  fetchList,
  version = 0,
  actions,
  onError,
  filter,
  articleHref = (article) => readerUrl({ article: article.id }),
  onSearch,
}: CorpusListProps) {
  const t = useT();
  // Titles and places in the reader's script (the zh-CN/zh-TW UI); as written in English.
  const script = readingScript(null, useUiLocale());
  const lang = scriptLang(script);
  const [search, setSearch] = useState('');
  const [origin, setOrigin] = useState<'' | 'bundle' | 'user'>('');
  const [place, setPlace] = useState('');
  const [outlet, setOutlet] = useState('');
  const [year, setYear] = useState('');
  const [sort, setSort] = useState<Sort>('title');
  const [head, setHead] = useState<ArticleList | null>(null);
  const [rows, setRows] = useState<ReadonlyMap<number, ArticleSummary>>(new Map());
  const asked = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);

  const query = useMemo<ArticleListQuery>(
    () => ({
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(origin ? { origin } : {}),
      ...(place ? { place } : {}),
      ...(outlet ? { outlet } : {}),
      ...(year ? { from: year, to: year } : {}),
      ...filter,
      sort,
      descending: sort !== 'title',
    }),
    [search, origin, place, outlet, year, sort, filter],
  );

  // A new query (or a changed corpus): start again from its first window.
  useEffect(() => {
    let cancelled = false;
    asked.current = new Set([0]);
    fetchList({ ...query, offset: 0, limit: WINDOW }).then(
      (list) => {
        if (cancelled) return;
        setHead(list);
        setRows(new Map(list.rows.map((row, i) => [i, row])));
        scroller.current?.scrollTo({ top: 0 });
      },
      (error: unknown) => onError?.(error),
    );
    return () => {
      cancelled = true;
    };
  }, [fetchList, query, version, onError]);

  const virtualizer = useVirtualizer({
    count: head?.matching ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const shown = items.flatMap((item) => {
    const row = rows.get(item.index);
    return row ? [row.title, row.place ?? ''] : [];
  });
  const write = useWritten([...shown, ...(head?.places ?? []).map((p) => p.name)], script);

  // Windows not yet asked for, for the rows now on screen.
  useEffect(() => {
    for (const item of items) {
      const offset = Math.floor(item.index / WINDOW) * WINDOW;
      if (asked.current.has(offset)) continue;
      asked.current.add(offset);
      fetchList({ ...query, offset, limit: WINDOW }).then(
        (list) =>
          setRows((before) => {
            const next = new Map(before);
            list.rows.forEach((row, i) => next.set(offset + i, row));
            return next;
          }),
        (error: unknown) => {
          asked.current.delete(offset);
          onError?.(error);
        },
      );
    }
  }, [items, fetchList, query, onError]);

  return (
    <div className="wm-corpus-list">
      <div className="wm-list-filters">
        <input
          type="search"
          value={search}
          placeholder={t('corpusSearch')}
          aria-label={t('corpusSearch')}
          data-testid="corpus-search"
          onChange={(event) => {
            setSearch(event.target.value);
            onSearch?.(event.target.value);
          }}
        />
        <select
          value={origin}
          aria-label={t('colOrigin')}
          data-testid="corpus-origin"
          onChange={(event) => setOrigin(event.target.value as typeof origin)}
        >
          <option value="">{t('corpusAllOrigins')}</option>
          <option value="bundle">{t('corpusOnlyBundle')}</option>
          <option value="user">{t('corpusOnlyUser')}</option>
        </select>
        <FacetSelect
          value={place}
          label={t('colPlace')}
          testId="corpus-place"
          all={t('corpusAllPlaces')}
          facets={head?.places ?? []}
          nameOf={write}
          onChange={setPlace}
        />
        {((head?.outlets.length ?? 0) > 0 || outlet) && (
          <FacetSelect
            value={outlet}
            label={t('metaOutlet')}
            testId="corpus-outlet"
            all={t('corpusAllOutlets')}
            facets={head?.outlets ?? []}
            onChange={setOutlet}
          />
        )}
        {((head?.years.length ?? 0) > 0 || year) && (
          <FacetSelect
            value={year}
            label={t('metaDate')}
            testId="corpus-year"
            all={t('corpusAllYears')}
            facets={head?.years ?? []}
            onChange={setYear}
          />
        )}
        <label>
          {t('corpusSort')}{' '}
          <select
            value={sort}
            data-testid="corpus-sort"
            onChange={(event) => setSort(event.target.value as Sort)}
          >
            <option value="title">{t('sortTitle')}</option>
            <option value="date">{t('sortDate')}</option>
            <option value="chars">{t('sortChars')}</option>
            <option value="added">{t('sortAdded')}</option>
          </select>
        </label>
      </div>
      {!head ? (
        <p className="wm-muted">{t('loading')}</p>
      ) : (
        <>
          <p className="wm-muted" data-testid="corpus-count">
            {t('corpusCount', [String(head.total), String(head.userTotal)])}
            {head.matching !== head.total && ` · ${t('corpusMatching', String(head.matching))}`}
          </p>
          {head.matching === 0 ? (
            <p className="wm-muted" data-testid="corpus-no-match">
              {t('corpusNoMatch')}
            </p>
          ) : (
            <div className="wm-list" role="table" data-testid="corpus-list">
              <div className="wm-list-row wm-list-head" role="row">
                <span role="columnheader">{t('colTitle')}</span>
                <span role="columnheader">{t('colSource')}</span>
                <span role="columnheader">{t('colDate')}</span>
                <span role="columnheader">{t('colPlace')}</span>
                <span role="columnheader">{t('colOrigin')}</span>
                <span role="columnheader" className="wm-num">
                  {t('colChars')}
                </span>
                <span role="columnheader" />
              </div>
              <div className="wm-list-scroll" ref={scroller}>
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {items.map((item) => {
                    const article = rows.get(item.index);
                    return (
                      <div
                        key={item.index}
                        role="row"
                        className="wm-list-row"
                        style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                        {...(article
                          ? {
                              'data-testid': 'corpus-row',
                              'data-article-id': article.id,
                              'data-origin': article.origin,
                            }
                          : {})}
                      >
                        {article ? (
                          <>
                            <span role="cell" lang={lang} className="wm-list-title">
                              {write(article.title) || t('untitled')}
                            </span>
                            <span
                              role="cell"
                              className="wm-source"
                              title={article.url ?? sourceLabel(article)}
                            >
                              {sourceLabel(article)}
                            </span>
                            <span role="cell" title={article.date}>
                              {normaliseDate(article.date) || article.date}
                            </span>
                            <span role="cell" lang={lang}>
                              {write(article.place ?? '')}
                            </span>
                            <span role="cell" title={t(LANG_LABELS[article.lang])}>
                              <span className={`wm-origin wm-origin-${article.origin}`}>
                                {t(article.origin === 'user' ? 'originUser' : 'originBundle')}
                              </span>
                            </span>
                            <span role="cell" className="wm-num">
                              {article.chars.toLocaleString()}
                            </span>
                            <span role="cell" className="wm-actions">
                              <a
                                href={articleHref(article)}
                                target="_blank"
                                rel="noopener"
                                data-testid="open-article"
                              >
                                {t('open')}
                              </a>
                              {actions?.(article)}
                            </span>
                          </>
                        ) : (
                          <span role="cell" className="wm-muted">
                            {t('loading')}
                          </span>
                        )}
                      </div>
                    );
                  })}
                </div>
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** A filter by one of the catalog's facets: every value with how many articles it has, or all. */
function FacetSelect({
  value,
  label,
  testId,
  all,
  facets,
  nameOf = (name) => name,
  onChange,
}: {
  value: string;
  label: string;
  testId: string;
  /** The option that filters nothing. */
  all: string;
  facets: readonly { name: string; count: number }[];
  /** How a value is shown (places in the reader's script). */
  nameOf?: (name: string) => string;
  onChange: (value: string) => void;
}) {
  return (
    <select
      value={value}
      aria-label={label}
      data-testid={testId}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{all}</option>
      {facets.map((facet) => (
        <option key={facet.name} value={facet.name}>
          {`${nameOf(facet.name)} (${facet.count})`}
        </option>
      ))}
    </select>
  );
}
