import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { parseShippedBundle } from '../../lib/bundle';
import type { MatchingGlossary } from '../../lib/match/corpus-index';
import { IMPORT_MARKS, importBundle, importedBundleVersion } from '../../lib/db/import-bundle';
import { CorpusKeeper, loadGlossary } from '../../lib/db/corpus-store';
import { getSettings } from '../../lib/db/repository';
import { BUNDLED_TERMS } from '../../lib/generated/bundled-terms';
import {
  bundledTermsCurrent,
  parseBundledTerms,
  PAGE_MATCHES,
  QUICK_REGISTRATION_ID,
  quickRegistration,
  type QuickRegistration,
} from '../../lib/quick-start';
import type { Settings } from '../../lib/settings';
import { WenmaiDB } from '../../lib/db/schema';
import {
  parseBackgroundRequest,
  senderMayAsk,
  type ContentRequest,
  type Result,
} from '../../lib/messaging/messages';
import type { ImportStatus } from '../../lib/views';
import { MAX_LOOKUP_CHARS, MAX_SELECTION_CHARS } from '../../lib/messaging/content-requests';
import { readableError } from '../../lib/format';
import { relayFramePort } from './frame-relay';
import { handlers, type BackgroundContext } from './handlers';

const BUNDLE_PATH = '/corpus/bundle.json';

export default defineBackground(() => {
  performance.mark(IMPORT_MARKS.start);
  const db = new WenmaiDB();
  let status: ImportStatus = { state: 'idle', done: 0, total: 0, errors: [] };
  let glossaryPromise: Promise<MatchingGlossary> | null = null;
  let settingsPromise: Promise<Settings> | null = null;
  let importing: Promise<void> | null = null;

  /** Imports the shipped bundle (on install, update, or when the database lost it). */
  const runImport = (force: boolean): Promise<void> => {
    importing ??= (async () => {
      try {
        // The bundle is a file of this extension: reading it is not a network request.
        // The database opens while the bundle is read (a fresh profile's first open takes 0.1–0.2 s).
        const imported = importedBundleVersion(db).catch(() => undefined);
        const response = await fetch(browser.runtime.getURL(BUNDLE_PATH));
        performance.mark(IMPORT_MARKS.fetched);
        const json: unknown = await response.json();
        performance.mark(IMPORT_MARKS.parsed);
        const parsed = parseShippedBundle(json);
        if (!parsed.ok) throw new Error(parsed.error);
        const previous = await imported;
        performance.mark(IMPORT_MARKS.databaseOpen);
        if (!force && previous === parsed.value.corpusVersion) {
          status = {
            state: 'done',
            done: 0,
            total: 0,
            corpusVersion: parsed.value.corpusVersion,
            errors: [],
          };
          return;
        }
        status = await importBundle(db, parsed.value, (s) => (status = s));
        if (status.state === 'done') performance.mark(IMPORT_MARKS.done);
      } catch (error) {
        status = {
          ...status,
          state: 'failed',
          errors: [...status.errors, `corpus import failed: ${(error as Error).message}`],
        };
      } finally {
        glossaryPromise = null;
        corpus.invalidate();
        importing = null;
        void syncQuickStart();
      }
    })();
    return importing;
  };

  /**
   * Keeps the first-screen config script registered as the settings and glossary call for
   * (lib/quick-start.ts); resolves once it is, so that pages loaded after a settings change
   * follow it. Calls made while a sync waits to start share that sync.
   */
  let queuedSync: Promise<void> | null = null;
  let lastSync: Promise<void> = Promise.resolve();
  const syncQuickStart = (): Promise<void> => {
    queuedSync ??= lastSync = lastSync.then(async () => {
      queuedSync = null;
      try {
        const [glossary, settings] = await Promise.all([ctx.glossary(), ctx.settings()]);
        const current = bundledTermsCurrent(parseBundledTerms(BUNDLED_TERMS), glossary.entries);
        await applyRegistration(quickRegistration(settings, current));
      } catch {
        // No registration: pages are painted by the page script alone, a moment later.
      }
    });
    return queuedSync;
  };

  /** The glossary: loaded from the database alone, so pages never wait for the corpus index. */
  const glossary = async (): Promise<MatchingGlossary> => {
    if (importing) await importing;
    // A failed load is not kept: the next request tries again.
    glossaryPromise ??= loadGlossary(db).catch((error: unknown) => {
      glossaryPromise = null;
      throw error;
    });
    return glossaryPromise;
  };

  const corpus = new CorpusKeeper(db, glossary);

  const ctx: BackgroundContext = {
    db,
    glossary,
    corpus: async () => {
      if (importing) await importing;
      return corpus.index();
    },
    corpusChanged: (ids, rows) => corpus.changed(ids, rows),
    invalidateGlossary: () => {
      glossaryPromise = null;
      corpus.invalidate();
      return syncQuickStart();
    },
    corpusStatus: () => corpus.status(),
    settings: () => (settingsPromise ??= getSettings(db)),
    invalidateSettings: () => {
      settingsPromise = null;
      return syncQuickStart();
    },
    importStatus: () => status,
    reimportBundle: () => runImport(true),
  };

  // A service worker restarts often; import only when the database lacks this bundle. The
  // stored corpus index is opened at once, so the first page's analysis finds it ready.
  const ready = runImport(false).then(() =>
    corpus
      .index()
      .then(() => performance.mark(IMPORT_MARKS.indexReady))
      .catch(() => {}),
  );

  const createMenus = (): void => {
    browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({
        id: 'wenmai-lookup',
        title: browser.i18n.getMessage('menuLookup'),
        contexts: ['selection'],
      });
      browser.contextMenus.create({
        id: 'wenmai-parallels',
        title: browser.i18n.getMessage('menuParallels'),
        contexts: ['selection'],
      });
    });
  };

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // After an update, pages still run the old script, cut off from Wenmai: they switch at once.
    if (reason === 'update') void startInOpenTabs();
    // On install, the rest waits for the corpus: a welcome tab (a renderer starting) and the
    // open tabs' analyses would compete with the import for the CPU (on 2 cores, the 2026
    // reports' import took ~0.2 s longer), and those analyses would wait for it anyway.
    void ready.then(() => {
      if (reason === 'install') void startInOpenTabs();
      // Once, on install: what Wenmai does and where its settings are (never on an update).
      if (reason === 'install')
        void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
      createMenus();
    });
    void runImport(true);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Only this extension's own pages and content scripts are answered, never a web page; its
    // scripts in web pages only with what a page view needs.
    if (sender.id !== browser.runtime.id) return false;
    const request = parseBackgroundRequest(message);
    if (!request) return false;
    const extension = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
    if (!senderMayAsk(request.type, sender, extension)) {
      sendResponse({
        ok: false,
        error: `${request.type} is for Wenmai's own pages`,
      } satisfies Result<unknown>);
      return false;
    }
    const handler = handlers[request.type] as (
      r: typeof request,
      c: BackgroundContext,
      s: typeof sender,
    ) => Promise<unknown>;
    handler(request, ctx, sender).then(
      (value) => sendResponse({ ok: true, value } satisfies Result<unknown>),
      (error: unknown) =>
        sendResponse({ ok: false, error: readableError(error) } satisfies Result<unknown>),
    );
    return true;
  });

  // Wenmai's frames on pages, where they cannot reach their page script themselves (Firefox).
  browser.runtime.onConnect.addListener(relayFramePort);

  /** Sends a command to a tab: to one frame (where a selection is), or to all its frames. */
  const sendToTab = (
    tabId: number | undefined,
    command: ContentRequest,
    frameId?: number,
  ): void => {
    if (tabId === undefined) return;
    const sent =
      frameId === undefined
        ? browser.tabs.sendMessage(tabId, command)
        : browser.tabs.sendMessage(tabId, command, { frameId });
    sent.catch(() => {
      // No content script in that tab (a browser page, or a site switched off): nothing to do.
    });
  };

  browser.contextMenus.onClicked.addListener((info, tab) => {
    const text = info.selectionText ?? '';
    if (info.menuItemId === 'wenmai-lookup')
      sendToTab(
        tab?.id,
        { type: 'wenmai/lookup', text: text.slice(0, MAX_LOOKUP_CHARS) },
        info.frameId,
      );
    if (info.menuItemId === 'wenmai-parallels')
      sendToTab(
        tab?.id,
        { type: 'wenmai/find-parallels', text: text.slice(0, MAX_SELECTION_CHARS) },
        info.frameId,
      );
  });

  browser.commands.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (command === 'toggle-script') sendToTab(tab?.id, { type: 'wenmai/cycle-script' });
    if (command === 'toggle-highlights') sendToTab(tab?.id, { type: 'wenmai/toggle-highlights' });
  });
});

/** Replaces the first-screen config registration with the wanted one (or none). */
async function applyRegistration(wanted: QuickRegistration | null): Promise<void> {
  const scripting = browser.scripting;
  // Older Firefox builds lack dynamic registration: the page script then paints alone.
  if (!scripting?.registerContentScripts) return;
  const existing = await scripting.getRegisteredContentScripts({ ids: [QUICK_REGISTRATION_ID] });
  if (existing.length > 0)
    await scripting.unregisterContentScripts({ ids: [QUICK_REGISTRATION_ID] });
  if (wanted) await scripting.registerContentScripts([{ ...wanted, persistAcrossSessions: true }]);
}

/**
 * Chromium runs manifest content scripts only in pages loaded after an install or update: pages
 * already open would go without Wenmai (and, after an update, keep a script cut off from it) until
 * reloaded. They get the detector now, which starts Wenmai there as on a fresh load. Firefox
 * injects manifest content scripts into open pages itself.
 */
async function startInOpenTabs(): Promise<void> {
  if (import.meta.env.FIREFOX) return;
  const tabs = await browser.tabs.query({ url: PAGE_MATCHES });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      await browser.scripting
        .executeScript({ target: { tabId: tab.id, allFrames: true }, files: [DETECTOR_SCRIPT] })
        .catch(() => {
          // A page the browser keeps extensions out of (an error page, the web store): skip it.
        });
    }),
  );
}

const DETECTOR_SCRIPT = '/detect.js' as const;
const WELCOME_PAGE = '/welcome.html' as const;
