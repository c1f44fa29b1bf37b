import type { Server } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MARKS } from '../../lib/db/import-bundle';
import {
  InPageUi,
  launchForInstall,
  ROOT,
  sendToTab,
  serve,
  testId,
  waitForImport,
  waitForState,
  type Launched,
} from './harness';

let context: BrowserContext;
let install: () => Promise<Launched>;
let server: Server;
let origin: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ origin, server } = await serve({ fixtures: join(ROOT, 'tests', 'fixtures') }));
  ({ context, install } = await launchForInstall());
});

afterAll(async () => {
  await context?.close();
  server?.close();
});

async function open(name: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
  await page.goto(`${origin}/fixtures/${name}`);
  return page;
}

/**
 * What Wenmai shows on the page: its page layer's hosts, its frames (the banner's), highlight
 * stylesheets and highlighted ranges.
 */
const shown = async (page: Page) => ({
  ...(await page.evaluate(() => ({
    hosts: document.querySelectorAll('html > div[data-wenmai-ui]').length,
    frames: document.querySelectorAll('html > iframe[data-wenmai-ui]').length,
    sheets: document.adoptedStyleSheets.length,
    highlights: CSS.highlights.get('wenmai-term')?.size ?? 0,
  }))),
  banner:
    (await (await InPageUi.of(page)).text(testId('wenmai-banner')))?.includes('100%') ?? false,
});

const welcomePages = () =>
  context.pages().filter((page) => /^chrome-extension:\/\/[a-z]+\/welcome\.html$/.test(page.url()));

describe('pages open while Wenmai is installed and updated', () => {
  let article: Page;
  let english: Page;
  let launched: Launched;

  beforeAll(async () => {
    article = await open('news-repost-traditional.html');
    english = await open('english-news.html');
  });

  it('start without a reload when Wenmai is installed', async () => {
    expect(await shown(article)).toMatchObject({ hosts: 0, frames: 0, highlights: 0 });
    launched = await install();
    await waitForImport(launched, await context.newPage());
    const state = await waitForState(launched, article, (s) => s.article !== null);
    expect(state.similar[0]?.relation).toBe('duplicate');
    await expect
      .poll(() => shown(article))
      .toMatchObject({ hosts: 1, frames: 1, sheets: 1, banner: true });
    expect((await shown(article)).highlights).toBeGreaterThan(0);
    expect(await sendToTab(launched, english, { type: 'wenmai/page-state' })).toMatchObject({
      lang: 'other',
    });
  });

  it('opens its welcome page once, on install, after the import', async () => {
    await expect.poll(() => welcomePages().length).toBe(1);
    const welcome = welcomePages()[0]!;
    await welcome.waitForSelector('[data-testid="welcome"] h1');
    expect(await welcome.locator('h1').textContent()).toBe('Welcome to Wenmai');
    // …once the corpus is in: opened at once, its renderer competed with the install import.
    const opened = await welcome.evaluate(() => performance.timeOrigin);
    const imported = await launched.worker.evaluate((name) => {
      const mark = performance.getEntriesByName(name)[0];
      return mark ? performance.timeOrigin + mark.startTime : null;
    }, IMPORT_MARKS.done);
    expect(imported).not.toBeNull();
    expect(opened).toBeGreaterThanOrEqual(imported!);
    await welcome.close();
  });

  it('change over to the updated Wenmai at once: the original text back, one banner, still answering', async () => {
    const original = await article.evaluate(() => document.body.innerHTML);
    const converted = await sendToTab(launched, article, {
      type: 'wenmai/set-script',
      script: 'simplified',
    });
    expect(converted?.script).toBe('simplified');
    expect(await article.evaluate(() => document.body.innerText)).toContain('新质生产力');

    launched = await install();
    // Before any page event could tell the old scripts that they were cut off: the old instance
    // put the page's own text back, and only the new one shows.
    await expect
      .poll(() => article.evaluate(() => document.body.innerHTML), { timeout: 10_000 })
      .toBe(original);
    const state = await waitForState(launched, article, (s) => s.article !== null);
    expect(state).toMatchObject({ lang: 'zh-Hant', script: 'original' });
    expect(state.similar[0]?.relation).toBe('duplicate');
    await expect
      .poll(() => shown(article))
      .toMatchObject({ hosts: 1, frames: 1, sheets: 1, banner: true });
    expect((await shown(article)).highlights).toBeGreaterThan(0);
    // An update is not a first run: no welcome page.
    expect(welcomePages()).toEqual([]);

    const simplified = await sendToTab(launched, article, {
      type: 'wenmai/set-script',
      script: 'simplified',
    });
    expect(simplified?.script).toBe('simplified');
    const restored = await sendToTab(launched, article, {
      type: 'wenmai/set-script',
      script: 'original',
    });
    expect(restored?.script).toBe('original');
    expect(await article.evaluate(() => document.body.innerHTML)).toBe(original);
    await article.mouse.move(300, 300);
    await article.mouse.move(320, 340);
    expect(await shown(article)).toMatchObject({ hosts: 1, sheets: 1 });
    expect(pageErrors).toEqual([]);
  });
});
