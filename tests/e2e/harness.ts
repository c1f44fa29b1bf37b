// Over 300 lines on purpose: every browser suite and `npm start` share this one harness (serving,
// launching, installing, talking to the extension, reading the UI's frames and closed shadow root); split, its
// pieces would import each other.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import {
  chromium,
  type BrowserContext,
  type CDPSession,
  type Frame,
  type Locator,
  type Page,
  type Worker,
} from 'playwright-core';
import type { ContentRequest } from '../../lib/messaging/messages';
import type { PageState } from '../../lib/page-state';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript',
};

/** Serves folders on 127.0.0.1 (page fixtures and demo pages): /fixtures/… and /demo/…. */
export async function serve(
  mounts: Record<string, string>,
): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [, mount, ...rest] = url.pathname.split('/');
    const base = mounts[mount ?? ''];
    const file = base ? normalize(join(base, ...rest)) : '';
    if (!base || !file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

/** Flags for Debian's Chromium on a closed network, as root, with no display. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The UI languages Wenmai has strings for, as Chromium's --lang names them. */
export const UI_LANGUAGES = ['en-US', 'zh-CN', 'zh-TW'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/**
 * Launches Chromium with the built extension (or without it, for baselines; or another build of it,
 * `extensionDir`, for the benchmarks that compare builds).
 */
export async function launch(
  options: {
    extension?: boolean;
    headless?: boolean;
    extensionDir?: string;
    /** Wenmai's UI language (Chromium's --lang: the locale chrome.i18n reads messages from). */
    uiLanguage?: UiLanguage;
  } = {},
): Promise<Launched | { context: BrowserContext }> {
  const withExtension = options.extension ?? true;
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension in ${extensionDir}: run "npx wxt build" first`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'wenmai-chromium-'));
  const args = [...CHROMIUM_ARGS, `--lang=${options.uiLanguage ?? 'en-US'}`];
  if (withExtension)
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
  });
  if (!withExtension) return { context };
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId };
}

/**
 * Chromium with extensions allowed but Wenmai not loaded yet: install() loads it the way the
 * browser installs an extension, and loading it again is an update (same id, new scripts).
 * Through CDP's Extensions.loadUnpacked, which needs --enable-unsafe-extension-debugging.
 */
export async function launchForInstall(extensionDir = EXTENSION_DIR): Promise<{
  context: BrowserContext;
  install: () => Promise<Launched>;
}> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'wenmai-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-extension-debugging'],
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  const browser = context.browser();
  if (!browser) throw new Error('no browser connection for CDP');
  const cdp = await browser.newBrowserCDPSession();
  const install = async (): Promise<Launched> => {
    const started = context.waitForEvent('serviceworker', { timeout: 20_000 }).catch(() => null);
    const { id } = (await cdp.send(
      'Extensions.loadUnpacked' as never,
      {
        path: extensionDir,
      } as never,
    )) as { id: string };
    const worker =
      (await started) ?? context.serviceWorkers().find((w) => new URL(w.url()).host === id);
    if (!worker) throw new Error('Wenmai’s service worker did not start');
    return { context, worker, extensionId: id };
  };
  return { context, install };
}

/**
 * Waits until the background has imported the bundle. Polls by reading each reply in Node:
 * page.waitForFunction would take the Promise an async check returns as truthy and return at once.
 */
export async function waitForImport(launched: Launched, page: Page): Promise<void> {
  await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
  const deadline = Date.now() + 30_000;
  let state = 'no answer';
  while (Date.now() < deadline) {
    const reply = await page
      .evaluate(
        () =>
          chrome.runtime.sendMessage({ type: 'wenmai/import-status' }) as Promise<{
            ok: boolean;
            value?: { state: string };
          }>,
      )
      .catch(() => null);
    state = reply?.ok ? (reply.value?.state ?? 'no state') : 'no answer';
    if (state === 'done') return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the bundled corpus was not imported within 30 s (import state: ${state})`);
}

/**
 * Waits until the background has registered the first-screen config script (lib/quick-start.ts),
 * or, with `registered: false`, until it has none.
 */
export async function waitForQuickStart(launched: Launched, registered = true): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const count = await launched.worker.evaluate(
      async () => (await chrome.scripting.getRegisteredContentScripts()).length,
    );
    if (count > 0 === registered) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the first-screen config script was never ${registered ? '' : 'un'}registered`);
}

/**
 * Waits, in a page of its own that it then closes, until the bundled corpus is imported and the
 * first-screen config script registered: a fresh extension ready for pages to be measured.
 */
export async function waitUntilReady(launched: Launched): Promise<void> {
  const setup = await launched.context.newPage();
  await waitForImport(launched, setup);
  await waitForQuickStart(launched);
  await setup.close();
}

/**
 * Sends a content-script command to a page's tab, from the extension's service worker (the way the
 * popup and keyboard commands reach it). The tab is found as the active one: without the "tabs"
 * permission the extension cannot read tab URLs.
 */
export async function sendToTab(
  launched: Launched,
  page: Page,
  request: ContentRequest,
): Promise<PageState | null> {
  await page.bringToFront();
  return launched.worker.evaluate(async (request) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return (await chrome.tabs.sendMessage(tab.id, request, { frameId: 0 })) as PageState | null;
  }, request);
}

/** Sends a background request from an extension page and unwraps the result. */
/** The corpus list's first 500 rows (the test corpora are smaller), as the options page asks. */
export async function listedArticles(page: Page): Promise<unknown[]> {
  const list = (await askBackgroundFrom(page, { type: 'wenmai/list-articles', limit: 500 })) as {
    rows: unknown[];
  };
  return list.rows;
}

export async function askBackgroundFrom(
  page: Page,
  request: { type: string; [key: string]: unknown },
): Promise<unknown> {
  const reply = (await page.evaluate((r) => chrome.runtime.sendMessage(r), request)) as {
    ok: boolean;
    value?: unknown;
    error?: string;
  };
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Polls the page state until a predicate holds (content arrives and is analyzed asynchronously). */
export async function waitForState(
  launched: Launched,
  page: Page,
  predicate: (state: PageState) => boolean,
  timeout = 15_000,
): Promise<PageState> {
  const deadline = Date.now() + timeout;
  let last: PageState | null = null;
  while (Date.now() < deadline) {
    try {
      last = await sendToTab(launched, page, { type: 'wenmai/page-state' });
      if (last && predicate(last)) return last;
    } catch {
      // The content script is not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `page state of ${page.url()} never matched; last: ${JSON.stringify(last)?.slice(0, 500)}`,
  );
}

/**
 * Every parallel of the page, paging through page-state's replies from `first` (the extension
 * lists PARALLELS_PER_REPLY in one).
 */
export async function allParallels(
  launched: Launched,
  page: Page,
  first: PageState,
): Promise<PageState['parallels']> {
  const listed = [...first.parallels];
  const total = first.parallelsPage?.total ?? listed.length;
  while (listed.length < total) {
    const next = await sendToTab(launched, page, {
      type: 'wenmai/page-state',
      parallelsFrom: listed.length,
    });
    if (!next?.parallels.length) break;
    listed.push(...next.parallels);
  }
  return listed;
}

interface DomNode {
  nodeId: number;
  localName?: string;
  /** Names and values, alternately. */
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** The frames Wenmai shows the reader's corpus in (page-frame.html), as Playwright reaches them. */
export const wenmaiFrames = (page: Page): Frame[] =>
  page
    .frames()
    .filter((frame) => /^chrome-extension:\/\/[^/]+\/page-frame\.html#/.test(frame.url()));

type Box = { x: number; y: number; width: number; height: number };

/**
 * Wenmai's in-page UI as the reader meets it, wherever it is: the banner, glossary card and
 * parallel passages in extension frames (cross-origin to the page: read through Playwright's own
 * connection to each frame), the passage markers and the commands' note in a closed shadow root
 * (Playwright's locators cannot see inside; the browser itself can: read and driven through CDP's
 * DOM domain). Clicks are the real mouse's.
 */
export class InPageUi {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async of(page: Page): Promise<InPageUi> {
    return new InPageUi(page, await page.context().newCDPSession(page));
  }

  /** The visible matches in Wenmai's frames. */
  private async inFrames(selector: string): Promise<Locator[]> {
    const found: Locator[] = [];
    for (const frame of wenmaiFrames(this.page)) {
      try {
        found.push(...(await frame.locator(selector).all()));
      } catch {
        // The frame navigated or went away meanwhile.
      }
    }
    return found;
  }

  /** Node ids of the elements in the UI's shadow roots (on the page) that match a CSS selector. */
  private async nodes(selector: string): Promise<number[]> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    const html = root.children?.find((n) => n.localName === 'html');
    const ids: number[] = [];
    for (const child of html?.children ?? []) {
      const shadow = child.shadowRoots?.[0];
      if (!shadow || !(child.attributes ?? []).includes('data-wenmai-ui')) continue;
      const { nodeIds } = await this.cdp.send('DOM.querySelectorAll', {
        nodeId: shadow.nodeId,
        selector,
      });
      ids.push(...nodeIds);
    }
    return ids;
  }

  private async call<T>(nodeId: number, fn: string): Promise<T> {
    const { object } = await this.cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: fn,
      returnByValue: true,
    });
    return result.value as T;
  }

  async count(selector: string): Promise<number> {
    return (await this.inFrames(selector)).length + (await this.nodes(selector)).length;
  }

  /** Waits until something in the UI matches. */
  async waitFor(selector: string, timeout = 5000): Promise<void> {
    const end = Date.now() + timeout;
    while ((await this.count(selector)) === 0) {
      if (Date.now() > end) throw new Error(`Wenmai's UI showed no ${selector} in ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The text of each match, frames first. */
  async texts(selector: string): Promise<string[]> {
    const inFrames = await Promise.all(
      (await this.inFrames(selector)).map((l) => l.textContent().catch(() => '')),
    );
    const ids = await this.nodes(selector);
    const onPage = await Promise.all(
      ids.map((id) => this.call<string>(id, 'function () { return this.textContent; }')),
    );
    return [...inFrames.map((t) => t ?? ''), ...onPage];
  }

  /** The first match's text; null when nothing matches. */
  async text(selector: string): Promise<string | null> {
    return (await this.texts(selector))[0] ?? null;
  }

  /** All the text Wenmai's UI shows the reader now (frames and shadow roots). */
  async allText(): Promise<string> {
    const texts = await Promise.all(
      (await this.inFrames('body')).map((l) => l.textContent().catch(() => '')),
    );
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    const html = root.children?.find((n) => n.localName === 'html');
    for (const child of html?.children ?? []) {
      const shadow = child.shadowRoots?.[0];
      if (shadow && (child.attributes ?? []).includes('data-wenmai-ui'))
        texts.push(
          await this.call<string>(shadow.nodeId, 'function () { return this.textContent; }'),
        );
    }
    return texts.join('\n');
  }

  async attribute(selector: string, name: string): Promise<string | null> {
    const [inFrame] = await this.inFrames(selector);
    if (inFrame) return inFrame.getAttribute(name);
    const [id] = await this.nodes(selector);
    if (id === undefined) return null;
    const { attributes } = await this.cdp.send('DOM.getAttributes', { nodeId: id });
    const at = attributes.indexOf(name);
    return at >= 0 && at % 2 === 0 ? attributes[at + 1]! : null;
  }

  /** The first match's box in the page's viewport as it is now (nothing scrolled); null if none. */
  async rect(
    selector: string,
  ): Promise<{ top: number; bottom: number; left: number; right: number } | null> {
    const [inFrame] = await this.inFrames(selector);
    if (inFrame) {
      const b = await inFrame.boundingBox();
      return b && { top: b.y, bottom: b.y + b.height, left: b.x, right: b.x + b.width };
    }
    const [id] = await this.nodes(selector);
    if (id === undefined) return null;
    return this.call(
      id,
      'function () { const r = this.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; }',
    );
  }

  /** The nth match's box in the viewport (scrolled into view first). */
  async box(selector: string, nth = 0): Promise<Box> {
    const inFrames = await this.inFrames(selector);
    const inFrame = inFrames[nth];
    if (inFrame) {
      await inFrame.scrollIntoViewIfNeeded();
      const b = await inFrame.boundingBox();
      if (!b) throw new Error(`${selector} [${nth}] is not rendered`);
      return b;
    }
    const id = (await this.nodes(selector))[nth - inFrames.length];
    if (id === undefined) throw new Error(`nothing in Wenmai's UI matches ${selector} [${nth}]`);
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: id });
    const { quads } = await this.cdp.send('DOM.getContentQuads', { nodeId: id });
    const quad = quads[0];
    if (!quad) throw new Error(`${selector} [${nth}] is not rendered`);
    const xs = [quad[0]!, quad[2]!, quad[4]!, quad[6]!];
    const ys = [quad[1]!, quad[3]!, quad[5]!, quad[7]!];
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
  }

  /** Clicks the middle of the nth match with the mouse, as a reader would. */
  async click(selector: string, nth = 0): Promise<void> {
    const b = await this.box(selector, nth);
    await this.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  }

  async focus(selector: string): Promise<void> {
    const [inFrame] = await this.inFrames(selector);
    if (inFrame) return inFrame.focus();
    const [id] = await this.nodes(selector);
    if (id === undefined) throw new Error(`nothing in Wenmai's UI matches ${selector}`);
    await this.cdp.send('DOM.focus', { nodeId: id });
  }
}

/** The CSS selector of a test id in Wenmai's UI. */
export const testId = (id: string): string => `[data-testid="${id}"]`;

/**
 * The popup as it opens over a page's tab: popup.html in a tab of its own, sized like the popup,
 * told (by a stub of chrome.tabs.query, before its scripts run) that the page's tab is the active
 * one. Headless Chromium opens the real popup (action.openPopup) where Playwright cannot reach it.
 */
export async function openPopupFor(launched: Launched, tab: Page): Promise<Page> {
  await tab.bringToFront();
  const tabId = await launched.worker.evaluate(async () => {
    const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return active?.id ?? -1;
  });
  const popup = await launched.context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.addInitScript((id) => {
    const query = chrome.tabs.query.bind(chrome.tabs);
    chrome.tabs.query = ((info: chrome.tabs.QueryInfo) =>
      info.active ? Promise.resolve([{ id } as chrome.tabs.Tab]) : query(info)) as never;
  }, tabId);
  await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
  return popup;
}
