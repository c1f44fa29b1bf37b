/**
 * The Firefox build (.output/firefox-mv2) in a real Firefox: Playwright drives only its own patched
 * Firefox, so this uses puppeteer-core, which drives Debian's Firefox ESR over WebDriver BiDi and
 * installs the extension as a temporary add-on. The Chromium suite covers every behaviour; this
 * checks what differs in Firefox: the MV2 background, Xray-wrapped DOM in content scripts (no
 * adopted stylesheets), the highlight styles it can draw, and messaging.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentRequest } from '../../../lib/messaging/messages';
import type { PageState } from '../../../lib/page-state';
import { compactForMatch } from '../../../lib/normalise/fold-script';
import { ROOT, serve } from '../harness';
import { highlightedTermPoint, highlightedTexts, wenmaiSheets } from '../page-probes';

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
  const fixtures = join(ROOT, 'tests', 'fixtures');
  // The Traditional repost under the strictest policy a page can set: no frames at all.
  const generated = mkdtempSync(join(tmpdir(), 'wenmai-firefox-'));
  writeFileSync(
    join(generated, 'strict.html'),
    readFileSync(join(fixtures, 'news-repost-traditional.html'), 'utf8').replace(
      '<meta charset="utf-8">',
      `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; frame-src 'none'; child-src 'none'">`,
    ),
  );
  ({ origin, server } = await serve({ fixtures, generated }));
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
  // Firefox refuses WebDriver navigations to moz-extension:// URLs; the page Wenmai opens itself
  // on install is the test's way into the extension (its messaging, its tabs).
  extensionPage = await extensionTab('welcome.html');
  await waitFor(
    'the bundled corpus to be imported',
    async () => {
      const reply = (await askBackground({ type: 'wenmai/import-status' })) as {
        state: string;
      };
      return reply.state === 'done';
    },
    60_000,
  );
});

afterAll(async () => {
  await firefox?.close();
  server?.close();
});

/**
 * The tab showing an extension page (opened by the extension itself) whose path starts so, once
 * it has loaded.
 */
async function extensionTab(path: string): Promise<Page> {
  const url = `moz-extension://${UUID}/${path}`;
  let found: Page | undefined;
  await waitFor(`Wenmai to open ${path}`, async () => {
    for (const page of await firefox.pages()) {
      // Puppeteer keeps such a tab's URL as about:blank: ask the document.
      const here = await page
        .evaluate(() => ({ href: location.href, ready: document.readyState === 'complete' }))
        .catch(() => null);
      if (here?.href.startsWith(url) && here.ready) found = page;
    }
    return found !== undefined;
  });
  return found!;
}

/** Sends a background request from the extension page and unwraps the result. */
async function askBackground(request: { type: string }): Promise<unknown> {
  const reply = await extensionPage.evaluate(async (r) => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    return (await ext.runtime.sendMessage(r)) as { ok: boolean; value?: unknown; error?: string };
  }, request);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
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
 * How much of the viewport Wenmai's UI covers, as points of a 20-px grid where the page hits one of
 * its frames. The frames are cross-origin to the page, so the page (and this test, which drives
 * the page) cannot read inside them; Chromium's suite reads their text through Playwright.
 */
const uiCoverage = (page: Page) =>
  page.evaluate(() => {
    let hits = 0;
    for (let y = 10; y < innerHeight; y += 20)
      for (let x = 10; x < innerWidth; x += 20) {
        const hit = document.elementFromPoint(x, y);
        if (hit?.localName === 'iframe' && hit.hasAttribute('data-wenmai-ui')) hits++;
      }
    return hits;
  });

/**
 * The text of Wenmai's frame showing a surface, read through the browser's own connection to the
 * frame (Puppeteer names such frames about:blank: their documents say where they are).
 */
async function frameText(page: Page, surface: 'banner' | 'card'): Promise<string> {
  const texts = await Promise.all(
    page
      .frames()
      .map((frame) =>
        frame
          .evaluate(
            (surface) =>
              location.href.includes(`/page-frame.html#${surface}.`) ? document.body.innerText : '',
            surface,
          )
          .catch(() => ''),
      ),
  );
  return texts.join('');
}

/**
 * Whether a Wenmai frame is at the banner's corner, and the page can read neither them nor where
 * they come from.
 */
const bannerShownUnreadable = (page: Page, title: string) =>
  page.evaluate((title) => {
    const hit = document.elementFromPoint(innerWidth - 40, innerHeight - 40);
    const frames = [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-wenmai-ui]')];
    const unreadable = frames.every((frame) => {
      try {
        return frame.contentDocument === null;
      } catch {
        return true;
      }
    });
    return (
      hit?.localName === 'iframe' &&
      hit.hasAttribute('data-wenmai-ui') &&
      unreadable &&
      !document.documentElement.innerText.includes(title) &&
      // Nor the add-on's per-install address: the frames are navigated, not given a src.
      !document.documentElement.outerHTML.includes('moz-extension:')
    );
  }, title);

describe('in Firefox, on install', () => {
  it('opens the welcome page, translated', async () => {
    const shown = await extensionPage.evaluate(() => ({
      heading: document.querySelector('h1')?.textContent ?? '',
      jobs: document.querySelectorAll('.wm-welcome-jobs li').length,
    }));
    expect(shown).toEqual({ heading: 'Welcome to Wenmai', jobs: 4 });
  });
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

  it('styles the highlights with one page stylesheet Firefox can draw (no underline)', async () => {
    const sheets = await page.evaluate(wenmaiSheets);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toMatch(/::highlight\(wenmai-term\) \{\s*background-color/);
    expect(sheets[0]).not.toContain('text-decoration');
  });

  it('shows the banner and opens a glossary card on hover, which page scripts cannot read', async () => {
    // The banner names the corpus article: shown in a frame the page cannot read.
    await waitFor('the banner', () => bannerShownUnreadable(page, state.similar[0]!.title));
    // (In the page's script: this page is Traditional.)
    await waitFor('the banner to name the article', async () =>
      compactForMatch(await frameText(page, 'banner')).includes(
        compactForMatch(state.similar[0]!.title),
      ),
    );
    const withBanner = await uiCoverage(page);
    const box = (await page.evaluate(highlightedTermPoint, '新質生產力'))!;
    await page.mouse.move(box.x, box.y);
    // The card is 360 px wide: at least 18 × 5 more grid points.
    await waitFor('the glossary card', async () => (await uiCoverage(page)) >= withBanner + 90);
    await waitFor('the card to explain the term', async () =>
      (await frameText(page, 'card')).includes('全要素生產率'),
    );
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

describe('in Firefox, on a page whose policy allows no frames', () => {
  it('still shows the banner in its frame, which the page cannot read', async () => {
    // The page's own inline scripts and favicon break its policy: those reports are the page's.
    const page = await firefox.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${origin}/generated/strict.html`);
    const state = await waitForState(page.url(), (s) => s.similar.length > 0);
    const title = state.similar[0]!.title;
    await waitFor('the banner', () => bannerShownUnreadable(page, title));
    await waitFor('the banner to name the article', async () =>
      compactForMatch(await frameText(page, 'banner')).includes(compactForMatch(title)),
    );
    expect(errors.filter((error) => !error.includes('Content-Security-Policy'))).toEqual([]);
    await page.close();
  });
});

/** How many Wenmai UIs and highlight stylesheets a page has, and how many terms it highlights. */
const shownOn = async (page: Page) => ({
  ...(await page.evaluate(() => ({
    hosts: document.querySelectorAll('html > div[data-wenmai-ui]').length,
    highlights: CSS.highlights.get('wenmai-term')?.size ?? 0,
  }))),
  sheets: (await page.evaluate(wenmaiSheets)).length,
});

describe('in Firefox, a page open before Wenmai was installed', () => {
  it('start without a reload', async () => {
    const state = await waitForState(openedBefore.url(), (s) => s.article !== null);
    expect(state.similar[0]?.relation).toBe('duplicate');
    const shown = await shownOn(openedBefore);
    expect(shown).toMatchObject({ hosts: 1, sheets: 1 });
    expect(shown.highlights).toBeGreaterThan(0);
  });
});

describe('in Firefox, on an English page', () => {
  it('does nothing and answers lang other', async () => {
    const page = await open('english-news.html');
    const state = await waitForState(page.url(), () => true);
    expect(state).toMatchObject({ lang: 'other', article: null, similar: [], terms: [] });
    expect(await shownOn(page)).toEqual({ hosts: 0, sheets: 0, highlights: 0 });
  });
});

describe('in Firefox, after an update', () => {
  it('shows one Wenmai on a page that was open, whose banner opens the reader by keyboard', async () => {
    // The page keeps a reference to the old UI, to tell when the updated Wenmai has replaced it.
    await openedBefore.evaluate(() => {
      (window as unknown as { oldUi: Element | null }).oldUi =
        document.querySelector('html > [data-wenmai-ui]');
    });
    expect(await firefox.installExtension(EXTENSION)).toBe(EXTENSION_ID);
    // The update closed the extension's pages and opens none of its own: the reader, opened from
    // the updated Wenmai's banner, is the way back in.
    await waitFor('the updated Wenmai to replace the old UI and show its banner', async () => {
      const replaced = await openedBefore.evaluate(() => {
        const oldUi = (window as unknown as { oldUi: Element | null }).oldUi;
        const banner = document.elementFromPoint(innerWidth - 40, innerHeight - 40);
        return (
          oldUi !== null && !oldUi.isConnected && banner?.hasAttribute('data-wenmai-ui') === true
        );
      });
      const shown = await shownOn(openedBefore);
      return replaced && shown.hosts === 1 && shown.sheets === 1 && shown.highlights > 0;
    });
    await openedBefore.bringToFront();
    // A keyboard reader: from the page's last control, Tab enters the banner's frame (its dismiss
    // button, then the first similar article) and Enter opens that article.
    await waitFor('the banner to take focus', async () => {
      await openedBefore.evaluate(() => {
        const controls = document.querySelectorAll<HTMLElement>('a[href], button, input');
        controls[controls.length - 1]?.focus();
      });
      await openedBefore.keyboard.press('Tab');
      return openedBefore.evaluate(
        () =>
          document.activeElement?.localName === 'iframe' &&
          document.activeElement.hasAttribute('data-wenmai-ui'),
      );
    });
    await openedBefore.keyboard.press('Tab');
    await openedBefore.keyboard.press('Enter');
    extensionPage = await extensionTab('reader.html?article=');
    await waitFor('the reader to show the article', () =>
      extensionPage.evaluate(() => (document.querySelector('h1')?.textContent ?? '').length > 0),
    );
    const state = await waitForState(openedBefore.url(), (s) => s.article !== null);
    expect(state.similar[0]?.relation).toBe('duplicate');
    expect(await shownOn(openedBefore)).toMatchObject({ hosts: 1, sheets: 1 });
  });

  it('left no errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
