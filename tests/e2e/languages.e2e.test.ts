import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InPageUi,
  launch,
  openPopupFor,
  ROOT,
  sendToTab,
  serve,
  testId,
  UI_LANGUAGES,
  waitForImport,
  waitForState,
  wenmaiFrames,
  type Launched,
  type UiLanguage,
} from './harness';

/** The strings Wenmai shows in a UI language, as the browser reads them. */
const messages = (language: UiLanguage): Record<string, { message: string }> =>
  JSON.parse(
    readFileSync(
      join(
        ROOT,
        'public',
        '_locales',
        language.replace('-US', '').replace('-', '_'),
        'messages.json',
      ),
      'utf8',
    ),
  );

/**
 * Values of Wenmai's enums that must never reach the reader as they are: in a Chinese UI none of
 * them; in English the ones that are no English word (the others are also its labels).
 */
const RAW_VALUES = {
  chinese:
    /\b(concept|national|duplicate|reuse|related|simplified|traditional|original|bundle|local-brand|zh-Hans|zh-Hant|zh-mixed|idle|running)\b/,
  english: /\b(local-brand|zh-Hans|zh-Hant|zh-mixed|bundle)\b/,
};

/**
 * Latin words a Chinese UI shows where it means to: technical names (file types, CSV columns,
 * shortcut keys), not sentences. Text marked lang="en" (glosses, English definitions) is English on
 * purpose and is not read.
 */
const LATIN_ALLOWED = new Set(
  'txt html htm json csv JSON CSV url title text full_text source_url publish_date province Ctrl Shift Firefox example com Wenmai'.split(
    ' ',
  ),
);

/** A document's visible text outside lang="en" elements, file names and addresses, by node. */
function readerText(): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (
      !parent ||
      parent.closest('[lang^="en"]:not(html), code, script, style, .wm-source, [hidden]')
    )
      continue;
    if (parent.checkVisibility()) texts.push(node.textContent ?? '');
  }
  for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder]'))
    texts.push(field.placeholder);
  return texts;
}

const chinese = (language: UiLanguage) => language !== 'en-US';
const traditional = (language: UiLanguage) => language === 'zh-TW';

/** A page's visible text, with what a Chinese UI must not show in it. */
async function checkText(
  target: Page | Frame,
  language: UiLanguage,
): Promise<{ text: string; latin: string[] }> {
  const texts = await target.evaluate(readerText);
  const raw = RAW_VALUES[chinese(language) ? 'chinese' : 'english'];
  expect(texts.filter((text) => raw.test(text))).toEqual([]);
  const latin = chinese(language)
    ? texts
        .flatMap((text) => text.match(/[A-Za-z][A-Za-z_-]{2,}/g) ?? [])
        .filter((word) => !LATIN_ALLOWED.has(word))
    : [];
  return { text: texts.join('\n'), latin };
}

describe.each(UI_LANGUAGES)('in the %s UI', (language) => {
  let browser: Launched;
  let server: Server;
  let origin: string;
  let page: Page;
  const strings = messages(language);
  const url = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;
  const open = async (fixture: string) => {
    const tab = await browser.context.newPage();
    await tab.goto(`${origin}/fixtures/${fixture}`);
    await waitForState(browser, tab, (s) => s.article !== null && s.similar.length > 0);
    return tab;
  };

  beforeAll(async () => {
    ({ origin, server } = await serve({ fixtures: join(ROOT, 'tests', 'fixtures') }));
    browser = (await launch({ uiLanguage: language })) as Launched;
    page = await browser.context.newPage();
    await waitForImport(browser, page);
  });

  afterAll(async () => {
    await browser?.context.close();
    server?.close();
  });

  it('keeps the card inside the window at its bottom edge, written in the reader’s script', async () => {
    const forum = await open('forum-discuz-repost.html');
    const view = await InPageUi.of(forum);
    // A term on the window's last line of a Simplified page.
    const box = await forum.evaluate(() => {
      const ranges = [...(CSS.highlights.get('wenmai-term') as Iterable<AbstractRange>)];
      const live = document.createRange();
      const range = ranges.find(
        (r) =>
          r.startContainer === r.endContainer &&
          r.startContainer.textContent?.slice(r.startOffset, r.endOffset) === '新质生产力',
      )!;
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      window.scrollBy(0, live.getClientRects()[0]!.bottom - innerHeight + 4);
      const rect = live.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, top: rect.top };
    });
    await forum.mouse.move(box.x, box.y);
    const card = testId('wenmai-card');
    await view.waitFor(testId('term-timeline'), 8000);
    const placed = (await view.rect(card))!;
    expect(placed.top).toBeGreaterThanOrEqual(0);
    expect(placed.bottom).toBeLessThanOrEqual(forum.viewportSize()!.height);
    // A zh-TW reader reads the card in Traditional, on a Simplified page too.
    const headword = await view.text(testId('card-headword'));
    expect(headword).toBe(traditional(language) ? '新質生產力' : '新质生产力');
    const frames = wenmaiFrames(forum);
    const hasCard = await Promise.all(frames.map((f) => f.locator(card).count()));
    const { text, latin } = await checkText(frames[hasCard.findIndex((n) => n > 0)]!, language);
    expect(latin).toEqual([]);
    expect(text).toContain(strings.timelineTitle!.message);
    // Its timeline: the corpus articles holding the term, as bars by date.
    expect(await view.count(testId('timeline-bar'))).toBeGreaterThan(0);
    await forum.close();
  });

  it('writes the popup’s title and terms in the page’s script, or the zh-TW reader’s', async () => {
    const news = await open('news-repost-traditional.html');
    const popup = await openPopupFor(browser, news);
    const terms = popup.locator(testId('term-headword'));
    await expect.poll(() => terms.count()).toBeGreaterThan(3);
    // A Traditional page: its terms are Traditional whatever the UI.
    await expect.poll(() => terms.allTextContents()).toContain('新質生產力');
    const { latin } = await checkText(popup, language);
    expect(latin.filter((word) => !/^\d|^[a-z]+\.[a-z]/.test(word))).toEqual([]);
    await popup.close();
    const forum = await open('forum-discuz-repost.html');
    const overSimplified = await openPopupFor(browser, forum);
    const forumTerms = overSimplified.locator(testId('term-headword'));
    await expect
      .poll(() => forumTerms.allTextContents())
      .toContain(traditional(language) ? '新質生產力' : '新质生产力');
    // Jump to a term's next occurrence on the page from the popup.
    await overSimplified.locator(testId('term-next')).first().click();
    await expect
      .poll(() =>
        forum.evaluate(() => [...(CSS.highlights.get('wenmai-term-active') ?? [])].length),
      )
      .toBe(1);
    await overSimplified.close();

    // The keyboard command's note, in the UI language.
    const view = await InPageUi.of(forum);
    await sendToTab(browser, forum, { type: 'wenmai/cycle-script' });
    await expect
      .poll(() => view.text(testId('wenmai-toast')))
      .toBe(strings.scriptSimplified!.message);
    await forum.close();
    await news.close();
  });

  it('shows the options page in the UI language, counts with their units, each field’s error at the field', async () => {
    await page.goto(url('options.html'));
    await expect.poll(() => page.locator(testId('glossary-row')).count()).toBeGreaterThan(10);
    const count = await page.locator(testId('import-count')).textContent();
    expect(count).toMatch(/\d+\D+\d+\D/);
    const { latin } = await checkText(page, language);
    expect(latin).toEqual([]);
    await page.locator(testId('term-new')).click();
    await page.locator(testId('term-headword')).fill('x');
    expect(await page.locator(testId('term-id')).inputValue()).toMatch(/^my-[a-z0-9]+$/);
    await page.locator(testId('term-save')).click();
    await expect.poll(() => page.locator(testId('term-headword-error')).count()).toBe(1);
    expect(await page.locator(testId('term-gloss-error')).textContent()).toBe(
      strings.termErrorRequired!.message,
    );
    expect(await page.locator(testId('term-headword')).getAttribute('aria-invalid')).toBe('true');
    expect((await checkText(page, language)).latin).toEqual([]);
    // A settings change says so, and the note goes.
    await page.locator('input[type="radio"]').nth(1).check();
    await expect
      .poll(() => page.locator(testId('message')).textContent())
      .toBe(strings.settingsSaved!.message);
    await expect
      .poll(() => page.locator(testId('message')).textContent(), { timeout: 8000 })
      .toBe('');
  });

  it('browses the corpus: search in either script, a term over time, its articles, the article at the term', async () => {
    await page.goto(url('reader.html'));
    const rows = page.locator(testId('corpus-row'));
    await expect.poll(() => rows.count()).toBeGreaterThan(4);
    // Seed 001's title is Traditional; searched for in Simplified.
    await page.locator(testId('corpus-search')).fill('以组织工作保障全面深化改革');
    await expect.poll(() => rows.count()).toBe(1);
    const title = await rows.first().locator('.wm-list-title').textContent();
    if (language === 'zh-CN') expect(title).toContain('以组织工作保障全面深化改革');
    else expect(title).toContain('以組織工作保障全面深化改革');
    // A search that names a term shows it over time.
    await page.locator(testId('corpus-search')).fill('新質生產力');
    const panel = page.locator(testId('search-term'));
    await expect.poll(() => panel.getAttribute('data-term-id')).toBe('xinzhi-shengchanli');
    expect((await checkText(page, language)).latin).toEqual([]);
    const bar = panel.locator('[data-testid="timeline-bar"][role="button"]').first();
    const period = await bar.getAttribute('data-period');
    const articles = Number(await bar.getAttribute('data-articles'));
    await bar.click();
    await expect.poll(() => page.url()).toContain(`term=xinzhi-shengchanli&period=${period}`);
    await expect.poll(() => rows.count()).toBe(articles);
    const href = await rows.first().locator(testId('open-article')).getAttribute('href');
    await page.goto(url(href!));
    const focus = page.locator('mark.term.focus').first();
    await expect.poll(() => focus.count()).toBe(1);
    const box = (await focus.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(page.viewportSize()!.height);
  });

  it('welcomes in the UI language, and has its toolbar icons', async () => {
    await page.goto(url('welcome.html'));
    await page.waitForSelector('[data-testid="welcome"] h1');
    expect(await page.locator('h1').textContent()).toBe(strings.welcomeTitle!.message);
    expect((await checkText(page, language)).latin).toEqual([]);
    const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    expect(Object.keys(manifest.icons ?? {})).toEqual(
      expect.arrayContaining(['16', '32', '48', '128']),
    );
    expect(Object.keys(manifest.action?.default_icon ?? {}).length).toBeGreaterThan(0);
  });
});
