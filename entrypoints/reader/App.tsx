import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { ArticleReader, type TermInfo } from '../../components/ArticleReader';
import { ComparePassages } from '../../components/ComparePassages';
import { DIFF_CSS } from '../../components/DiffView';
import { useT, useUiLocale } from '../../components/i18n';
import { TermTimeline } from '../../components/TermTimeline';
import { readingScript, scriptLang } from '../../lib/reading-script';
import { errorMessage, readerUrl } from '../../lib/format';
import type {
  ArticleListQuery,
  ArticleView,
  PassageView,
  PolicyLineView,
  TermCard,
} from '../../lib/views';
import { PolicyLine } from '../../components/PolicyLine';
import { CorpusList } from '../../components/CorpusList';
import { createMessenger } from '../../lib/messaging/client';

const { askBackground } = createMessenger(browser);

type Page =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'article'; view: ArticleView; terms: ReadonlyMap<string, TermInfo> }
  | { phase: 'compare'; a: PassageView; b: PassageView }
  | { phase: 'line'; line: PolicyLineView }
  | { phase: 'browse' }
  | { phase: 'term'; card: TermCard };

/** get-passages takes at most this many ids (lib/messaging/messages.ts). */
const PASSAGES_PER_REQUEST = 50;

const fetchList = (query: ArticleListQuery) =>
  askBackground({ type: 'wenmai/list-articles', ...query });

/** A glossary term's card (its timeline and headword), in the reader's script. */
const fetchTerm = (termId: string, script: 'simplified' | 'traditional' | null) =>
  askBackground({ type: 'wenmai/term', termId, ...(script ? { script } : {}) });

/** How many characters of a search are worth looking up as a term. */
const MAX_TERM_SEARCH = 40;

/**
 * A term named in the browser's search box, over time: a link to its own browser, and its timeline
 * whose bars open the articles of a year or month.
 */
function TermOverTime({ card }: { card: TermCard }) {
  const t = useT();
  const open = (period?: string) =>
    location.assign(readerUrl({ term: card.entry.id, ...(period ? { period } : {}) }));
  return (
    <aside className="wm-term-panel" data-testid="search-term" data-term-id={card.entry.id}>
      <h2>
        <span lang={scriptLang(card.script)}>{card.headword}</span>{' '}
        <span className="wm-muted">{t('timelineTitle')}</span>
      </h2>
      <TermTimeline timeline={card.timeline} headword={card.headword} t={t} onOpenPeriod={open} />
    </aside>
  );
}

async function fetchPassages(ids: string[]): Promise<PassageView[]> {
  const found: PassageView[] = [];
  for (let i = 0; i < ids.length; i += PASSAGES_PER_REQUEST) {
    const passageIds = ids.slice(i, i + PASSAGES_PER_REQUEST);
    found.push(...(await askBackground({ type: 'wenmai/get-passages', passageIds })));
  }
  return found;
}

/** reader.html?article=ID[&passage=PID], reader.html?compare=PID_A,PID_B or reader.html?line=PID */
export function App() {
  const t = useT();
  const [query] = useState(() => new URLSearchParams(location.search));
  const articleId = query.get('article');
  const targetId = query.get('passage');
  const compare = query.get('compare');
  const lineId = query.get('line');
  const termId = query.get('term');
  const period = query.get('period');
  const script = readingScript(null, useUiLocale());
  const [searchTerm, setSearchTerm] = useState<TermCard | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<Page>({ phase: 'loading' });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [linked, setLinked] = useState<ReadonlyMap<string, PassageView | null>>(new Map());

  useEffect(() => {
    let cancelled = false;
    const show = (next: Page) => {
      if (!cancelled) setPage(next);
    };
    void (async () => {
      try {
        if (compare !== null) {
          const ids = compare.split(',').map((id) => id.trim());
          if (ids.length !== 2 || !ids[0] || !ids[1]) {
            show({ phase: 'error', message: t('readerBadCompare') });
            return;
          }
          const found = await fetchPassages(ids);
          const a = found.find((p) => p.passageId === ids[0]);
          const b = found.find((p) => p.passageId === ids[1]);
          if (!a || !b) {
            show({ phase: 'error', message: t('passageNotFound', (a ? ids[1] : ids[0])!) });
            return;
          }
          document.title = `${t('compareTitle')} · ${t('extName')}`;
          show({ phase: 'compare', a, b });
        } else if (lineId) {
          const line = await askBackground({ type: 'wenmai/policy-line', passageId: lineId });
          if (!line) {
            show({ phase: 'error', message: t('passageNotFound', lineId) });
            return;
          }
          document.title = `${t('lineTitle')} · ${t('extName')}`;
          show({ phase: 'line', line });
        } else if (articleId) {
          const [view, glossary] = await Promise.all([
            askBackground({ type: 'wenmai/get-article', articleId }),
            // Tooltips only: the article is worth showing without them.
            askBackground({ type: 'wenmai/list-glossary' }).catch(() => []),
          ]);
          document.title = `${view.article.title || view.article.source} · ${t('extName')}`;
          show({
            phase: 'article',
            view,
            terms: new Map(glossary.map((e) => [e.id, { headword: e.headword, gloss: e.gloss }])),
          });
        } else if (termId) {
          // A term's articles (of one year or month): the corpus browser, narrowed.
          const card = await fetchTerm(termId, script);
          document.title = `${t('termBrowserTitle', card.headword)} · ${t('extName')}`;
          show({ phase: 'term', card });
        } else {
          // No article named: the corpus browser.
          document.title = `${t('corpusBrowserTitle')} · ${t('extName')}`;
          show({ phase: 'browse' });
        }
      } catch (error) {
        show({ phase: 'error', message: errorMessage(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [articleId, compare, lineId, termId, script, t]);

  // A search that names a glossary term shows the term over time above the list.
  useEffect(() => {
    const text = search.trim();
    if (page.phase !== 'browse' || !text || text.length > MAX_TERM_SEARCH) {
      setSearchTerm(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void askBackground({ type: 'wenmai/find-term', text })
        .then((hit) => (hit ? fetchTerm(hit.termId, script) : null))
        .then((card) => {
          if (live) setSearchTerm(card);
        })
        .catch(() => undefined);
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, page.phase, script]);

  const termFilter = useMemo(
    () => (termId ? { term: termId, ...(period ? { from: period, to: period } : {}) } : undefined),
    [termId, period],
  );

  // The passage the URL names, or else the term's first occurrence: scroll to it once the article
  // is on the page.
  const loaded = page.phase === 'article';
  useEffect(() => {
    if (!loaded) return;
    const target = targetId
      ? document.getElementById(targetId)
      : termId
        ? document.querySelector('mark.term.focus')
        : null;
    target?.scrollIntoView({ block: 'center' });
  }, [loaded, targetId, termId]);

  const toggleLinks = useCallback(
    (passageId: string) => {
      if (page.phase !== 'article') return;
      const next = new Set(expanded);
      if (next.has(passageId)) next.delete(passageId);
      else next.add(passageId);
      setExpanded(next);
      const missing = page.view.links
        .filter((link) => link.from === passageId && !linked.has(link.to))
        .map((link) => link.to);
      if (!next.has(passageId) || missing.length === 0) return;
      // Ids the background does not return (or cannot, on failure) show as missing.
      void fetchPassages(missing)
        .catch(() => [])
        .then((found) => {
          setLinked((current) => {
            const map = new Map(current);
            for (const id of missing) map.set(id, null);
            for (const passage of found) map.set(passage.passageId, passage);
            return map;
          });
        });
    },
    [page, expanded, linked],
  );

  const openCompare = (passageId: string, otherId: string) => {
    void browser.tabs.create({
      url: browser.runtime.getURL(`/${readerUrl({ compare: [passageId, otherId] })}`),
    });
  };

  return (
    <main className="wm-reader">
      <style>{DIFF_CSS}</style>
      <header className="wm-reader-header">
        <span className="wm-brand">{t('extName')}</span>
        {page.phase !== 'browse' && (
          // A way back: to the page this one was opened from, and to the whole corpus.
          <nav className="wm-reader-nav" data-testid="reader-nav">
            {history.length > 1 && (
              <button type="button" className="wm-link" onClick={() => history.back()}>
                ← {t('readerBack')}
              </button>
            )}
            <a href="reader.html" data-testid="reader-corpus-link">
              {t('readerAllArticles')}
            </a>
          </nav>
        )}
      </header>
      {page.phase === 'loading' && <p className="wm-muted">{t('loading')}</p>}
      {page.phase === 'error' && (
        <p className="wm-error" role="alert" data-testid="message">
          {page.message}
        </p>
      )}
      {page.phase === 'article' && (
        <ArticleReader
          view={page.view}
          terms={page.terms}
          targetId={targetId}
          expanded={expanded}
          linked={linked}
          onToggleLinks={toggleLinks}
          onCompare={openCompare}
          focusTermId={termId}
        />
      )}
      {page.phase === 'compare' && <ComparePassages a={page.a} b={page.b} />}
      {page.phase === 'line' && <PolicyLine line={page.line} />}
      {page.phase === 'browse' && (
        <section className="wm-browser" data-testid="corpus-browser">
          <h1>{t('corpusBrowserTitle')}</h1>
          <p className="wm-muted">{t('corpusBrowserHelp')}</p>
          {searchTerm && <TermOverTime card={searchTerm} />}
          <CorpusList
            fetchList={fetchList}
            onSearch={setSearch}
            onError={(error) => setPage({ phase: 'error', message: errorMessage(error) })}
          />
        </section>
      )}
      {page.phase === 'term' && (
        <section
          className="wm-browser"
          data-testid="term-browser"
          data-term-id={page.card.entry.id}
        >
          <p>
            <a href="reader.html" data-testid="back-to-corpus">
              ← {t('backToCorpus')}
            </a>
          </p>
          <h1>
            <span lang={scriptLang(page.card.script)}>
              {t('termBrowserTitle', page.card.headword)}
            </span>{' '}
            {period && <span className="wm-muted">{t('termBrowserPeriod', period)}</span>}
          </h1>
          <p lang="en" className="wm-muted">
            {page.card.entry.gloss}
          </p>
          <TermTimeline
            timeline={page.card.timeline}
            headword={page.card.headword}
            t={t}
            onOpenPeriod={(next) =>
              location.assign(
                readerUrl({ term: page.card.entry.id, ...(next ? { period: next } : {}) }),
              )
            }
          />
          <CorpusList
            fetchList={fetchList}
            {...(termFilter ? { filter: termFilter } : {})}
            articleHref={(article) => readerUrl({ article: article.id, term: page.card.entry.id })}
            onError={(error) => setPage({ phase: 'error', message: errorMessage(error) })}
          />
        </section>
      )}
    </main>
  );
}
