// Over 300 lines on purpose: one Chromium with the extension serves every check here (a launch
// costs seconds on this 2-core machine); each describe block is one thing a reader does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../../lib/page-state';
import {
  askBackgroundFrom,
  listedArticles,
  InPageUi,
  launch,
  ROOT,
  sendToTab,
  serve,
  waitForImport,
  waitForQuickStart,
  testId,
  waitForState,
  type Launched,
} from './harness';
import { highlightedTermPoint, highlightedTexts, paintedAroundViewportMiddle } from './page-probes';

let browser: Launched;
let server: Server;
let origin: string;
let extensionPage: Page;
const pageErrors: string[] = [];

/** A long page: one term a screen, for the highlights kept near the viewport. */
const LONG_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>长页面</title>
<style>p { margin: 0 0 900px; font: 16px/1.8 sans-serif; }</style></head><body><article>
${Array.from({ length: 40 }, (_, i) => `<p id="p${i}">第${i + 1}段：各地坚持因地制宜发展新质生产力，推动高质量发展。</p>`).join('\n')}
</article></body></html>`;

/** A phrase with one term, repeated into a single text node of about `chars` characters. */
const UNIT = '各地坚持因地制宜发展新质生产力，推动高质量发展取得新成效。';
const hugeTextNode = (chars: number) => {
  const repeats = Math.ceil(chars / UNIT.length);
  return {
    repeats,
    html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>超长文本</title></head><body><p>${UNIT.repeat(repeats)}</p></body></html>`,
  };
};
/**
 * A county portal's shapes: a menu hidden by the stylesheet, a dropdown closed by a zero-height box
 * that hides its overflow, both naming terms the article names once each.
 */
const HIDDEN_CHROME_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>县政府门户</title>
<style>.sub-menu { display: none; } .dropdown { height: 0; overflow: hidden; }</style></head><body>
<nav><ul><li>首页</li><li>政务公开<ul class="sub-menu"><li>优化营商环境专栏</li><li>营商环境评价</li></ul></li></ul>
<div class="dropdown"><a href="#">一带一路</a><a href="#">一带一路合作</a></div></nav>
<article><h1>县政府召开常务会议</h1>
${Array.from({ length: 6 }, (_, i) => `<p>第${i + 1}项：会议强调，要持续推进重点项目建设，加强基层治理，做好民生保障工作，确保各项任务按期完成。${i === 2 ? '会议要求持续优化营商环境，积极参与一带一路建设。' : ''}</p>`).join('\n')}
</article></body></html>`;

/** A page the parser shows in two parts: it waits for a slow script (held.js) between them. */
const LOADING_IN_PARTS_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>分段加载</title></head><body>
${Array.from({ length: 20 }, (_, i) => `<p>第${i + 1}段：各地坚持因地制宜发展新质生产力，推动高质量发展。</p>`).join('\n')}
<script src="/generated/held.js"></script>
${Array.from({ length: 20 }, (_, i) => `<p>第${i + 21}段：深化改革开放，推动高质量发展。</p>`).join('\n')}
</body></html>`;

/** A page whose deferred script (held by the test) runs after its parse, before DOMContentLoaded. */
const DEFERRED_SCRIPT_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>延后脚本</title>
<script defer src="/generated/held-defer.js"></script></head><body>
${Array.from({ length: 10 }, (_, i) => `<p>第${i + 1}段：各地坚持因地制宜发展新质生产力，推动高质量发展。</p>`).join('\n')}
</body></html>`;

const HUGE = { '1mb': hugeTextNode(1_048_576), '5mb': hugeTextNode(5 * 1_048_576) };

beforeAll(async () => {
  const generated = mkdtempSync(join(tmpdir(), 'wenmai-e2e-'));
  writeFileSync(join(generated, 'long-page.html'), LONG_PAGE);
  writeFileSync(join(generated, 'hidden-chrome.html'), HIDDEN_CHROME_PAGE);
  writeFileSync(join(generated, 'loading-in-parts.html'), LOADING_IN_PARTS_PAGE);
  writeFileSync(join(generated, 'deferred-script.html'), DEFERRED_SCRIPT_PAGE);
  for (const [size, page] of Object.entries(HUGE))
    writeFileSync(join(generated, `huge-${size}.html`), page.html);
  ({ origin, server } = await serve({
    fixtures: join(ROOT, 'tests', 'fixtures'),
    generated,
  }));
  browser = (await launch()) as Launched;
  extensionPage = await browser.context.newPage();
  await waitForImport(browser, extensionPage);
});

afterAll(async () => {
  await browser?.context.close();
  server?.close();
});

async function open(name: string, initScript?: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`${origin}/fixtures/${name}`);
  return page;
}

const analyzed = (state: PageState) => state.article !== null;
const highlighted = (page: Page) => page.evaluate(highlightedTexts);
/** Wenmai's in-page UI on a page (its shadow root is closed: read through the browser). */
const ui = (page: Page) => InPageUi.of(page);

describe('on a Traditional repost of a corpus article', () => {
  let page: Page;
  let state: PageState;
  beforeAll(async () => {
    page = await open('news-repost-traditional.html');
    state = await waitForState(browser, page, analyzed);
  });

  it('reports the page as a duplicate of the seed, with a score', () => {
    expect(state.lang).toBe('zh-Hant');
    expect(state.similar[0]).toMatchObject({
      source: '000_3f81ec7e54077723.txt',
      relation: 'duplicate',
    });
    expect(state.similar[0]!.score).toBeGreaterThan(0.9);
  });

  it('highlights every recognised term, in Traditional script, and counts what it highlights', async () => {
    const texts = await highlighted(page);
    expect(texts).toContain('新質生產力');
    const total = state.terms.reduce((n, t) => n + t.count, 0);
    expect(texts).toHaveLength(total);
    const visible = await page.evaluate(
      () => document.body.innerText.split('新質生產力').length - 1,
    );
    expect(state.terms.find((t) => t.headword === '新质生产力')?.count).toBe(visible);
  });

  it('shows the banner with the relation and score', async () => {
    const view = await ui(page);
    await expect.poll(() => view.text(testId('wenmai-banner'))).toContain('100%');
    expect(
      await view.attribute(`${testId('wenmai-banner')} [data-relation]`, 'data-relation'),
    ).toBe('duplicate');
    // The banner names the reader's own corpus articles: it is in an extension frame, which the
    // page's scripts cannot read (tests/e2e/isolation.e2e.test.ts tries harder).
    // (Its title in the page's script: this page is Traditional, seed 000 Simplified.)
    expect(state.similar[0]!.title).toBe('将组织工作同发展新质生产力紧密结合');
    expect(await view.text(testId('wenmai-banner'))).toContain(
      '將組織工作同發展新質生產力緊密結合',
    );
    expect(
      await page.evaluate((title) => {
        const frames = [...document.querySelectorAll<HTMLIFrameElement>('iframe[data-wenmai-ui]')];
        const unreadable = frames.every((frame) => {
          try {
            return frame.contentDocument === null;
          } catch {
            return true;
          }
        });
        return (
          frames.length > 0 && unreadable && !document.documentElement.innerText.includes(title)
        );
      }, state.similar[0]!.title),
    ).toBe(true);
  });

  it('opens a glossary card on hover, and closes it with Esc', async () => {
    const box = (await page.evaluate(highlightedTermPoint, '新質生產力'))!;
    await page.mouse.move(box.x, box.y);
    const view = await ui(page);
    const card = testId('wenmai-card');
    await expect
      .poll(() => view.text(card), { timeout: 5000 })
      .toContain('new quality productive forces');
    // The page is Traditional: so is the card, with the Simplified form beside it.
    expect(await view.text(testId('card-headword'))).toBe('新質生產力');
    expect(await view.text(card)).toContain('新质生产力');
    expect(await view.text(card)).toContain('全要素生產率');
    await view.focus(card);
    await page.keyboard.press('Escape');
    await expect.poll(() => view.count(card)).toBe(0);
  });

  it('gives a card opened by a click the keyboard focus, and Esc gives it back to the page', async () => {
    const view = await ui(page);
    const card = testId('wenmai-card');
    const point = (await page.evaluate(highlightedTermPoint, '新質生產力'))!;
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => view.text(testId('card-headword'))).toBe('新質生產力');
    const focusInCard = () =>
      page.evaluate(() => document.activeElement?.hasAttribute('data-wenmai-ui') ?? false);
    await expect.poll(focusInCard).toBe(true);
    await page.keyboard.press('Tab'); // within the card: its close button
    expect(await focusInCard()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => view.count(card)).toBe(0);
    await expect.poll(focusInCard).toBe(false);
  });

  it('keeps the card inside the window for a term at its bottom edge (it opens above)', async () => {
    const view = await ui(page);
    const card = testId('wenmai-card');
    // A term scrolled to the last line of the window.
    const box = await page.evaluate(() => {
      const ranges = [...(CSS.highlights.get('wenmai-term') as Iterable<AbstractRange>)];
      const live = document.createRange();
      const range = ranges[Math.floor(ranges.length / 2)]!;
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      const first = live.getClientRects()[0]!;
      window.scrollBy(0, first.bottom - innerHeight + 4);
      const rect = live.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, top: rect.top };
    });
    await page.mouse.move(box.x, box.y);
    await expect.poll(() => view.text(card), { timeout: 5000 }).toMatch(/\S{20}/);
    const viewport = page.viewportSize()!;
    await expect
      .poll(async () => (await view.rect(card))!.bottom)
      .toBeLessThanOrEqual(viewport.height);
    const placed = (await view.rect(card))!;
    expect(placed.top).toBeGreaterThanOrEqual(0);
    expect(placed.bottom).toBeLessThanOrEqual(box.top);
    await page.mouse.move(5, 5);
    await expect.poll(() => view.count(card)).toBe(0);
  });

  it('opens no card for clicks and pointer moves a page script forges, only for the reader’s', async () => {
    const view = await ui(page);
    const card = testId('wenmai-card');
    const box = (await page.evaluate(highlightedTermPoint, '新質生產力'))!;
    await page.mouse.move(5, 5);
    await expect.poll(() => view.count(card)).toBe(0);
    await page.evaluate(({ x, y }) => {
      for (const type of ['mousemove', 'click'])
        document
          .elementFromPoint(x, y)!
          .dispatchEvent(
            new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, button: 0 }),
          );
    }, box);
    // Longer than the hover delay: a forged event would have opened it by now.
    await page.waitForTimeout(800);
    expect(await view.count(card)).toBe(0);
    await page.mouse.click(box.x, box.y);
    await expect.poll(() => view.count(card)).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => view.count(card)).toBe(0);
  });

  it('marks passages that have parallels and shows them side by side with differences marked', async () => {
    expect(state.parallels.length).toBeGreaterThan(0);
    const view = await ui(page);
    await view.click(testId('passage-marker'));
    const panel = testId('wenmai-parallels');
    await expect.poll(() => view.count(`${panel} ${testId('parallel-match')}`)).toBeGreaterThan(0);
    expect(await view.count(`${panel} .wm-diff-side`)).toBeGreaterThanOrEqual(2);
    // Each comparison says what its marks mean.
    expect(await view.count(`${panel} ${testId('diff-legend')}`)).toBeGreaterThan(0);
    // From a parallel, the whole policy line: every parallel of it in the corpus, in the reader.
    const opened = browser.context.waitForEvent('page');
    await view.click(`${panel} ${testId('open-line')}`);
    const reader = await opened;
    await reader.waitForLoadState();
    expect(reader.url()).toMatch(/reader\.html\?line=/);
    await expect.poll(() => reader.getByTestId('line-anchor').count()).toBe(1);
    // The line of that corpus passage: its parallels in other articles, or plainly none.
    await expect
      .poll(
        async () =>
          (await reader.getByTestId('line-article').count()) +
          (await reader.getByTestId('line-none').count()),
      )
      .toBeGreaterThan(0);
    await reader.close();
    await page.bringToFront();
    await page.keyboard.press('Escape');
  });

  it('converts Traditional → Simplified → original and restores byte-identical text', async () => {
    const before = await page.evaluate(() => document.body.innerHTML);
    const simplified = await sendToTab(browser, page, {
      type: 'wenmai/set-script',
      script: 'simplified',
    });
    expect(simplified?.script).toBe('simplified');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('新质生产力');
    expect(text).not.toContain('新質生產力');
    expect(await page.evaluate(() => document.querySelector('[lang="zh-Hans"]') !== null)).toBe(
      true,
    );
    expect(await highlighted(page)).toContain('新质生产力');
    const original = await sendToTab(browser, page, {
      type: 'wenmai/set-script',
      script: 'original',
    });
    expect(original?.script).toBe('original');
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
    expect(original?.terms).toEqual(state.terms);
  });

  it('turns highlights off and on', async () => {
    const off = await sendToTab(browser, page, { type: 'wenmai/set-highlights', enabled: false });
    expect(off?.terms).toEqual([]);
    expect(await highlighted(page)).toEqual([]);
    const on = await sendToTab(browser, page, { type: 'wenmai/set-highlights', enabled: true });
    expect(on?.terms).toEqual(state.terms);
  });
});

describe('on other pages', () => {
  it('finds the Discuz forum post as a duplicate of the forum seed', async () => {
    const page = await open('forum-discuz-repost.html');
    const state = await waitForState(browser, page, analyzed);
    expect(state.similar[0]).toMatchObject({
      source: '002_e53861ccea28f2a4.txt',
      relation: 'duplicate',
    });
  });

  it('shows no banner on an unrelated Chinese page', async () => {
    const page = await open('unrelated-chinese.html');
    const state = await waitForState(browser, page, analyzed);
    expect(state.similar).toEqual([]);
    await page.waitForTimeout(300);
    expect(await (await ui(page)).count(testId('wenmai-banner'))).toBe(0);
  });

  it('does nothing on an English page and answers lang other', async () => {
    const page = await open('english-news.html');
    const state = await waitForState(browser, page, () => true);
    expect(state).toMatchObject({ lang: 'other', article: null, similar: [], terms: [] });
    expect(
      await page.evaluate(
        () =>
          document.querySelector('html > [data-wenmai-ui]') === null && CSS.highlights.size === 0,
      ),
    ).toBe(true);
  });
});

describe('commands from the context menu, keyboard and options', () => {
  it('opens the glossary card for a selection looked up from the context menu', async () => {
    const page = await open('unrelated-chinese.html');
    await waitForState(browser, page, analyzed);
    await sendToTab(browser, page, { type: 'wenmai/lookup', text: '  小马拉大车 ' });
    const view = await ui(page);
    await expect.poll(() => view.text(testId('card-headword'))).toBe('小马拉大车');
  });

  it('cycles original → Simplified → Traditional → original and toggles highlights from the keyboard commands', async () => {
    const page = await open('forum-discuz-repost.html');
    await waitForState(browser, page, analyzed);
    const view = await ui(page);
    const toast = testId('wenmai-toast');
    const scripts = [];
    const toasts = [];
    for (let i = 0; i < 3; i++) {
      scripts.push((await sendToTab(browser, page, { type: 'wenmai/cycle-script' }))?.script);
      // Each step says what it did: on a page already in Traditional the switch shows no change.
      await view.waitFor(toast);
      toasts.push(await view.text(toast));
    }
    expect(scripts).toEqual(['simplified', 'traditional', 'original']);
    expect(toasts).toEqual(['Simplified', 'Traditional', 'Original']);
    const off = await sendToTab(browser, page, { type: 'wenmai/toggle-highlights' });
    expect(off).toMatchObject({ highlights: false, terms: [] });
    await expect.poll(() => view.text(toast)).toBe('Highlights off');
    const on = await sendToTab(browser, page, { type: 'wenmai/toggle-highlights' });
    expect(on?.highlights).toBe(true);
    expect(on?.terms.length).toBeGreaterThan(0);
    await expect.poll(() => view.text(toast)).toBe('Highlights on');
    // The note goes by itself.
    await expect.poll(() => view.count(toast), { timeout: 4000 }).toBe(0);
  });

  it('highlights inside frames too', async () => {
    const page = await open('frame-page.html');
    await page.waitForLoadState('load');
    const child = page.frames().find((f) => f.url().endsWith('district-excerpt.html'))!;
    await expect
      .poll(() => child.evaluate(() => CSS.highlights.get('wenmai-term')?.size ?? 0), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
  });

  it('does nothing on a site the reader switched off', async () => {
    const settings = (await askBackgroundFrom(extensionPage, {
      type: 'wenmai/get-settings',
    })) as Record<string, unknown>;
    await askBackgroundFrom(extensionPage, {
      type: 'wenmai/set-settings',
      settings: { ...settings, disabledSites: ['127.0.0.1'] },
    });
    const page = await open('news-repost-traditional.html');
    await page.waitForTimeout(1500);
    expect(
      await page.evaluate(
        () =>
          CSS.highlights.size === 0 && document.querySelector('html > [data-wenmai-ui]') === null,
      ),
    ).toBe(true);
    await askBackgroundFrom(extensionPage, {
      type: 'wenmai/set-settings',
      settings: { ...settings, disabledSites: [] },
    });
    await page.reload();
    await waitForState(browser, page, analyzed);
  });
});

describe('on a page that changes', () => {
  let page: Page;
  beforeAll(async () => {
    pageErrors.length = 0;
    page = await open('dynamic-page.html');
  });

  it('follows content that arrives later and content the page removes', async () => {
    const has = (s: PageState, headword: string) => s.terms.some((t) => t.headword === headword);
    // The removed comment's term shows up, then goes when the page removes the comment.
    await waitForState(browser, page, (s) => has(s, '形式主义'));
    const state = await waitForState(
      browser,
      page,
      (s) => has(s, '关键少数') && !has(s, '形式主义'),
    );
    expect(state.terms.map((t) => t.headword)).toEqual(
      expect.arrayContaining(['三个区分开来', '网格化管理', '关键少数', '小马拉大车']),
    );
  });

  it('converts text the page adds while converted, and restores it', async () => {
    await sendToTab(browser, page, { type: 'wenmai/set-script', script: 'traditional' });
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added-later';
      p.textContent = '新添加的段落：发展新质生产力';
      document.getElementById('story')!.appendChild(p);
    });
    // The page is still ticking: its changes come in batches up to MAX_BATCH_MS (2 s) apart.
    await expect
      .poll(() => page.evaluate(() => document.getElementById('added-later')!.textContent), {
        timeout: 5000,
      })
      .toBe('新添加的段落：發展新質生產力');
    await sendToTab(browser, page, { type: 'wenmai/set-script', script: 'original' });
    expect(await page.evaluate(() => document.getElementById('added-later')!.textContent)).toBe(
      '新添加的段落：发展新质生产力',
    );
  });

  it('lets the page keep updating and removing its own text nodes without errors', async () => {
    await page.waitForFunction(
      () => (window as unknown as { __ticks: () => number }).__ticks() >= 40,
      undefined,
      { timeout: 10_000 },
    );
    expect(
      await page.evaluate(() => (window as unknown as { __pageErrors: string[] }).__pageErrors),
    ).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Records, in the page's own world, every message posted to it, what was highlighted when
 * DOMContentLoaded had reached every listener (the window's come after the document's, the
 * detector's among them) and what the first frame showed.
 */
const WATCH_PAGE = `(() => {
  const w = (window.__watch = { messages: [], atDomContentLoaded: null, firstFrameHighlights: null });
  const highlights = () => CSS.highlights.get('wenmai-term')?.size ?? 0;
  window.addEventListener('message', (event) => w.messages.push(event.data));
  window.addEventListener('DOMContentLoaded', () => (w.atDomContentLoaded = highlights()));
  document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
    w.firstFrameHighlights = highlights();
  }));
})();`;
type Watch = {
  messages: unknown[];
  atDomContentLoaded: number | null;
  firstFrameHighlights: number | null;
};
const watched = (page: Page) =>
  page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);

describe('on a long page', () => {
  it('registers highlights near the viewport, and brings the rest in on scrolling', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/generated/long-page.html`);
    const state = await waitForState(browser, page, (s) => s.terms.length > 0);
    // Every occurrence is recognised and counted…
    expect(state.terms.find((t) => t.headword === '新质生产力')?.count).toBe(40);
    const paragraphsWithHighlights = () =>
      page.evaluate(() => {
        const ids = new Set<string>();
        for (const r of (CSS.highlights.get('wenmai-term') ?? []) as Iterable<AbstractRange>)
          ids.add((r.startContainer.parentElement as Element).id);
        return [...ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      });
    // …but only those near the viewport are registered.
    await expect.poll(async () => (await paragraphsWithHighlights()).length).toBeLessThan(10);
    expect(await paragraphsWithHighlights()).toContain('p0');
    await page.evaluate(() => document.getElementById('p39')!.scrollIntoView());
    await expect.poll(paragraphsWithHighlights).toContain('p39');
    expect(await paragraphsWithHighlights()).not.toContain('p0');
    await page.close();
  });

  it('shows a term’s occurrences one after another (popup), wrapping at either end', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/generated/long-page.html`);
    const state = await waitForState(browser, page, (s) => s.terms.length > 0);
    const termId = state.terms.find((t) => t.headword === '新质生产力')!.termId;
    const shown = async (direction: 'next' | 'previous') => {
      await sendToTab(browser, page, { type: 'wenmai/show-term', termId, direction });
      return page.evaluate(() => {
        const [range] = [
          ...((CSS.highlights.get('wenmai-term-active') ?? []) as Iterable<AbstractRange>),
        ];
        const paragraph = range?.startContainer.parentElement as Element | undefined;
        const box = paragraph?.getBoundingClientRect();
        return {
          id: paragraph?.id,
          inView: box ? box.top >= 0 && box.bottom <= innerHeight : false,
        };
      });
    };
    expect(await shown('next')).toEqual({ id: 'p0', inView: true });
    expect(await shown('next')).toEqual({ id: 'p1', inView: true });
    expect(await shown('previous')).toEqual({ id: 'p0', inView: true });
    expect(await shown('previous')).toEqual({ id: 'p39', inView: true });
    await page.close();
  });
});

describe('a portal with hidden menus', () => {
  it('counts only the terms the reader can see, and says how many are in the article', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/generated/hidden-chrome.html`);
    const state = await waitForState(browser, page, (s) => s.article !== null);
    const term = (headword: string) => state.terms.find((t) => t.headword === headword);
    expect(term('营商环境')).toMatchObject({ count: 1, inArticle: 1 });
    expect(term('一带一路')).toMatchObject({ count: 1, inArticle: 1 });
    await page.close();
  });
});

describe('a page with one huge text node', () => {
  it.each(Object.entries(HUGE))(
    '(%s) is highlighted and answers, without a stack overflow',
    async (size, { repeats }) => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/generated/huge-${size}.html`);
      const state = await waitForState(browser, page, (s) => s.terms.length > 0, 60_000);
      expect(state.terms.find((t) => t.headword === '新质生产力')?.count).toBe(repeats);
      await expect.poll(async () => (await highlighted(page)).length).toBeGreaterThan(0);
      // Only the terms around what the reader sees are painted (all 360,000 of the 5 MB page's
      // kept the browser in its pre-paint for 14 s), and scrolling brings the terms of the new
      // place: the middle of the paragraph, then its end.
      const around = () => page.evaluate(paintedAroundViewportMiddle);
      expect((await around()).covers).toBe(true);
      for (const to of [0.5, 0.95]) {
        await page.evaluate((at) => window.scrollTo(0, document.body.scrollHeight * at), to);
        await expect.poll(async () => (await around()).covers).toBe(true);
        expect((await around()).painted).toBeLessThan(5000);
      }
      // The page puts a paragraph above it: the rescan numbers the blocks anew, and the huge one
      // is still painted only around the viewport.
      await page.evaluate(() => {
        const lead = document.createElement('p');
        lead.textContent = '导语：推动高质量发展。';
        document.body.prepend(lead);
      });
      const rescanned = await waitForState(
        browser,
        page,
        (s) => s.terms.find((t) => t.headword === '高质量发展')?.count === repeats + 1,
        60_000,
      );
      expect(rescanned.terms.find((t) => t.headword === '新质生产力')?.count).toBe(repeats);
      await expect.poll(async () => (await around()).covers).toBe(true);
      expect((await around()).painted).toBeLessThan(5000);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});

describe('the first screen', () => {
  it("is highlighted in the page's first frame, before the page script runs", async () => {
    await waitForQuickStart(browser);
    const page = await open('news-repost-traditional.html', WATCH_PAGE);
    await expect.poll(async () => (await watched(page)).firstFrameHighlights).toBeGreaterThan(0);
    // Not inside DOMContentLoaded: that is the page's own parse task (on a page without
    // subresources its load event and layout too), which the detector's work made long.
    expect((await watched(page)).atDomContentLoaded).toBe(0);
    // The page script then repaints the whole page.
    await waitForState(browser, page, analyzed);
    expect((await highlighted(page)).length).toBeGreaterThan(
      (await watched(page)).firstFrameHighlights!,
    );
  });

  it('gets its stylesheet at the first frame of a page still loading, before its elements are styled', async () => {
    // A page shown while it loads (the parser waits for a slow script halfway): a highlight
    // stylesheet added at DOMContentLoaded would make the browser restyle everything shown so far
    // (150–220 ms on the heavy bench's 3 M-character page, after its load event).
    await waitForQuickStart(browser);
    const page = await browser.context.newPage();
    await page.route('**/held.js', async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.fulfill({
        contentType: 'text/javascript',
        body: 'window.__whileLoading = { sheets: document.adoptedStyleSheets.length, readyState: document.readyState };',
      });
    });
    await page.goto(`${origin}/generated/loading-in-parts.html`);
    const whileLoading = await page.evaluate(
      () => (window as unknown as { __whileLoading: unknown }).__whileLoading,
    );
    expect(whileLoading).toEqual({ sheets: 1, readyState: 'loading' });
    // The page script takes that sheet over rather than adding another.
    await waitForState(browser, page, analyzed);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);
    expect((await highlighted(page)).length).toBeGreaterThan(0);
    await page.close();
  });

  it("waits for the page's deferred scripts, which run after the parse and may rewrite the page", async () => {
    await waitForQuickStart(browser);
    const page = await browser.context.newPage();
    await page.route('**/held-defer.js', async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.fulfill({
        contentType: 'text/javascript',
        body: "window.__atDeferred = { readyState: document.readyState, highlights: CSS.highlights.get('wenmai-term')?.size ?? 0 };",
      });
    });
    await page.goto(`${origin}/generated/deferred-script.html`);
    // The page was parsed and shown (its frames came) a second before its deferred script ran.
    expect(
      await page.evaluate(() => (window as unknown as { __atDeferred: unknown }).__atDeferred),
    ).toEqual({ readyState: 'interactive', highlights: 0 });
    await waitForState(browser, page, analyzed);
    expect((await highlighted(page)).length).toBeGreaterThan(0);
    await page.close();
  });

  it('is left alone while highlights are off', async () => {
    const settings = (await askBackgroundFrom(extensionPage, {
      type: 'wenmai/get-settings',
    })) as Record<string, unknown>;
    await askBackgroundFrom(extensionPage, {
      type: 'wenmai/set-settings',
      settings: { ...settings, highlightsEnabled: false },
    });
    try {
      const page = await open('news-repost-traditional.html', WATCH_PAGE);
      await waitForState(browser, page, analyzed);
      expect((await watched(page)).firstFrameHighlights).toBe(0);
      expect(await page.evaluate(() => CSS.highlights.get('wenmai-term')?.size ?? 0)).toBe(0);
    } finally {
      await askBackgroundFrom(extensionPage, { type: 'wenmai/set-settings', settings });
    }
  });
});

describe('on a page with fields, editable regions and hostile scripts', () => {
  let page: Page;
  const snapshot = (p: Page) =>
    p.evaluate(() => ({
      field: (document.getElementById('field') as HTMLInputElement).value,
      area: (document.getElementById('area') as HTMLTextAreaElement).value,
      editor: document.getElementById('editor')!.innerHTML,
      code: document.getElementById('code')!.textContent,
      svg: document.getElementById('svgtext')!.textContent,
      title: document.querySelector('h1')!.getAttribute('title'),
      alt: document.querySelector('img')!.getAttribute('alt'),
    }));

  beforeAll(async () => {
    page = await open('hostile-page.html');
    await waitForState(browser, page, analyzed);
  });

  it('highlights nothing inside fields, editable regions, code or SVG', async () => {
    const inside = await page.evaluate(
      () =>
        [...(CSS.highlights.get('wenmai-term') as Iterable<AbstractRange>)].filter((r) =>
          (r.startContainer.parentElement as Element).closest(
            'input, textarea, [contenteditable], code, svg',
          ),
        ).length,
    );
    expect(inside).toBe(0);
    expect(await highlighted(page)).toContain('新质生产力');
  });

  it('changes no field, editable region, code, SVG or attribute when converting', async () => {
    const before = await snapshot(page);
    await sendToTab(browser, page, { type: 'wenmai/set-script', script: 'traditional' });
    expect(await page.evaluate(() => document.getElementById('plain')!.textContent)).toContain(
      '新質生產力',
    );
    expect(await snapshot(page)).toEqual(before);
    await sendToTab(browser, page, { type: 'wenmai/set-script', script: 'original' });
    expect(await snapshot(page)).toEqual(before);
  });

  it('ignores messages, events and globals from the page', async () => {
    const state = await sendToTab(browser, page, { type: 'wenmai/page-state' });
    expect(state?.script).toBe('original');
    expect(state?.terms.length).toBeGreaterThan(0);
    const articles = (await listedArticles(extensionPage)) as {
      source: string;
    }[];
    expect(articles.some((a) => a.source.includes('evil.example'))).toBe(false);
  });

  it('is not announced to the page, and events the page forges cannot stop it', async () => {
    const watchedPage = await open('hostile-page.html', WATCH_PAGE);
    await waitForState(browser, watchedPage, analyzed);
    // The page posted its own three attempts twice over; nothing came from Wenmai.
    const { messages } = await watched(watchedPage);
    expect(JSON.stringify(messages)).not.toContain(browser.extensionId);
    expect(messages).toHaveLength(6);
    // The detector reads the pre-built term matcher from the package; the page cannot probe the
    // fixed address of that file to learn that Wenmai is installed (the file has a dynamic URL).
    const probe = await watchedPage.evaluate(
      (url) =>
        fetch(url).then(
          (response) => `read (${response.status})`,
          () => 'refused',
        ),
      `chrome-extension://${browser.extensionId}/quick/terms.bin`,
    );
    expect(probe).toBe('refused');
    // WXT's content-script context stops when the page dispatches its "started" event: Wenmai's
    // scripts do not use it, so events in that form (with the real extension id) change nothing.
    await watchedPage.evaluate((id) => {
      for (const name of ['detect', 'content', 'content-script'])
        document.dispatchEvent(
          new CustomEvent(`${id}:${name}:wxt:content-script-started`, {
            detail: { contentScriptName: name, messageId: 'page' },
          }),
        );
    }, browser.extensionId);
    await watchedPage.waitForTimeout(300);
    expect(
      await watchedPage.evaluate(
        () => document.querySelectorAll('html > div[data-wenmai-ui]').length,
      ),
    ).toBe(1);
    const state = await sendToTab(browser, watchedPage, { type: 'wenmai/page-state' });
    expect(state?.terms.length).toBeGreaterThan(0);
    await watchedPage.close();
  });

  it('keeps the page’s own event handlers working', async () => {
    await page.click('#term-link');
    await page.keyboard.press('a');
    expect(
      await page.evaluate(() => [
        (window as unknown as { __clicks: number }).__clicks,
        (window as unknown as { __keys: number }).__keys,
      ]),
    ).toEqual([1, 1]);
  });
});

describe('the reader’s own corpus', () => {
  it('finds a page as duplicate after adding it to the corpus and reloading', async () => {
    const page = await open('related-topic.html');
    const before = await waitForState(browser, page, analyzed);
    expect(before.similar.some((s) => s.relation === 'duplicate')).toBe(false);
    const article = (await sendToTab(browser, page, {
      type: 'wenmai/article-text',
    })) as unknown as { url: string; title: string; text: string };
    const added = (await askBackgroundFrom(extensionPage, {
      type: 'wenmai/add-article',
      ...article,
    })) as { articleId: string };
    await page.reload();
    const after = await waitForState(browser, page, analyzed);
    expect(after.similar[0]).toMatchObject({ articleId: added.articleId, relation: 'duplicate' });
  });

  it('restores everything from a backup after a wipe', async () => {
    const term = {
      id: 'e2e-term',
      headword: '测试专用术语',
      category: 'jargon',
      scope: 'national',
      gloss: 'test term',
      definition: { zh: '测试。', en: 'Test.' },
    };
    await askBackgroundFrom(extensionPage, { type: 'wenmai/save-term', entry: term });
    const settings = (await askBackgroundFrom(extensionPage, {
      type: 'wenmai/get-settings',
    })) as Record<string, unknown>;
    await askBackgroundFrom(extensionPage, {
      type: 'wenmai/set-settings',
      settings: { ...settings, traditionalVariant: 'hk', disabledSites: ['example.org'] },
    });
    const userArticles = async () =>
      (
        (await listedArticles(extensionPage)) as {
          id: string;
          origin: string;
        }[]
      ).filter((a) => a.origin === 'user');
    const articlesBefore = await userArticles();
    expect(articlesBefore.length).toBeGreaterThan(0);

    const { json } = (await askBackgroundFrom(extensionPage, { type: 'wenmai/export-backup' })) as {
      json: string;
    };
    await askBackgroundFrom(extensionPage, { type: 'wenmai/wipe-user-data' });
    expect(await userArticles()).toEqual([]);
    await expect(
      askBackgroundFrom(extensionPage, { type: 'wenmai/term', termId: 'e2e-term' }),
    ).rejects.toThrow(/unknown term/);

    await expect(
      askBackgroundFrom(extensionPage, { type: 'wenmai/import-backup', json: '{"format":"nope"}' }),
    ).rejects.toThrow(/not a Wenmai backup/);
    await askBackgroundFrom(extensionPage, { type: 'wenmai/import-backup', json });
    expect(await userArticles()).toEqual(articlesBefore);
    expect(
      (
        (await askBackgroundFrom(extensionPage, { type: 'wenmai/term', termId: 'e2e-term' })) as {
          entry: { headword: string };
        }
      ).entry.headword,
    ).toBe('测试专用术语');
    expect(await askBackgroundFrom(extensionPage, { type: 'wenmai/get-settings' })).toMatchObject({
      traditionalVariant: 'hk',
      disabledSites: ['example.org'],
    });
  });
});

describe('the popup on a page with frames', () => {
  it('adds the top page’s article, never a frame’s (an English frame, a Chinese frame)', async () => {
    const page = await open('iframe-embeds.html');
    await page.waitForLoadState('load');
    const frames = page.frames().map((frame) => frame.url());
    expect(frames.some((url) => url.endsWith('english-news.html'))).toBe(true);
    expect(frames.some((url) => url.endsWith('district-excerpt.html'))).toBe(true);
    await waitForState(browser, page, analyzed);
    // The real popup page, in a background tab of the article's window: the tab it asks about
    // (the window's active one) is the article's, as when the toolbar button opens it.
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    const opened = browser.context.waitForEvent('page', (p) => p.url().startsWith(popupUrl));
    await page.bringToFront();
    await browser.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      await chrome.tabs.create({ url, active: false, windowId: tab!.windowId });
    }, popupUrl);
    const popup = await opened;
    await popup.locator(testId('add-to-corpus')).click();
    const added = async () =>
      (
        (await listedArticles(extensionPage)) as { id: string; title: string; url?: string }[]
      ).filter((row) => row.url?.includes('/fixtures/iframe-') ?? false);
    await expect.poll(async () => (await added()).length, { timeout: 10_000 }).toBe(1);
    const [row] = await added();
    expect(row!.title).toContain('城市书房');
    // The corpus now holds the top page's text: reloaded, the page is its duplicate.
    await page.reload();
    const after = await waitForState(browser, page, (s) =>
      s.similar.some((x) => x.articleId === row!.id),
    );
    expect(after.similar.find((x) => x.articleId === row!.id)?.relation).toBe('duplicate');
    await askBackgroundFrom(extensionPage, { type: 'wenmai/delete-article', articleId: row!.id });
    await popup.close();
    await page.close();
  });
});
