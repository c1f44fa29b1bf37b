/**
 * The 2026 provincial work reports in the extension, as an analyst would use them: imported
 * through the options page (read where they lie; third-party data, never in the repository), then
 * met again on the web as a Traditional excerpt, a forum repost, and a report of a province the
 * corpus does not have. Skipped, saying so, in a clone without ../shared.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../../lib/page-state';
import { readReports, REPORTS_DIR, reportsPresent } from '../reports-2026';
import { allParallels, launch, serve, waitForImport, waitForState, type Launched } from './harness';

const reports = readReports();
/** The last report stays out of the corpus: the province Wenmai has not seen. */
const unseen = reports.at(-1);
const escape = (text: string) =>
  text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
const page = (title: string, body: string, lang: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><article><h1>${escape(title)}</h1>${body}</article></body></html>`;
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .filter((line) => line.trim())
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');

let browser: Launched;
let server: Server;
let origin: string;

describe.skipIf(!reportsPresent)('the 2026 work reports, imported through the options page', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenmai-reports-'));
    const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const excerpt = reports[3]!;
    writeFileSync(
      join(dir, 'excerpt.html'),
      page(
        `${toTaiwan(excerpt.title)}（節選）`,
        paragraphs(toTaiwan(excerpt.fullText.slice(3000, 9000))),
        'zh-TW',
      ),
    );
    const repost = reports[5]!;
    // A forum repost: the whole report pasted with its paragraphs collapsed into one block.
    writeFileSync(
      join(dir, 'forum.html'),
      page(
        `转：${repost.title}`,
        `<div class="post">${escape(repost.fullText.replace(/\n+/g, ''))}</div>`,
        'zh-CN',
      ),
    );
    writeFileSync(
      join(dir, 'unseen.html'),
      page(unseen!.title, paragraphs(unseen!.fullText), 'zh-CN'),
    );
    ({ origin, server } = await serve({ reports: dir }));
    browser = (await launch()) as Launched;
    const options = await browser.context.newPage();
    await waitForImport(browser, options);
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const files = readdirSync(REPORTS_DIR)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .slice(0, -1);
    await options
      .locator('[data-testid="import-files"]')
      .setInputFiles(files.map((f) => join(REPORTS_DIR, f)));
    const message = options.locator('[data-testid="message"]');
    const deadline = Date.now() + 120_000;
    const wanted = `Articles added: ${files.length}.`;
    while (!((await message.textContent()) ?? '').includes(wanted)) {
      if (Date.now() > deadline)
        throw new Error(`the import did not finish: ${await message.textContent()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.context.close();
    server?.close();
  });

  const stateOf = async (name: string): Promise<PageState> => {
    const tab: Page = await browser.context.newPage();
    await tab.goto(`${origin}/reports/${name}`);
    const state = await waitForState(browser, tab, (s) => s.article !== null, 60_000);
    return { ...state, parallels: await allParallels(browser, tab, state) };
  };

  it('finds a Traditional excerpt as reuse of its report, its passages linked first to it', async () => {
    const state = await stateOf('excerpt.html');
    expect(state.lang).toBe('zh-Hant');
    expect(state.similar[0]).toMatchObject({ title: reports[3]!.title });
    expect(['reuse', 'duplicate']).toContain(state.similar[0]!.relation);
    const source = state.similar[0]!.articleId;
    const linkedFirst = state.parallels.filter((p) => p.matches[0]?.articleId === source);
    expect(state.parallels.length).toBeGreaterThan(10);
    expect(linkedFirst.length / state.parallels.length).toBeGreaterThanOrEqual(0.9);
  });

  it('finds a forum repost of a whole report, paragraphs collapsed, as its duplicate', async () => {
    const state = await stateOf('forum.html');
    expect(state.similar[0]).toMatchObject({ title: reports[5]!.title, relation: 'duplicate' });
  });

  it('takes a report of a province it has not seen for nobody’s duplicate or reuse, titled right', async () => {
    const state = await stateOf('unseen.html');
    expect(state.article?.title).toBe(unseen!.title);
    expect(state.similar.filter((s) => s.relation !== 'related')).toEqual([]);
  });
});
