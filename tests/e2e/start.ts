/**
 * `npm start`: Wenmai in Chromium on its bundled corpus and demo pages.
 * With a display, opens a browser window to try it by hand (Ctrl+C to quit). Without one, runs
 * headless and saves screenshots of the highlights, a glossary card, the banner, a parallel view,
 * a policy line, a side-by-side comparison and the corpus browser.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import {
  InPageUi,
  launch,
  ROOT,
  serve,
  testId,
  waitForImport,
  waitForState,
  type Launched,
} from './harness';
import { highlightedTermPoint } from './page-probes';
import { ensureSystemPackages } from './system-packages';

const DEMOS = ['news-repost-traditional.html', 'forum-discuz-repost.html', 'dynamic-page.html'];
const OUT = join(ROOT, 'artifacts', 'screenshots');

async function hoverFirstTerm(page: Page, text: string): Promise<void> {
  const point = await page.evaluate(highlightedTermPoint, text);
  if (point) await page.mouse.move(point.x, point.y);
  await (await InPageUi.of(page)).waitFor(`${testId('wenmai-card')} .wm-headword`);
}

async function main(): Promise<void> {
  ensureSystemPackages();
  const { origin, server } = await serve({ fixtures: join(ROOT, 'tests', 'fixtures') });
  const headless = !process.env.DISPLAY || process.env.CI === 'true';
  const browser = (await launch({ headless })) as Launched;
  const setup = await browser.context.newPage();
  await waitForImport(browser, setup);
  const urls = DEMOS.map((demo) => `${origin}/fixtures/${demo}`);

  if (!headless) {
    for (const url of urls) await (await browser.context.newPage()).goto(url);
    await setup.goto(`chrome-extension://${browser.extensionId}/options.html`);
    console.log(
      `Wenmai is running in Chromium with demo pages:\n${urls.map((u) => `  ${u}`).join('\n')}\nPress Ctrl+C to stop.`,
    );
    await new Promise<void>((resolve) => process.on('SIGINT', resolve));
  } else {
    mkdirSync(OUT, { recursive: true });
    const shots: string[] = [];
    const shot = async (page: Page, name: string) => {
      const path = join(OUT, name);
      await page.screenshot({ path });
      shots.push(path);
    };
    const news = await browser.context.newPage();
    await news.goto(urls[0]!);
    await waitForState(browser, news, (s) => s.article !== null);
    await news.waitForTimeout(300);
    await shot(news, '1-highlights-and-banner.png');
    await hoverFirstTerm(news, '新質生產力');
    await shot(news, '2-glossary-card.png');
    await news.keyboard.press('Escape');
    await news.mouse.move(5, 5);
    const newsUi = await InPageUi.of(news);
    await newsUi.click(testId('passage-marker'), 3);
    await newsUi.waitFor(testId('parallel-match'));
    await shot(news, '3-parallel-passages.png');

    const forum = await browser.context.newPage();
    await forum.goto(urls[1]!);
    await waitForState(browser, forum, (s) => s.article !== null);
    await forum.waitForTimeout(300);
    await shot(forum, '4-forum-banner.png');

    // The reader's own pages: a policy line across the corpus, two passages side by side, and the
    // corpus browser with a term over time.
    const reader = await browser.context.newPage();
    await reader.setViewportSize({ width: 1100, height: 900 });
    const extension = `chrome-extension://${browser.extensionId}`;
    await reader.goto(`${extension}/reader.html?line=003_fb24d1789acc4997%23p8`);
    await reader.getByTestId('line-article').first().waitFor();
    await shot(reader, '5-policy-line.png');
    await reader.goto(
      `${extension}/reader.html?compare=004_bfd4e0d355f25b94%23p13,001_012235bad5547e84%23p10`,
    );
    await reader.getByTestId('diff-legend').waitFor();
    await shot(reader, '6-side-by-side.png');
    await reader.goto(`${extension}/reader.html`);
    await reader.getByTestId('corpus-search').fill('新质生产力');
    await reader.getByTestId('search-term').waitFor();
    await reader.waitForTimeout(300);
    await shot(reader, '7-corpus-browser.png');
    console.log(
      `Headless run (no display). Screenshots:\n${shots.map((s) => `  ${relative(process.cwd(), s)}`).join('\n')}`,
    );
  }
  await browser.context.close();
  server.close();
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
