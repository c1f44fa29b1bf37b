import { browser, type Browser } from 'wxt/browser';
import { analyzeArticle } from '../../lib/analyze-page';
import { readerUrl } from '../../lib/format';
import { UploadAssembler } from '../../lib/messaging/upload-parts';
import type { CorpusIndex, MatchingGlossary } from '../../lib/match/corpus-index';
import { exportBackup, parseBackup, restoreBackup, wipeUserData } from '../../lib/db/backup';
import {
  deleteArticle,
  deleteUserArticles,
  deleteTerm,
  linksFrom,
  listGlossary,
  putUserArticles,
  saveSettings,
  saveUserTerm,
} from '../../lib/db/repository';
import type { StoredArticle, WenmaiDB } from '../../lib/db/schema';
import type { BundleArticle } from '../../lib/bundle';
import { hashRange } from '../../lib/match/hash';
import { loadConverter } from './converters';
import { termTimeline } from '../../lib/match/term-timeline';
import { matchTerms } from '../../lib/match/match-terms';
import type { BackgroundResponses, BackgroundType, RequestOf } from '../../lib/messaging/messages';
import type { CorpusIndexStatus, ImportStatus } from '../../lib/views';
import { prepareArticle } from '../../lib/prepare-article';
import { isSiteDisabled, type Settings } from '../../lib/settings';

export interface BackgroundContext {
  db: WenmaiDB;
  /** The effective glossary with its matcher: never waits for the corpus index. */
  glossary: () => Promise<MatchingGlossary>;
  /** The corpus index, stored and updated article by article (lib/db/corpus-store.ts). */
  corpus: () => Promise<CorpusIndex>;
  /** Re-indexes articles just written to, or deleted from, the database (rows: as written). */
  corpusChanged: (articleIds: string[], rows?: readonly StoredArticle[]) => Promise<void>;
  /** Resolves once the first-screen registration follows the new glossary. */
  invalidateGlossary: () => Promise<void>;
  /** How far the corpus index is (loading, indexing, ready), and its last error. */
  corpusStatus: () => CorpusIndexStatus;
  /** The reader's settings, kept in memory between changes. */
  settings: () => Promise<Settings>;
  /** Resolves once the first-screen registration follows the new settings. */
  invalidateSettings: () => Promise<void>;
  importStatus: () => ImportStatus;
  /** Re-imports the shipped bundle (after a wipe). */
  reimportBundle: () => Promise<void>;
}

type Handler<K extends BackgroundType> = (
  request: RequestOf<K>,
  ctx: BackgroundContext,
  sender: Browser.runtime.MessageSender,
) => Promise<BackgroundResponses[K]>;
/** One handler per message type: a missing handler is a compile error. */
type Handlers = { [K in BackgroundType]: Handler<K> };

const MAX_OCCURRENCES = 30;

/** Stable id for an article the reader adds: the same URL (or text) always gives the same id. */
function userArticleId(url: string, text: string): string {
  const key = url || text.slice(0, 2000);
  return `u-${hashRange(key, 0, key.length).toString(36)}`;
}

interface ArticleFile {
  name: string;
  title: string;
  text: string;
  url?: string;
  date?: string;
  place?: string;
}

/** Cleans and fingerprints a file the reader gives; throws, naming the file, when it has no text. */
function prepareUserArticle(file: ArticleFile, glossary: MatchingGlossary) {
  const { name, title, text, url } = file;
  const input = {
    id: userArticleId(url ?? name, text),
    source: url ?? name,
    raw: text,
    title,
    ...(url ? { url } : {}),
    ...(file.date ? { date: file.date } : {}),
    ...(file.place ? { place: file.place } : {}),
  };
  const article = prepareArticle(input, glossary.matcher, glossary.stop);
  if (article.text.length === 0) throw new Error(`${name}: no article text found`);
  return article;
}

/**
 * Stores the reader's articles in one transaction, then indexes them: a batch is stored whole or
 * not at all, and a worker stopped before indexing catches up on its next start.
 */
async function addArticles(ctx: BackgroundContext, files: readonly ArticleFile[]) {
  const glossary = await ctx.glossary();
  const added: { name: string; article: BundleArticle; replaced: boolean }[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      added.push({ name: file.name, article: prepareUserArticle(file, glossary), replaced: false });
    } catch (error) {
      const message = (error as Error).message;
      errors.push(message.startsWith(file.name) ? message : `${file.name}: ${message}`);
    }
  }
  // Which were there already: an Undo of this import must leave those alone.
  const before = await ctx.db.articles.bulkGet(added.map((a) => a.article.id));
  before.forEach((row, i) => (added[i]!.replaced = row !== undefined));
  const rows = await putUserArticles(
    ctx.db,
    added.map((a) => a.article),
  );
  await ctx.corpusChanged(
    rows.map((row) => row.id),
    rows,
  );
  return { added, errors };
}

/** Backups that arrive in parts, put back together here (one upload at a time in practice). */
const uploads = new UploadAssembler();

async function restoreBackupJson(json: string, ctx: BackgroundContext) {
  const parsed = parseBackup(json);
  if (!parsed.ok) throw new Error(parsed.error);
  const restored = await restoreBackup(ctx.db, parsed.value);
  await Promise.all([
    ctx.corpusChanged(parsed.value.articles.map((a) => a.id)),
    parsed.value.glossary.length > 0 ? ctx.invalidateGlossary() : null,
    ctx.invalidateSettings(),
  ]);
  return restored;
}

/** The page script, injected only into frames whose text is Chinese (see entrypoints/detect). */
const PAGE_SCRIPT = '/page-script.js' as const;
/** Its React UI, injected when the page script has painted (a second script: a shorter compile). */
const UI_SCRIPT = '/page-ui.js' as const;

/** Injects one of Wenmai's scripts into the sender's frame, unless its site is switched off. */
async function injectIntoSender(
  file: typeof PAGE_SCRIPT | typeof UI_SCRIPT,
  ctx: BackgroundContext,
  sender: Browser.runtime.MessageSender,
): Promise<{ started: boolean }> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || !sender.url) return { started: false };
  const settings = await ctx.settings();
  if (isSiteDisabled(settings, new URL(sender.url).hostname)) return { started: false };
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [sender.frameId ?? 0] },
    files: [file],
  });
  return { started: true };
}

export const handlers: Handlers = {
  'wenmai/start-page': (_request, ctx, sender) => injectIntoSender(PAGE_SCRIPT, ctx, sender),

  'wenmai/start-ui': (_request, ctx, sender) => injectIntoSender(UI_SCRIPT, ctx, sender),

  'wenmai/get-glossary': async (_request, ctx) => {
    // Every Chinese page asks at load: answered from memory, never waiting for the corpus index.
    const [glossary, settings] = await Promise.all([ctx.glossary(), ctx.settings()]);
    return { entries: [...glossary.entries], settings };
  },

  'wenmai/analyze': async (request, ctx) =>
    // Cleaning runs here, off the page's main thread (mojibake repair builds a GBK table).
    analyzeArticle(request.article, await ctx.corpus()),

  'wenmai/term': async (request, ctx) => {
    const glossary = await ctx.glossary();
    const entry = glossary.entries.find((e) => e.id === request.termId);
    if (!entry) throw new Error(`unknown term ${request.termId}`);
    const byId = new Map(glossary.entries.map((e) => [e.id, e]));
    const corpus = await ctx.corpus();
    const occurrences = (await corpus.occurrencesOf(entry.id, MAX_OCCURRENCES)).map((o) => ({
      articleId: o.articleId,
      title: o.title || o.articleId,
      passageId: o.passageId,
      snippet: o.text.slice(Math.max(0, o.start - 24), o.end + 24),
    }));
    // Articles holding the term, from the database's term index (no article read), dated by the
    // catalog in memory.
    const holding = (await ctx.db.articles
      .where('termIds')
      .equals(entry.id)
      .primaryKeys()) as string[];
    const timeline = termTimeline(holding.map((id) => corpus.catalog.get(id)?.date));
    const related = entry.related.flatMap((id) => {
      const other = byId.get(id);
      return other ? [{ id, headword: other.headword }] : [];
    });
    if (request.script !== 'traditional')
      return {
        entry,
        script: 'simplified',
        headword: entry.headword,
        related,
        occurrences,
        timeline,
      };
    // A reader of a Traditional page reads the card in Traditional (Wenmai's conversion).
    const write = await loadConverter('traditional', request.variant ?? 'tw');
    return {
      entry: {
        ...entry,
        definition: { ...entry.definition, zh: write(entry.definition.zh) },
        ...(entry.firstAppeared?.occasion
          ? {
              firstAppeared: {
                ...entry.firstAppeared,
                occasion: write(entry.firstAppeared.occasion),
              },
            }
          : {}),
      },
      script: 'traditional',
      headword: write(entry.headword),
      related: related.map((r) => ({ ...r, headword: write(r.headword) })),
      occurrences: occurrences.map((o) => ({
        ...o,
        title: write(o.title),
        snippet: write(o.snippet),
      })),
      timeline,
    };
  },

  'wenmai/find-term': async (request, ctx) => {
    const glossary = await ctx.glossary();
    const hit = matchTerms(request.text.trim(), glossary.matcher)[0];
    return hit ? { termId: hit.termId } : null;
  },

  'wenmai/add-article': async (request, ctx) => {
    const { added, errors } = await addArticles(ctx, [{ ...request, name: request.url }]);
    const article = added[0]?.article;
    if (!article) throw new Error(errors[0] ?? 'no article text found');
    return { articleId: article.id, title: article.title };
  },

  'wenmai/list-articles': async (request, ctx) => {
    const { type: _type, ...query } = request;
    const corpus = await ctx.corpus();
    if (!query.term) return corpus.catalog.list(query);
    // The articles holding the term: the database's term index, keys only.
    const holding = await ctx.db.articles.where('termIds').equals(query.term).primaryKeys();
    return corpus.catalog.list(query, new Set(holding as string[]));
  },

  'wenmai/get-article': async (request, ctx) => {
    const stored = await ctx.db.articles.get(request.articleId);
    if (!stored) throw new Error(`no article ${request.articleId} in the corpus`);
    const { origin, addedAt: _addedAt, termIds: _termIds, ...article } = stored;
    const corpus = await ctx.corpus();
    let links = await linksFrom(ctx.db, article.id);
    if (origin === 'user') {
      // The reader's own articles were not in the build: link their passages now.
      const texts = article.passages.map((p) => article.text.slice(p.start, p.end));
      links = corpus
        .parallels(texts, article.id)
        .flatMap((matches, i) =>
          matches.map((m) => ({ from: article.passages[i]!.id, to: m.passageId, score: m.score })),
        );
    }
    return { article, origin, terms: matchTerms(article.text, corpus.matcher), links };
  },

  'wenmai/get-passages': async (request, ctx) => (await ctx.corpus()).passages(request.passageIds),

  'wenmai/policy-line': async (request, ctx) => (await ctx.corpus()).policyLine(request.passageId),

  'wenmai/delete-article': async (request, ctx) => {
    const deleted = await deleteArticle(ctx.db, request.articleId);
    await ctx.corpusChanged([request.articleId]);
    return { deleted };
  },

  'wenmai/delete-articles': async (request, ctx) => {
    const deleted = await deleteUserArticles(ctx.db, request.articleIds);
    await ctx.corpusChanged(request.articleIds);
    return { deleted };
  },

  'wenmai/import-files': async (request, ctx) => {
    const { added, errors } = await addArticles(ctx, request.files);
    return {
      added: added.map((a) => ({ name: a.name, articleId: a.article.id, replaced: a.replaced })),
      errors,
    };
  },

  'wenmai/list-glossary': async (_request, ctx) => listGlossary(ctx.db),

  'wenmai/save-term': async (request, ctx) => {
    const entry = await saveUserTerm(ctx.db, request.entry);
    await ctx.invalidateGlossary();
    return { entry };
  },

  'wenmai/delete-term': async (request, ctx) => {
    const deleted = await deleteTerm(ctx.db, request.termId);
    await ctx.invalidateGlossary();
    return { deleted };
  },

  'wenmai/get-settings': async (_request, ctx) => ctx.settings(),

  'wenmai/set-settings': async (request, ctx) => {
    const saved = await saveSettings(ctx.db, request.settings);
    await ctx.invalidateSettings();
    return saved;
  },

  'wenmai/export-backup': async (_request, ctx) => {
    const backup = await exportBackup(ctx.db);
    return {
      json: JSON.stringify(backup, null, 1),
      fileName: `wenmai-backup-${backup.exportedAt.slice(0, 10)}.json`,
    };
  },

  'wenmai/import-backup': async (request, ctx) => restoreBackupJson(request.json, ctx),

  'wenmai/import-backup-part': async (request, ctx) => {
    const json = uploads.add(request.upload, request.index, request.total, request.text);
    return { restored: json === null ? null : await restoreBackupJson(json, ctx) };
  },

  'wenmai/wipe-user-data': async (_request, ctx) => {
    const mine = (await ctx.db.articles.where('origin').equals('user').primaryKeys()) as string[];
    const wiped = await wipeUserData(ctx.db);
    // The index forgets them at once (lists and pages must not show a wiped article).
    await ctx.corpusChanged(mine);
    // Edited bundle entries were replaced by the reader's versions: bring the shipped ones back.
    await ctx.reimportBundle();
    await Promise.all([ctx.invalidateGlossary(), ctx.invalidateSettings()]);
    return wiped;
  },

  'wenmai/import-status': async (_request, ctx) => ({
    ...ctx.importStatus(),
    index: ctx.corpusStatus(),
  }),

  'wenmai/ui-blocked': async (_request, _ctx, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { shown: false };
    // MV2 (Firefox) has browserAction where MV3 has action. Tab-specific: gone when the tab
    // navigates.
    const action = browser.action ?? browser.browserAction;
    await Promise.all([
      action.setBadgeText({ tabId, text: '!' }),
      action.setBadgeBackgroundColor({ tabId, color: '#b3261e' }),
      action.setTitle({ tabId, title: browser.i18n.getMessage('uiBlocked') }),
    ]);
    return { shown: true };
  },

  'wenmai/open-reader': async (request) => {
    const page = request.compare
      ? readerUrl({ compare: [request.compare[0]!, request.compare[1]!] })
      : request.line
        ? readerUrl({ line: request.line })
        : request.termId && !request.articleId
          ? readerUrl({
              term: request.termId,
              ...(request.period ? { period: request.period } : {}),
            })
          : request.articleId
            ? readerUrl({
                article: request.articleId,
                ...(request.passageId ? { passage: request.passageId } : {}),
              })
            : 'reader.html';
    await browser.tabs.create({ url: browser.runtime.getURL(`/${page}`) });
    return { opened: true };
  },

  'wenmai/convert': async (request) => {
    const convert = await loadConverter(request.to, request.variant);
    return { texts: request.texts.map((text) => convert(text)) };
  },
};
