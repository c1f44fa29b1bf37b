/**
 * A large corpus in the built extension, as a reader builds one: thousands of articles imported
 * through the import the options page uses, then the service worker stopped (as the browser does
 * after 30 s idle), then every part used — a page's highlights and its similar article and parallel
 * passages, the options list and its search, the reader. The articles are synthetic (seed sentence
 * shapes, tests/bench/scale-corpus.ts). npm test runs it at 3,000; npm run test:scale at 100,000
 * (WENMAI_E2E_SCALE sets any size); npm run bench:scale measures 1k/10k/100k.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleArticle, scaleText } from '../bench/scale-corpus';
import { seed } from '../seeds';
import {
  askBackgroundFrom,
  launch,
  serve,
  waitForImport,
  waitForState,
  type Launched,
} from './harness';

/** 3,000 in npm test; `npm run test:scale` builds the 100,000-article profile (~5 min). */
const ARTICLES = Number(process.env.WENMAI_E2E_SCALE ?? 3000);
/** Building the profile: the import runs at a few hundred articles a second on a busy machine. */
const BUILD_TIMEOUT_MS = 120_000 + ARTICLES * 10;
const BATCH = 250;
const SEED = 77;
const text = scaleText((['000', '001', '002', '003', '004'] as const).map(seed));
const articleText = (i: number) => scaleArticle(SEED, i, text);
/** The article the test page excerpts. */
const SOURCE = Math.floor(ARTICLES * 0.73);

let browser: Launched;
let server: Server;
let origin: string;
let extensionPage: Page;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wenmai-scale-'));
  const paragraphs = articleText(SOURCE).split('\n');
  const body = [
    ...paragraphs.slice(1, 4),
    '本报记者补充：会后各地结合实际制定了落实方案，因地制宜发展新质生产力。',
  ]
    .map((p) => `<p>${p}</p>`)
    .join('');
  writeFileSync(
    join(dir, 'excerpt.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>转载</title></head><body><article><h1>转载：会议要求</h1>${body}</article></body></html>`,
  );
  ({ origin, server } = await serve({ pages: dir }));
  browser = (await launch()) as Launched;
  extensionPage = await browser.context.newPage();
  await waitForImport(browser, extensionPage);
  for (let from = 0; from < ARTICLES; from += BATCH) {
    const files = Array.from({ length: Math.min(BATCH, ARTICLES - from) }, (_, k) => ({
      name: `synthetic-${from + k}.txt`,
      title: `合成文章第${from + k}号`,
      text: articleText(from + k),
    }));
    const reply = (await askBackgroundFrom(extensionPage, {
      type: 'wenmai/import-files',
      files,
    })) as { added: unknown[]; errors: string[] };
    expect(reply.errors).toEqual([]);
    expect(reply.added.length).toBe(files.length);
  }
  // Stopped as the browser stops an idle worker: the next request starts a fresh one, which
  // must read its stored index, not rebuild it.
  const cdp = await browser.context.newCDPSession(extensionPage);
  await new Promise((r) => setTimeout(r, 2500)); // the index is saved 2 s after the last change
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // (The index status below says whether the next worker read a stored index: only a new one can.)
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await browser?.context.close();
  server?.close();
});

describe(`a corpus of ${ARTICLES.toLocaleString('en')} imported articles, after a worker restart`, () => {
  it('finds the article a page excerpts, links its passages, and highlights its terms', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/pages/excerpt.html`);
    const state = await waitForState(browser, page, (s) => s.similar.length > 0, 60_000);
    expect(state.similar[0]).toMatchObject({ title: `合成文章第${SOURCE}号`, relation: 'reuse' });
    expect(state.parallels.length).toBeGreaterThanOrEqual(3);
    expect(state.parallels[0]!.matches[0]!.articleId).toBe(state.similar[0]!.articleId);
    expect(state.terms.find((t) => t.headword === '新质生产力')?.count).toBeGreaterThan(0);
    // The restarted worker read its stored index: it did not index the articles again.
    const status = (await askBackgroundFrom(extensionPage, { type: 'wenmai/import-status' })) as {
      index: { state: string; stored: boolean; total: number };
    };
    expect(status.index).toMatchObject({ state: 'ready', stored: true, total: ARTICLES + 5 });
    await page.close();
  });

  it('lists and searches the whole corpus in the options page', async () => {
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const count = extensionPage.locator('[data-testid="corpus-count"]');
    await expect
      .poll(() => count.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${ARTICLES + 5} articles, ${ARTICLES} of them yours`));
    await extensionPage.fill('[data-testid="corpus-search"]', `合成文章第${SOURCE}号`);
    const rows = extensionPage.locator('[data-testid="corpus-row"]');
    await expect.poll(() => rows.count()).toBe(1);
    // Only the rows on screen exist, however long the list.
    await extensionPage.fill('[data-testid="corpus-search"]', '');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.count()).toBeLessThan(100);
  });

  it('opens an article in the reader', async () => {
    const href = await extensionPage
      .locator('[data-testid="corpus-row"] [data-testid="open-article"]')
      .first()
      .getAttribute('href');
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/${href}`);
    await expect.poll(() => extensionPage.locator('p.wm-passage').count()).toBeGreaterThan(3);
  });
});
