/**
 * The Firefox build (.output/firefox-mv2) in a real Firefox: Playwright drives only its own patched
 * Firefox, so this uses puppeteer-core, which drives Debian's Firefox ESR over WebDriver BiDi and
 * installs the extension as a temporary add-on. The Chromium suite covers every behaviour; this
 * checks what differs in Firefox: the MV2 background, Xray-wrapped DOM in content scripts (no
 * adopted stylesheets), the highlight styles it can draw, and messaging.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentRequest } from '../../../lib/messages';
import type { PageState } from '../../../lib/page-state';
import { ROOT, serve } from '../harness';
import { highlightedTermPoint, highlightedTexts } from '../page-probes';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION = join(ROOT, '.output', 'firefox-mv2');
/** Fixed through a preference, so the test knows the extension's moz-extension:// origin. */
const UUID = '5e0c3f4a-8d2b-4c61-9a7e-2f1b6d9c0a11';
const EXTENSION_ID = 'wenmai@wenmai.local';

let firefox: Browser;
let server: Server;
let origin: string;
let extensionPage: Page;
/** A page opened before Wenmai was installed. */
let openedBefore: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(EXTENSION, 'manifest.json')))
    throw new Error(`no Firefox build in ${EXTENSION}: run "npx wxt build -b firefox" first`);
  ({ origin, server } = await serve({ fixtures: join(ROOT, 'tests', 'fixtures') }));
  firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: UUID }),
    },
  });
  openedBefore = await open('forum-discuz-repost.html');
  expect(await firefox.installExtension(EXTENSION)).toBe(EXTENSION_ID);
  extensionPage = await openExtensionPage('popup.html');
  await waitFor(
    'the bundled corpus to be imported',
    () =>
      extensionPage.evaluate(async () => {
        const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
        const reply = (await ext.runtime.sendMessage({ type: 'wenmai/import-status' })) as {
          ok: boolean;
          value: { state: string };
        };
        return reply.ok && reply.value.state === 'done';
      }),
    60_000,
  );
});

afterAll(async () => {
  await firefox?.close();
  server?.close();
});

/**
 * Opens an extension page. WebDriver BiDi reports no load event for moz-extension:// navigations,
 * so this waits for the page's own document instead.
 */
async function openExtensionPage(path: string): Promise<Page> {
  const page = await firefox.newPage();
  const url = `moz-extension://${UUID}/${path}`;
  await page.goto(url, { timeout: 3000 }).catch(() => undefined);
  await waitFor(`${path} to load`, () =>
    page.evaluate(
      (u) => location.href === u && document.readyState === 'complete' && 'browser' in globalThis,
      url,
    ),
  );
  return page;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeout = 20_000) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function open(name: string): Promise<Page> {
  const page = await firefox.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${String(error)}`));
  await page.goto(`${origin}/fixtures/${name}`);
  return page;
}

/** Sends a command to the content script of the tab showing a URL, from an extension page. */
function sendToTab(url: string, request: ContentRequest): Promise<PageState | null> {
  return extensionPage.evaluate(
    async (u, r) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tab = (await ext.tabs.query({})).find((t) => t.url === u);
      if (tab?.id === undefined) throw new Error(`no tab shows ${u}`);
      return (await ext.tabs.sendMessage(tab.id, r, { frameId: 0 })) as PageState | null;
    },
    url,
    request,
  );
}

async function waitForState(url: string, predicate: (s: PageState) => boolean): Promise<PageState> {
  let last: PageState | null = null;
  await waitFor(`the page state of ${url}`, async () => {
    last = await sendToTab(url, { type: 'wenmai/page-state' });
    return last !== null && predicate(last);
  });
  return last!;
}

const highlighted = (page: Page) => page.evaluate(highlightedTexts);

/**
 * How much of the viewport Wenmai's UI covers, as points of a 20-px grid where the page hits its
 * host. The UI's shadow root is closed, so the page (and this test) cannot read inside it; Chromium's
 * suite reads its text through CDP.
 */
const uiCoverage = (page: Page) =>
  page.evaluate(() => {
    let hits = 0;
    for (let y = 10; y < innerHeight; y += 20)
      for (let x = 10; x < innerWidth; x += 20)
        if (document.elementFromPoint(x, y)?.localName === 'wenmai-ui') hits++;
    return hits;
  });

describe('in Firefox, on a Traditional repost of a corpus article', () => {
  let page: Page;
  let url: string;
  let state: PageState;
  beforeAll(async () => {
    page = await open('news-repost-traditional.html');
    url = page.url();
    state = await waitForState(url, (s) => s.article !== null);
  });

  it('finds the duplicate and highlights the terms it counts', async () => {
    expect(state.lang).toBe('zh-Hant');
    expect(state.similar[0]).toMatchObject({
      source: '000_3f81ec7e54077723.txt',
      relation: 'duplicate',
    });
    const texts = await highlighted(page);
    expect(texts).toContain('新質生產力');
    // Registered within two screens of the viewport (the Chromium suite checks the rest on scroll).
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.length).toBeLessThanOrEqual(state.terms.reduce((n, t) => n + t.count, 0));
  });

  it('styles the highlights with a page stylesheet Firefox can draw (no underline)', async () => {
    const css = await page.evaluate(
      () => document.querySelector('style[data-wenmai-ui]')?.textContent ?? '',
    );
    expect(css).toContain('::highlight(wenmai-term)');
    expect(css).toMatch(/::highlight\(wenmai-term\) \{ background-color/);
    expect(css).not.toContain('text-decoration');
  });

  it('shows the banner and opens a glossary card on hover, which page scripts cannot read', async () => {
    await waitFor('the banner', () =>
      page.evaluate(
        () =>
          document.elementFromPoint(innerWidth - 40, innerHeight - 40)?.localName === 'wenmai-ui',
      ),
    );
    expect(
      await page.evaluate(() => document.querySelector('wenmai-ui')?.shadowRoot === null),
    ).toBe(true);
    const withBanner = await uiCoverage(page);
    const box = (await page.evaluate(highlightedTermPoint, '新質生產力'))!;
    await page.mouse.move(box.x, box.y);
    // The card is 360 px wide: at least 18 × 5 more grid points.
    await waitFor('the glossary card', async () => (await uiCoverage(page)) >= withBanner + 90);
    await page.keyboard.press('Escape');
    await waitFor('the card to close', async () => (await uiCoverage(page)) === withBanner);
  });

  it('converts Traditional → Simplified → original and restores byte-identical text', async () => {
    const before = await page.evaluate(() => document.body.innerHTML);
    const simplified = await sendToTab(url, { type: 'wenmai/set-script', script: 'simplified' });
    expect(simplified?.script).toBe('simplified');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('新质生产力');
    expect(text).not.toContain('新質生產力');
    expect(await highlighted(page)).toContain('新质生产力');
    const original = await sendToTab(url, { type: 'wenmai/set-script', script: 'original' });
    expect(original?.script).toBe('original');
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
  });
});

describe('in Firefox, pages open while Wenmai is installed and updated', () => {
  const shownOn = (page: Page) =>
    page.evaluate(() => ({
      hosts: document.querySelectorAll('wenmai-ui').length,
      sheets: document.querySelectorAll('style[data-wenmai-ui]').length,
      highlights: CSS.highlights.get('wenmai-term')?.size ?? 0,
    }));

  it('start without a reload', async () => {
    const state = await waitForState(openedBefore.url(), (s) => s.article !== null);
    expect(state.similar[0]?.relation).toBe('duplicate');
    const shown = await shownOn(openedBefore);
    expect(shown).toMatchObject({ hosts: 1, sheets: 1 });
    expect(shown.highlights).toBeGreaterThan(0);
  });

  it('show one Wenmai after an update', async () => {
    expect(await firefox.installExtension(EXTENSION)).toBe(EXTENSION_ID);
    // The update closed the old extension page.
    extensionPage = await openExtensionPage('popup.html');
    await waitFor('the updated Wenmai', async () => {
      const state = await sendToTab(openedBefore.url(), { type: 'wenmai/page-state' });
      return state?.article !== null && state?.article !== undefined;
    });
    await waitFor('one UI and one stylesheet', async () => {
      const shown = await shownOn(openedBefore);
      return shown.hosts === 1 && shown.sheets === 1 && shown.highlights > 0;
    });
  });
});

describe('in Firefox, on an English page', () => {
  it('does nothing and answers lang other', async () => {
    const page = await open('english-news.html');
    const state = await waitForState(page.url(), () => true);
    expect(state).toMatchObject({ lang: 'other', article: null, similar: [], terms: [] });
    expect(
      await page.evaluate(
        () => document.querySelector('wenmai-ui, style[data-wenmai-ui]') === null,
      ),
    ).toBe(true);
  });

  it('left no errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
