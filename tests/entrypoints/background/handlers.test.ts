import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handlers, type BackgroundContext } from '../../../entrypoints/background/handlers';
import { PATHS } from '../../../corpus/build/build-corpus';
import { parseBundle } from '../../../lib/bundle';
import { importBundle } from '../../../lib/db/import-bundle';
import { CorpusKeeper, loadGlossary } from '../../../lib/db/corpus-store';
import { getSettings } from '../../../lib/db/repository';
import { WenmaiDB } from '../../../lib/db/schema';
import { serializeTrie } from '../../../lib/normalise/compact-trie';
import { buildSToTTable, S2T_TABLE_FILE } from '../../../lib/normalise/s2t-table';
import type { MatchingGlossary } from '../../../lib/match/corpus-index';
import {
  PAGE_REQUESTS,
  senderMayAsk,
  type BackgroundRequest,
  type BackgroundResponses,
  type BackgroundType,
} from '../../../lib/messaging/messages';

const bundle = (() => {
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();

let db: WenmaiDB;
let glossary: Promise<MatchingGlossary> | null = null;
let corpus: CorpusKeeper;
const ctx: BackgroundContext = {
  get db() {
    return db;
  },
  glossary: () => (glossary ??= loadGlossary(db)),
  corpus: () => corpus.index(),
  corpusChanged: (ids, rows) => corpus.changed(ids, rows),
  invalidateGlossary: async () => {
    glossary = null;
    corpus.invalidate();
  },
  corpusStatus: () => corpus.status(),
  settings: () => getSettings(db),
  invalidateSettings: async () => undefined,
  importStatus: () => ({ state: 'done', done: 0, total: 0, errors: [] }),
  reimportBundle: async () => undefined,
};
const fromPage = { id: 'wenmai', url: 'https://news.example.cn/a.html', tab: { id: 3 } };

function ask<K extends BackgroundType>(
  request: Extract<BackgroundRequest, { type: K }>,
): Promise<BackgroundResponses[K]> {
  const handler = handlers[request.type] as unknown as (
    r: typeof request,
    c: BackgroundContext,
    s: typeof fromPage,
  ) => Promise<BackgroundResponses[K]>;
  return handler(request, ctx, fromPage);
}

beforeAll(async () => {
  // The package's pre-built conversion table, as the build writes it (wxt.config.ts).
  const table = serializeTrie(buildSToTTable());
  vi.stubGlobal('fetch', async (url: string) => {
    if (!url.endsWith(S2T_TABLE_FILE)) throw new Error(`unexpected fetch ${url}`);
    return new Response(new Blob([table.slice()]));
  });
  db = new WenmaiDB('wenmai-handlers-test');
  corpus = new CorpusKeeper(db, ctx.glossary);
  await importBundle(db, bundle, () => undefined);
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await corpus.flush();
  await db.delete();
});

const seed = bundle.articles[0]!;

describe('background handlers', () => {
  it('analyze: a corpus article’s own text is its duplicate, with its passages linked', async () => {
    const analysis = await ask({
      type: 'wenmai/analyze',
      url: 'https://news.example.cn/a.html',
      article: { title: seed.title, text: seed.text },
    });
    expect(analysis.lang).toBe(seed.lang);
    expect(analysis.similar[0]).toMatchObject({ articleId: seed.id, relation: 'duplicate' });
    expect(analysis.parallels.length).toBeGreaterThan(0);
  });

  it('analyze: an English article gets no corpus work', async () => {
    const analysis = await ask({
      type: 'wenmai/analyze',
      url: 'https://example.com/',
      article: { title: 'News', text: 'The weather was fine all week across the country.' },
    });
    expect(analysis).toEqual({
      lang: 'other',
      article: null,
      similar: [],
      parallels: [],
      articleTerms: {},
    });
  });

  it('term and find-term: a glossary card by id, an entry by any written form', async () => {
    const found = await ask({ type: 'wenmai/find-term', text: '新質生產力' });
    expect(found).not.toBeNull();
    const card = await ask({ type: 'wenmai/term', termId: found!.termId });
    expect(card.entry.headword).toBe('新质生产力');
    expect(card.occurrences.length).toBeGreaterThan(0);
    expect(card).toMatchObject({ script: 'simplified', headword: '新质生产力' });
    // For a reader of a Traditional page, in Traditional (Wenmai's conversion, Taiwan or HK).
    const traditional = await ask({
      type: 'wenmai/term',
      termId: found!.termId,
      script: 'traditional',
      variant: 'tw',
    });
    expect(traditional).toMatchObject({ script: 'traditional', headword: '新質生產力' });
    expect(traditional.entry.headword).toBe('新质生产力');
    expect(traditional.entry.definition.zh).toContain('生產力');
    expect(traditional.entry.definition.zh).not.toContain('生产力');
    expect(traditional.occurrences[0]!.snippet).not.toContain('生产力');
    await expect(ask({ type: 'wenmai/term', termId: 'no-such-term' })).rejects.toThrow(
      'unknown term',
    );
  });

  it('convert: Traditional (Taiwan) and back to Simplified', async () => {
    const traditional = await ask({
      type: 'wenmai/convert',
      texts: ['发展新质生产力'],
      to: 'traditional',
      variant: 'tw',
    });
    expect(traditional.texts).toEqual(['發展新質生產力']);
    const simplified = await ask({
      type: 'wenmai/convert',
      texts: traditional.texts,
      to: 'simplified',
      variant: 'tw',
    });
    expect(simplified.texts).toEqual(['发展新质生产力']);
  });

  it('add-article: the reader’s article is listed, and found as its own duplicate afterwards', async () => {
    const text = seed.text.slice(0, 3000);
    const added = await ask({
      type: 'wenmai/add-article',
      url: 'https://blog.example.cn/post/1',
      title: '我的文章',
      text,
    });
    const listed = await ask({ type: 'wenmai/list-articles', search: '我的文章' });
    expect(listed.rows.find((a) => a.id === added.articleId)).toMatchObject({
      title: '我的文章',
      origin: 'user',
    });
    await ctx.invalidateGlossary();
    const deleted = await ask({ type: 'wenmai/delete-article', articleId: added.articleId });
    expect(deleted.deleted).toBe(true);
    expect((await ask({ type: 'wenmai/list-articles', search: '我的文章' })).matching).toBe(0);
  });

  it('import-files then delete-articles: an import is undone, and what was there before stays', async () => {
    const file = (name: string) => ({ name, title: name, text: seed.text.slice(0, 1500) + name });
    const first = await ask({ type: 'wenmai/import-files', files: [file('a.txt')] });
    expect(first.added.map((a) => a.replaced)).toEqual([false]);
    const second = await ask({
      type: 'wenmai/import-files',
      files: [file('a.txt'), file('b.txt'), file('c.txt')],
    });
    expect(second.added.map((a) => a.replaced)).toEqual([true, false, false]);
    const fresh = second.added.filter((a) => !a.replaced).map((a) => a.articleId);
    // A shipped article's id among them is refused, not deleted.
    const undone = await ask({
      type: 'wenmai/delete-articles',
      articleIds: [...fresh, bundle.articles[0]!.id],
    });
    expect(undone.deleted).toBe(2);
    const mine = await ask({ type: 'wenmai/list-articles', origin: 'user' });
    expect(mine.rows.map((r) => r.source)).toEqual(['a.txt']);
    expect((await ask({ type: 'wenmai/list-articles' })).total).toBe(bundle.articles.length + 1);
    await ask({ type: 'wenmai/delete-articles', articleIds: [first.added[0]!.articleId] });
  });

  it('wipe-user-data: the list and the index forget the reader’s articles at once', async () => {
    await ask({
      type: 'wenmai/add-article',
      url: 'https://blog.example.cn/post/2',
      title: '要清除的文章',
      text: seed.text.slice(0, 2000),
    });
    expect((await ask({ type: 'wenmai/list-articles', origin: 'user' })).matching).toBe(1);
    await ask({ type: 'wenmai/wipe-user-data' });
    const after = await ask({ type: 'wenmai/list-articles' });
    expect(after).toMatchObject({ userTotal: 0, total: bundle.articles.length });
  });
});

describe('who may ask what', () => {
  const extension = { id: 'wenmai', origin: 'chrome-extension://wenmai/' };

  it('lets the extension’s own pages ask anything', () => {
    const page = { id: 'wenmai', url: 'chrome-extension://wenmai/options.html' };
    expect(senderMayAsk('wenmai/export-backup', page, extension)).toBe(true);
    expect(senderMayAsk('wenmai/set-settings', page, extension)).toBe(true);
  });

  it('gives Wenmai’s scripts in web pages only what a page view needs', () => {
    for (const type of Object.keys(handlers) as BackgroundType[])
      expect(senderMayAsk(type, fromPage, extension), type).toBe(PAGE_REQUESTS.has(type));
    for (const type of [
      'wenmai/export-backup',
      'wenmai/import-backup',
      'wenmai/wipe-user-data',
      'wenmai/set-settings',
      'wenmai/get-settings',
      'wenmai/list-articles',
      'wenmai/policy-line',
      'wenmai/import-files',
      'wenmai/delete-article',
      'wenmai/save-term',
    ] as const)
      expect(senderMayAsk(type, fromPage, extension), type).toBe(false);
    expect(senderMayAsk('wenmai/term', fromPage, extension)).toBe(true);
  });

  it('gives its frames on pages nothing: any page may embed them, and they ask nothing', () => {
    for (const url of [
      'chrome-extension://wenmai/page-frame.html',
      'chrome-extension://wenmai/page-frame.html#banner.0123456789abcdef0123456789abcdef',
      // Chromium's dynamic URL for a web-accessible resource: another host, the same scheme.
      'chrome-extension://0a1b2c3d-session/page-frame.html#card.0123456789abcdef0123456789abcdef',
    ])
      for (const type of Object.keys(handlers) as BackgroundType[])
        expect(senderMayAsk(type, { id: 'wenmai', url }, extension), `${type} ${url}`).toBe(false);
  });

  it('answers no other extension', () => {
    expect(senderMayAsk('wenmai/term', { ...fromPage, id: 'other' }, extension)).toBe(false);
  });
});
