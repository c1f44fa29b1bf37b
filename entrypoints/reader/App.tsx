import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { ArticleReader, type TermInfo } from '../../components/ArticleReader';
import { ComparePassages } from '../../components/ComparePassages';
import { DIFF_CSS } from '../../components/DiffView';
import { useT } from '../../components/i18n';
import { errorMessage, readerUrl } from '../../lib/format';
import type { ArticleListQuery, ArticleView, PassageView, PolicyLineView } from '../../lib/views';
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
  | { phase: 'browse' };

/** get-passages takes at most this many ids (lib/messaging/messages.ts). */
const PASSAGES_PER_REQUEST = 50;

const fetchList = (query: ArticleListQuery) =>
  askBackground({ type: 'wenmai/list-articles', ...query });

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
  }, [articleId, compare, lineId, t]);

  // The passage the URL names: scroll to it once the article is on the page.
  const loaded = page.phase === 'article';
  useEffect(() => {
    if (!loaded || !targetId) return;
    document.getElementById(targetId)?.scrollIntoView({ block: 'center' });
  }, [loaded, targetId]);

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
        />
      )}
      {page.phase === 'compare' && <ComparePassages a={page.a} b={page.b} />}
      {page.phase === 'line' && <PolicyLine line={page.line} />}
      {page.phase === 'browse' && (
        <section className="wm-browser" data-testid="corpus-browser">
          <h1>{t('corpusBrowserTitle')}</h1>
          <p className="wm-muted">{t('corpusBrowserHelp')}</p>
          <CorpusList
            fetchList={fetchList}
            onError={(error) => setPage({ phase: 'error', message: errorMessage(error) })}
          />
        </section>
      )}
    </main>
  );
}
