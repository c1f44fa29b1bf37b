import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useT } from '../../components/i18n';
import { errorMessage, readerUrl } from '../../lib/format';
import { PageSummary } from '../../components/PageSummary';
import { ScriptSwitch } from '../../components/ScriptSwitch';
import { StatusMessage, type Status } from '../../components/StatusMessage';
import type { StateCommand } from '../../lib/messaging/content-requests';
import type { DisplayScript, PageState } from '../../lib/page-state';
import { createMessenger } from '../../lib/messaging/client';

const { askBackground, askTab } = createMessenger(browser);
/** While the page is still being read, its state is asked again this often. */
const PENDING_POLL_MS = 500;

type Page =
  | { phase: 'loading' }
  | { phase: 'unavailable' }
  | { phase: 'ready'; tabId: number; state: PageState };

/** The hostname Wenmai would be switched off for (without "www."), or '' for odd URLs. */
function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

export function App() {
  const t = useT();
  const [page, setPage] = useState<Page>({ phase: 'loading' });
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);

  // Asked to answer at once: on a very large page the analysis and the term count take seconds.
  // What is still pending is asked again until the page is read.
  const refresh = useCallback(async (tabId: number) => {
    const state = await askTab(tabId, { type: 'wenmai/page-state', now: true });
    setPage(state ? { phase: 'ready', tabId, state } : { phase: 'unavailable' });
  }, []);

  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) setPage({ phase: 'unavailable' });
      else await refresh(tab.id);
    })();
  }, [refresh]);

  const pending = page.phase === 'ready' && Boolean(page.state.pending?.length);
  const pendingTab = page.phase === 'ready' ? page.tabId : null;
  useEffect(() => {
    if (!pending || pendingTab === null || busy) return;
    const timer = setTimeout(
      () => void refresh(pendingTab).catch(() => undefined),
      PENDING_POLL_MS,
    );
    return () => clearTimeout(timer);
  }, [page, pending, pendingTab, busy, refresh]);

  /** Runs a content-script command and shows the state it answers. */
  const command = async (tabId: number, request: StateCommand) => {
    setBusy(true);
    try {
      const state = await askTab(tabId, request);
      if (state) setPage({ phase: 'ready', tabId, state });
      else setStatus({ kind: 'error', text: t('noContentScript') });
    } finally {
      setBusy(false);
    }
  };

  /** Switches Wenmai off on the page's site: highlights go now, the rest on the next load. */
  const disableSite = async (tabId: number, url: string) => {
    const host = siteOf(url);
    if (!host) return;
    setBusy(true);
    try {
      const settings = await askBackground({ type: 'wenmai/get-settings' });
      if (!settings.disabledSites.includes(host))
        await askBackground({
          type: 'wenmai/set-settings',
          settings: { ...settings, disabledSites: [...settings.disabledSites, host].sort() },
        });
      await askTab(tabId, { type: 'wenmai/set-highlights', enabled: false });
      setStatus({ kind: 'ok', text: t('siteTurnedOff', host) });
      setPage({ phase: 'unavailable' });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const addToCorpus = async (tabId: number) => {
    setBusy(true);
    setStatus(null);
    try {
      // The top frame's article: a frame inside the page is another document.
      const article = await askTab(tabId, { type: 'wenmai/article-text' });
      if (!article?.text.trim()) {
        setStatus({ kind: 'error', text: t('noArticleText') });
        return;
      }
      await askBackground({
        type: 'wenmai/add-article',
        url: article.url,
        title: article.title,
        text: article.text,
      });
      setStatus({ kind: 'ok', text: t('added') });
      await refresh(tabId);
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const openArticle = (articleId: string) => {
    void browser.tabs.create({
      url: browser.runtime.getURL(`/${readerUrl({ article: articleId })}`),
    });
  };

  return (
    <main className="wm-popup">
      <header className="wm-popup-header">
        <span className="wm-brand">{t('extName')}</span>
        <button
          type="button"
          className="wm-link-button"
          data-testid="open-options"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('options')}
        </button>
      </header>

      {page.phase === 'loading' && <p className="wm-muted">{t('loading')}</p>}
      {page.phase === 'unavailable' && (
        <p className="wm-muted" data-testid="no-content-script">
          {t('noContentScript')}
        </p>
      )}
      {page.phase === 'ready' && (
        <>
          <PageSummary
            state={page.state}
            onOpenArticle={openArticle}
            onShowTerm={(termId, direction) =>
              void command(page.tabId, { type: 'wenmai/show-term', termId, direction })
            }
          />
          {/* A page Wenmai leaves alone has nothing to switch. */}
          {page.state.lang !== 'other' && (
            <section className="wm-controls">
              <ScriptSwitch
                value={page.state.script}
                disabled={busy}
                onChange={(script: DisplayScript) =>
                  void command(page.tabId, { type: 'wenmai/set-script', script })
                }
              />
              <label className="wm-check">
                <input
                  type="checkbox"
                  data-testid="highlights-toggle"
                  // What the page shows (a keyboard toggle there may have changed it), not the setting.
                  checked={page.state.highlights}
                  disabled={busy}
                  onChange={(event) =>
                    void command(page.tabId, {
                      type: 'wenmai/set-highlights',
                      enabled: event.target.checked,
                    })
                  }
                />
                {t('highlights')}
              </label>
              {page.state.article && (
                <button
                  type="button"
                  className="wm-primary"
                  data-testid="add-to-corpus"
                  disabled={busy}
                  onClick={() => void addToCorpus(page.tabId)}
                >
                  {t('addToCorpus')}
                </button>
              )}
              <button
                type="button"
                className="wm-link-button"
                data-testid="disable-site"
                disabled={busy}
                onClick={() => void disableSite(page.tabId, page.state.url)}
              >
                {t('turnOffOnSite', siteOf(page.state.url))}
              </button>
            </section>
          )}
        </>
      )}
      <StatusMessage status={status} />
    </main>
  );
}
