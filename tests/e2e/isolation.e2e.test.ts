// The reader's own corpus kept from the pages Wenmai runs on: each attack a page can make on
// Wenmai's in-page UI, and what the page gets (nothing of the corpus) and the reader keeps (the UI).
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askBackgroundFrom,
  InPageUi,
  launch,
  serve,
  testId,
  waitForImport,
  wenmaiFrames,
  waitForState,
  type Launched,
} from './harness';
import { highlightedTermPoint } from './page-probes';

/** A private article of the reader's: its title and a sentence only it has. */
const PRIVATE_TITLE = '内部研读笔记：青石巷课题组初稿';
const SECRET = '青石巷课题组内部意见认为';
const TERM = '小马拉大车';

const COMMON = [
  '今年以来，各地深入推进基层治理体系和治理能力现代化建设，围绕群众急难愁盼问题，持续整治形式主义为基层减负，推动资源、服务、管理向社区下沉，基层干部把更多时间和精力用在抓落实上。',
  '在乡镇街道层面，一些地方厘清职责边界，制定属地管理事项主体责任和配合责任清单，明确哪些事项由县级部门负责、哪些事项由乡镇负责，防止层层向下转嫁任务和责任。',
  '同时，有关部门规范村级组织工作事务、机制牌子和证明事项，清理各类考核评比和报表填报，整合各类工作群和政务应用程序，切实减少基层迎检迎评的负担。',
  '在人员和经费方面，多地推动编制资源向基层倾斜，完善基层干部激励保障机制，落实工作补贴和健康体检等制度，让基层干部干事有平台、发展有空间、待遇有保障。',
];
/** The page's own paragraph with the term (the page knows it). */
const PAGE_ONLY = `也有基层干部坦言，权责不对等的${TERM}现象仍未根除，一些上级部门仍把本应自身承担的任务交给乡镇，需要继续下大力气整治。`;
/** The private article's paragraph with the term: its snippet is the reader's, not the page's. */
const PRIVATE_ONLY = `${SECRET}，乡镇“${TERM}”问题须在年内拿出整改清单，并对三个试点街道的编制缺口逐一登记。`;

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>基层减负观察</title>
<style>body { font: 16px/1.8 sans-serif; max-width: 760px; margin: 24px auto; }</style></head>
<body><article><h1>基层减负观察：让干部把精力用在抓落实上</h1>
${[...COMMON, PAGE_ONLY].map((p) => `<p>${p}</p>`).join('\n')}
<p><a href="#top">返回顶部</a></p></article></body></html>`;

/** The same page under the strictest policy a page can set: no frames, no scripts, Trusted Types. */
const STRICT_PAGE = PAGE.replace(
  '<meta charset="utf-8">',
  `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; frame-src 'none'; child-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'">`,
);

/**
 * What a page script can read of the document: its text, every open shadow root, every shadow root
 * a custom element's internals handed it, every root its patched attachShadow saw, and each frame
 * it may script.
 */
function readableByPage(): string {
  const w = window as unknown as { __roots?: (ShadowRoot | null)[] };
  const texts = [document.documentElement.innerText, document.documentElement.textContent ?? ''];
  for (const root of w.__roots ?? []) texts.push(root?.textContent ?? '');
  for (const element of document.querySelectorAll('*'))
    if (element.shadowRoot) texts.push(element.shadowRoot.textContent ?? '');
  for (const frame of document.querySelectorAll('iframe')) {
    try {
      texts.push(frame.contentDocument?.documentElement.textContent ?? '');
    } catch {
      // cross-origin: unreadable
    }
  }
  return texts.join('\n');
}

/**
 * The find-and-extend trap: window.find selects a '%' (the banner's score) wherever it is, shadow
 * roots included, and Selection.modify extends it line by line.
 */
function readBySelection(): string {
  // Non-standard, in every engine (not in TypeScript's DOM types).
  const find = (window as unknown as { find(text: string): boolean }).find.bind(window);
  const found: string[] = [];
  const selection = getSelection()!;
  selection.removeAllRanges();
  for (let i = 0; i < 10 && find('%'); i++) {
    for (let line = 0; line < 3; line++) selection.modify('extend', 'forward', 'line');
    found.push(selection.toString());
  }
  return found.join('\n');
}

/** Clicks every button the page can reach (open roots, internals' roots): the reader's links. */
function clickEverything(): number {
  const w = window as unknown as { __roots?: (ShadowRoot | null)[] };
  const roots: (Document | ShadowRoot)[] = [document];
  for (const root of w.__roots ?? []) if (root) roots.push(root);
  let clicked = 0;
  for (const root of roots)
    for (const button of root.querySelectorAll<HTMLElement>('button, a')) {
      if (button.closest('article')) continue; // the page's own
      button.click();
      clicked++;
    }
  return clicked;
}

/** A custom element predefined under `name`, handing the page its internals' shadow root. */
const trapElement = (name: string, body: string) => `
  window.__roots = window.__roots || [];
  customElements.define('${name}', class extends HTMLElement {
    ${body}
  });`;

const INTERNALS = (name: string) =>
  trapElement(
    name,
    'constructor() { super(); const internals = this.attachInternals(); window.__roots.push(internals.shadowRoot); queueMicrotask(() => window.__roots.push(internals.shadowRoot)); setTimeout(() => window.__roots.push(internals.shadowRoot), 0); }',
  );
const NO_SHADOW = (name: string) =>
  trapElement(name, "static disabledFeatures = ['shadow']; constructor() { super(); }");
const OPEN_ROOT = (name: string) =>
  trapElement(
    name,
    "constructor() { super(); window.__roots.push(this.attachShadow({ mode: 'open' })); }",
  );
/** The page's attachShadow makes every root open and hands it over. */
const PATCHED_ATTACH_SHADOW = `
  window.__roots = window.__roots || [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, { ...init, mode: 'open' });
    window.__roots.push(root);
    return root;
  };`;
/** The elements a page script could expect Wenmai to use as hosts. */
const HOST_NAMES = ['wenmai-ui', 'wenmai-frame', 'wenmai-root', 'wenmai-host'];

let browser: Launched;
let server: Server;
let origin: string;
let privateId: string;

beforeAll(async () => {
  const generated = mkdtempSync(join(tmpdir(), 'wenmai-isolation-'));
  writeFileSync(join(generated, 'page.html'), PAGE);
  writeFileSync(join(generated, 'strict.html'), STRICT_PAGE);
  ({ origin, server } = await serve({ generated }));
  browser = (await launch()) as Launched;
  const extensionPage = await browser.context.newPage();
  await waitForImport(browser, extensionPage);
  const added = (await askBackgroundFrom(extensionPage, {
    type: 'wenmai/add-article',
    url: 'https://intranet.example/notes/1',
    title: PRIVATE_TITLE,
    text: [...COMMON, PRIVATE_ONLY].join('\n\n'),
  })) as { articleId: string };
  privateId = added.articleId;
  await extensionPage.close();
});

afterAll(async () => {
  await browser?.context.close();
  server?.close();
});

/** Opens the page with a script of the page's own that runs before anything else. */
async function open(initScript = '', file = 'page.html'): Promise<{ page: Page; ui: InPageUi }> {
  const page = await browser.context.newPage();
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`${origin}/generated/${file}`);
  await waitForState(browser, page, (s) => s.article !== null);
  return { page, ui: await InPageUi.of(page) };
}

/** The reader sees the banner naming the private article. */
async function readerSeesBanner(ui: InPageUi): Promise<void> {
  await expect
    .poll(async () => (await ui.text(testId('wenmai-banner'))) ?? '', { timeout: 15_000 })
    .toContain(PRIVATE_TITLE);
}

/** The reader hovers the term and sees its card, with the private article's snippet. */
async function readerSeesCard(page: Page, ui: InPageUi): Promise<void> {
  const point = (await page.evaluate(highlightedTermPoint, TERM))!;
  expect(point).not.toBeNull();
  await page.mouse.move(point.x, point.y);
  await expect
    .poll(async () => (await ui.text(testId('wenmai-card'))) ?? '', { timeout: 10_000 })
    .toContain(SECRET);
  expect(await ui.text(testId('wenmai-card'))).toContain(PRIVATE_TITLE);
}

/** Nothing of the private article is readable by the page, however it looks. */
async function pageReadsNothing(page: Page): Promise<void> {
  // Nor the extension's address (its frames are navigated, not given a src): in Firefox it is a
  // per-install id that would follow the reader from site to site.
  const seen = await page.evaluate(() =>
    [document.documentElement.outerHTML, ...performance.getEntries().map((e) => e.name)].join('\n'),
  );
  expect(seen).not.toMatch(/(chrome|moz)-extension:/);
  const read = await page.evaluate(readableByPage);
  expect(read).not.toContain(PRIVATE_TITLE);
  expect(read).not.toContain(SECRET);
  const selected = await page.evaluate(readBySelection);
  expect(selected).not.toContain(PRIVATE_TITLE);
  expect(selected).not.toContain(SECRET);
  expect(
    await page.evaluate(
      ([title, secret]) => {
        const find = (window as unknown as { find(text: string): boolean }).find.bind(window);
        getSelection()!.removeAllRanges();
        return find(title!) || find(secret!);
      },
      [PRIVATE_TITLE, SECRET],
    ),
  ).toBe(false);
}

/** Whether the page's own hit test finds Wenmai's UI at the banner's corner (so it is shown). */
const shownAtBannerCorner = (page: Page) =>
  page.evaluate(
    () =>
      document
        .elementFromPoint(innerWidth - 40, innerHeight - 40)
        ?.hasAttribute('data-wenmai-ui') ?? false,
  );

/** The tabs the reader's clicks opened on the reader page. */
const readerTabs = () => browser.context.pages().filter((p) => p.url().includes('/reader.html'));

describe('a page that predefines the custom elements Wenmai might host its UI in', () => {
  it('with attachInternals gets no shadow root to read or click: the UI is in frames it cannot read', async () => {
    const { page, ui } = await open(HOST_NAMES.map(INTERNALS).join('\n'));
    await readerSeesBanner(ui);
    await readerSeesCard(page, ui);
    await pageReadsNothing(page);
    const before = readerTabs().length;
    await page.evaluate(clickEverything);
    await new Promise((r) => setTimeout(r, 500));
    expect(readerTabs().length).toBe(before);
    // The reader's own click opens the private article.
    const opened = browser.context.waitForEvent('page');
    await ui.click(`${testId('wenmai-banner')} .wm-link`);
    await expect
      .poll(async () => (await opened).url())
      .toContain(`reader.html?article=${privateId}`);
    await page.close();
  });

  it("with disabledFeatures=['shadow'] cannot turn the UI off", async () => {
    const { page, ui } = await open(HOST_NAMES.map(NO_SHADOW).join('\n'));
    await readerSeesBanner(ui);
    await readerSeesCard(page, ui);
    await pageReadsNothing(page);
    await page.close();
  });

  it('with an open shadow root attached first, and attachShadow patched, reads nothing and turns nothing off', async () => {
    const { page, ui } = await open(PATCHED_ATTACH_SHADOW + HOST_NAMES.map(OPEN_ROOT).join('\n'));
    await readerSeesBanner(ui);
    await readerSeesCard(page, ui);
    await pageReadsNothing(page);
    await page.close();
  });
});

describe('a page with a strict content security policy (no frames, Trusted Types)', () => {
  it('still shows the reader the banner and the card in their frames', async () => {
    const { page, ui } = await open('', 'strict.html');
    await readerSeesBanner(ui);
    await readerSeesCard(page, ui);
    await pageReadsNothing(page);
    await page.close();
  });
});

describe('a page probing for Wenmai', () => {
  it('cannot load its frame page from the extension’s fixed address', async () => {
    const { page, ui } = await open();
    await readerSeesBanner(ui);
    await page.evaluate((id) => {
      const frame = document.createElement('iframe');
      frame.id = 'probe';
      frame.src = `chrome-extension://${id}/page-frame.html#banner.${'0'.repeat(32)}`;
      document.body.append(frame);
    }, browser.extensionId);
    const probe = page.frameLocator('#probe');
    await expect
      .poll(async () => (await page.$('#probe'))?.contentFrame().then((f) => f?.url()))
      .toMatch(/^chrome-error:/);
    expect(await probe.locator('[data-testid="wenmai-banner"]').count()).toBe(0);
    await page.close();
  });
});

describe('a page with no setup at all', () => {
  it('reads nothing of the banner or the card with window.find and Selection.modify', async () => {
    const { page, ui } = await open();
    await readerSeesBanner(ui);
    await readerSeesCard(page, ui);
    // The trap finds a '%' wherever one is shown in the document (it found the banner's score).
    await pageReadsNothing(page);
    // The reader's own click on the private occurrence opens it in the reader.
    const card = wenmaiFrames(page).find((frame) => frame.url().includes('#card.'))!;
    const opened = browser.context.waitForEvent('page');
    await card.locator('.wm-occurrences .wm-link', { hasText: SECRET }).click();
    await expect
      .poll(async () => (await opened).url())
      .toContain(`reader.html?article=${privateId}&passage=`);
    await page.close();
  });
});

/** The page removes the first three elements anything appends to <html>, and hides the rest. */
const REMOVE_AND_HIDE = `
  let removed = 0;
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (
          node.nodeType === 1 &&
          node.parentNode === document.documentElement &&
          !['head', 'body'].includes(node.localName) &&
          removed < 3
        ) {
          window.__removed = ++removed;
          node.remove();
        }
  }).observe(document, { childList: true, subtree: true });
  addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent =
      'html > :not(head):not(body), iframe, [popover] { display: none !important; visibility: hidden !important; opacity: 0 !important; width: 0 !important; }';
    document.head.append(style);
  });`;

/** The page removes everything anything appends to <html>, for ever. */
const REMOVE_ALWAYS = `
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (
          node.nodeType === 1 &&
          node.parentNode === document.documentElement &&
          !['head', 'body'].includes(node.localName)
        )
          node.remove();
  }).observe(document, { childList: true, subtree: true });`;

/** The badge of the toolbar button on a page's tab. */
async function badgeOf(page: Page): Promise<string> {
  await page.bringToFront();
  return browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getBadgeText({ tabId: tab!.id! });
  });
}

describe('a page that removes or hides Wenmai’s UI', () => {
  it('sees it put back and shown: the reader keeps the banner and the card', async () => {
    const { page, ui } = await open(REMOVE_AND_HIDE);
    await readerSeesBanner(ui);
    // The page did remove what Wenmai put on it, three times.
    expect(await page.evaluate(() => (window as unknown as { __removed: number }).__removed)).toBe(
      3,
    );
    await expect.poll(() => shownAtBannerCorner(page)).toBe(true);
    await readerSeesCard(page, ui);
    await pageReadsNothing(page);
    await page.close();
  });

  it('that keeps removing it cannot silence Wenmai: the toolbar button says so on that tab', async () => {
    const { page } = await open(REMOVE_ALWAYS);
    await expect.poll(() => badgeOf(page), { timeout: 10_000 }).toBe('!');
    // What the banner would have shown is still Wenmai's to show the reader (the popup).
    const state = await waitForState(browser, page, (s) => s.similar.length > 0);
    expect(state.similar[0]!.title).toBe(PRIVATE_TITLE);
    await page.close();
    // A page that leaves the UI alone has its banner, and no such badge.
    const { page: calm, ui } = await open();
    await readerSeesBanner(ui);
    expect(await badgeOf(calm)).toBe('');
    await calm.close();
  });

  it('sees it back after restyling, closing, removing or navigating its frame later', async () => {
    const { page, ui } = await open();
    await readerSeesBanner(ui);
    const attacks = [
      "f.style.setProperty('display', 'none', 'important')",
      "f.setAttribute('style', 'display:none')",
      'f.hidePopover()',
      "f.removeAttribute('popover')",
      'f.remove()',
      'document.body.append(f)',
      // A copy of the whole page in place of <html>, the frame left out.
      'const copy = document.documentElement.cloneNode(true); for (const e of copy.querySelectorAll("[data-wenmai-ui]")) e.remove(); document.replaceChild(copy, document.documentElement)',
      "f.contentWindow.location = 'about:blank'",
    ];
    for (const attack of attacks) {
      await page.evaluate(
        // Whatever shows the banner, as the page finds it.
        `(() => { const f = document.elementFromPoint(innerWidth - 40, innerHeight - 40); try { ${attack}; } catch {} })()`,
      );
      await expect
        .poll(() => shownAtBannerCorner(page), { message: attack, timeout: 10_000 })
        .toBe(true);
      await readerSeesBanner(ui);
    }
    await pageReadsNothing(page);
    await page.close();
  });
});
