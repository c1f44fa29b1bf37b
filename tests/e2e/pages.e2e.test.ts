import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askBackgroundFrom, listedArticles, launch, waitForImport, type Launched } from './harness';

let browser: Launched;
let page: Page;
const url = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;
const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);

beforeAll(async () => {
  browser = (await launch()) as Launched;
  page = await browser.context.newPage();
  await waitForImport(browser, page);
});

afterAll(async () => {
  await browser?.context.close();
});

describe('options page', () => {
  beforeAll(async () => {
    await page.goto(url('options.html'));
  });

  it('shows the corpus import as finished, with its progress', async () => {
    await expect.poll(() => byTestId('import-status').getAttribute('data-state')).toBe('done');
    expect(await byTestId('import-progress').count()).toBe(1);
  });

  it('imports good files, and names the bad ones without changing anything for them', async () => {
    const before = (await listedArticles(page)) as unknown[];
    await byTestId('import-files').setInputFiles([
      {
        name: 'speech.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(
          '学习心得\n坚持因地制宜发展新质生产力，着力破解基层治理小马拉大车难题，推动乡村振兴和高质量发展。'.repeat(
            3,
          ),
        ),
      },
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') },
    ]);
    const message = byTestId('message');
    await expect.poll(() => message.textContent()).toMatch(/scan\.pdf/);
    expect(await message.textContent()).toMatch(/broken\.json/);
    const after = (await listedArticles(page)) as {
      source: string;
    }[];
    expect(after.length).toBe(before.length + 1);
    expect(after.some((a) => a.source === 'speech.txt')).toBe(true);
  });

  it('undoes an import with one click, leaving the corpus as it was', async () => {
    const before = await listedArticles(page);
    const text =
      '会议纪要\n会议强调，要坚持因地制宜发展新质生产力，推动高效办成一件事落地见效。'.repeat(3);
    await byTestId('import-files').setInputFiles([
      { name: 'undo-1.txt', mimeType: 'text/plain', buffer: Buffer.from(`${text}一`) },
      { name: 'undo-2.txt', mimeType: 'text/plain', buffer: Buffer.from(`${text}二`) },
    ]);
    const undo = byTestId('message-action');
    await expect.poll(() => undo.textContent()).toMatch(/Undo this import \(2 new articles\)/);
    expect((await listedArticles(page)).length).toBe(before.length + 2);
    await undo.click();
    await expect.poll(() => byTestId('message').textContent()).toMatch(/Import undone: 2 articles/);
    expect((await listedArticles(page)).length).toBe(before.length);
  });

  it('reads a GBK text file in its own charset, title included', async () => {
    const text =
      '关于推进基层治理的实施意见\n坚持因地制宜发展新质生产力，着力破解基层治理小马拉大车难题，推动高质量发展。'.repeat(
        2,
      );
    await byTestId('import-files').setInputFiles([
      { name: 'gbk-notice.txt', mimeType: 'text/plain', buffer: iconv.encode(text, 'gbk') },
    ]);
    await expect.poll(() => byTestId('message').textContent()).toMatch(/Articles added: 1/);
    const articles = (await listedArticles(page)) as {
      source: string;
      title: string;
    }[];
    expect(articles.find((a) => a.source === 'gbk-notice.txt')?.title).toBe(
      '关于推进基层治理的实施意见',
    );
  });

  it('imports a corpus CSV as one article a row, titled by its title column', async () => {
    const csv =
      'province,year,title,source_url,publish_date,full_text\n' +
      `某省,2026,某省2026年政府工作报告,https://www.example.gov.cn/report.html,2026-01-20,"${'各位代表：坚持因地制宜发展新质生产力，持续优化营商环境，推进高效办成一件事。'.repeat(5)}"\n`;
    await byTestId('import-files').setInputFiles([
      { name: 'reports.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    ]);
    await expect.poll(() => byTestId('message').textContent()).toMatch(/Articles added: 1/);
    const articles = (await listedArticles(page)) as {
      source: string;
      title: string;
    }[];
    expect(articles.find((a) => a.source === 'https://www.example.gov.cn/report.html')?.title).toBe(
      '某省2026年政府工作报告',
    );
  });

  it('restores a backup file through the page (sent to the background in parts)', async () => {
    const { json } = (await askBackgroundFrom(page, { type: 'wenmai/export-backup' })) as {
      json: string;
    };
    await byTestId('import-files').setInputFiles([
      { name: 'my-backup.json', mimeType: 'application/json', buffer: Buffer.from(json) },
    ]);
    await expect
      .poll(() => byTestId('message').textContent())
      .toMatch(/Backup imported: \d+ articles/);
  });

  it('searches the corpus list in either script and filters it by origin', async () => {
    const rows = page.locator('[data-testid="corpus-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    // Seed 001's title is written in Traditional; searched for in Simplified.
    await byTestId('corpus-search').fill('以组织工作保障全面深化改革');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-article-id')).toBe('001_012235bad5547e84');
    await byTestId('corpus-search').fill('');
    await byTestId('corpus-origin').selectOption('bundle');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await byTestId('corpus-count').textContent()).toMatch(/5 match/);
    await byTestId('corpus-origin').selectOption('');
  });

  it('searches the glossary in either script', async () => {
    await byTestId('glossary-search').fill('小馬拉大車');
    await expect
      .poll(() => page.locator('[data-testid="glossary-row"]').first().getAttribute('data-term-id'))
      .toBe('xiaoma-la-dache');
  });
});

describe('reader page', () => {
  it('shows a corpus article with terms and scrolls to and marks the passage asked for', async () => {
    await page.goto(
      url('reader.html?article=004_bfd4e0d355f25b94&passage=004_bfd4e0d355f25b94%23p13'),
    );
    const target = page.locator('p.wm-passage[data-passage-id="004_bfd4e0d355f25b94#p13"]');
    await expect.poll(() => target.getAttribute('class')).toContain('target');
    expect(await target.textContent()).toContain('小馬拉大車');
    expect(await target.isVisible()).toBe(true);
    expect(await page.locator('mark.term').count()).toBeGreaterThan(20);
    const box = await target.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(viewport.height);
  });

  it('shows two passages side by side with the differences marked', async () => {
    await page.goto(
      url('reader.html?compare=004_bfd4e0d355f25b94%23p13,001_012235bad5547e84%23p10'),
    );
    const view = byTestId('compare-view');
    await expect.poll(() => view.locator('.wm-diff-changed').count()).toBeGreaterThan(2);
    expect(await view.textContent()).toContain('小馬拉大車');
    // A legend, and how much of each side the other shares.
    expect(await view.getByTestId('diff-legend').count()).toBe(1);
    expect(await view.getByTestId('diff-share').allTextContents()).toHaveLength(2);
  });

  it('shows a policy line: every parallel of a passage, by article, with place, and what each changed', async () => {
    // From the article: the passage's parallels, then the line across the corpus.
    await page.goto(url('reader.html?article=003_fb24d1789acc4997'));
    await page
      .locator('[data-testid="passage-links-toggle"][data-passage-id="003_fb24d1789acc4997#p8"]')
      .click();
    await byTestId('passage-line-link').click();
    await expect.poll(() => page.url()).toContain('line=003_fb24d1789acc4997%23p8');
    const line = byTestId('policy-line');
    // (Earlier tests here imported articles of their own: the seeds' line is what is checked.)
    await expect.poll(() => line.getByTestId('line-article').count()).toBeGreaterThanOrEqual(2);
    expect(await byTestId('line-anchor').textContent()).toContain('小马拉大车');
    const articles = await line.getByTestId('line-article').allTextContents();
    expect(articles.join('\n')).toContain('山西省怀仁市');
    expect(articles.join('\n')).toContain('以組織工作保障全面深化改革落細落實');
    // The wording each version shares with the passage is marked (小马拉大车 among it); each
    // opens side by side.
    const shared = await line.locator('.wm-line-shared').allTextContents();
    expect(shared.join('')).toMatch(/小[马馬]拉大[车車]/);
    const compare = await line.getByTestId('line-compare').first().getAttribute('href');
    expect(compare).toContain('compare=003_fb24d1789acc4997%23p8');
    await page.goto(url('reader.html?line=no-such%23p1'));
    await expect.poll(() => byTestId('message').textContent()).toMatch(/no-such#p1/);
  });

  it('is the corpus browser when no article is named: search, then open one', async () => {
    await page.goto(url('reader.html'));
    await expect.poll(() => byTestId('corpus-browser').count()).toBe(1);
    const rows = page.locator('[data-testid="corpus-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(4);
    // By year: only the dated seed (002, 2024).
    await byTestId('corpus-year').selectOption('2024');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-article-id')).toBe('002_e53861ccea28f2a4');
    await byTestId('corpus-year').selectOption('');
    await expect.poll(() => rows.count()).toBeGreaterThan(4);
    await byTestId('corpus-search').fill('把黨的建設的重要思想轉化');
    // The rows the search found, not the year's list still on screen before its answer.
    const ids = () =>
      rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-article-id')));
    await expect.poll(ids).toEqual(['003_fb24d1789acc4997']);
    const href = await rows.first().locator('[data-testid="open-article"]').getAttribute('href');
    await page.goto(url(href!));
    await expect.poll(() => page.locator('p.wm-passage').count()).toBeGreaterThan(5);
    expect(page.url()).toContain('article=003_fb24d1789acc4997');
  });

  it('keeps how the text was cleaned out of the main view, and leads back to the corpus', async () => {
    await page.goto(url('reader.html?article=001_012235bad5547e84'));
    const notes = byTestId('cleaning-notes');
    await expect.poll(() => notes.count()).toBe(1);
    // Folded away: the header shows the article's facts, not the cleaner's counts.
    expect(await byTestId('article-meta').textContent()).not.toMatch(/[Pp]inyin/);
    expect(await notes.locator('dd').first().isVisible()).toBe(false);
    await notes.locator('summary').click();
    expect(await notes.textContent()).toMatch(/[Pp]inyin/);
    await byTestId('reader-corpus-link').click();
    await expect.poll(() => byTestId('corpus-browser').count()).toBe(1);
    expect(await byTestId('reader-nav').count()).toBe(0);
  });

  it('says clearly when an article does not exist', async () => {
    await page.goto(url('reader.html?article=no-such-article'));
    await expect.poll(() => byTestId('message').textContent()).toMatch(/no-such-article/);
  });
});
