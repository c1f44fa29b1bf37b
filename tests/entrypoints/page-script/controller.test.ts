import { describe, expect, it, vi } from 'vitest';
import { PageController } from '../../../entrypoints/page-script/controller';
import { buildTermMatcher } from '../../../lib/match/match-terms';
import { converterFor } from '../../../lib/normalise/convert-script';
import { PARALLELS_PER_REPLY, type PageState } from '../../../lib/page-state';
import { SCAN_SLICE_BLOCKS } from '../../../entrypoints/page-script/features/term-highlights';
import { ARTICLE, GLOSSARY, SETTINGS, pageContext, testPage } from './page-fixture';

function controllerOn(body: string, parallels: PageState['parallels'] = [], start = true) {
  const page = testPage(body);
  const context = pageContext(page, {
    'wenmai/analyze': () => ({
      lang: 'zh-Hans',
      article: { title: '因地制宜发展新质生产力', chars: 300, passages: 8 },
      similar: [{ articleId: 'a', source: 'a.txt', title: '甲', score: 0.9, relation: 'reuse' }],
      parallels,
      // As if the extracted article had the headline and six of the paragraphs.
      articleTerms: { xinzhi: 7, lianggeweihu: 6 },
    }),
    'wenmai/convert': ((r: { texts: string[]; to: 'simplified' | 'traditional' }) => ({
      texts: r.texts.map(converterFor(r.to, 'tw')),
    })) as never,
  });
  const controller = new PageController(
    context.lifetime,
    page.doc,
    page.win,
    context.askBackground,
    buildTermMatcher(GLOSSARY),
    new Map(GLOSSARY.map((e) => [e.id, e])),
    SETTINGS,
    context.store,
    'zh-Hans',
  );
  if (start) controller.start();
  return { page, context, controller };
}

describe('PageController', () => {
  it('answers the page state: analysis, script, highlights and term counts', async () => {
    const { controller, context } = controllerOn(ARTICLE);
    // The analysis runs in tasks of its own: wait for its answer, however busy the machine is.
    await vi.waitFor(() => expect(context.store.get().similar).toHaveLength(1), { timeout: 5000 });
    const state = await controller.handle({ type: 'wenmai/page-state' });
    expect(state).toMatchObject({
      url: 'https://news.example.cn/a.html',
      lang: 'zh-Hans',
      script: 'original',
      highlights: true,
      article: { title: '因地制宜发展新质生产力' },
      similar: [{ articleId: 'a', relation: 'reuse' }],
    });
    expect(state.terms).toEqual([
      { termId: 'xinzhi', headword: '新质生产力', count: 9, inArticle: 7 },
      { termId: 'lianggeweihu', headword: '两个维护', count: 8, inArticle: 6 },
    ]);
    expect(context.store.get().similar).toHaveLength(1);
  });

  it('runs the keyboard commands in order and says what the page shows after each', async () => {
    const { controller, page } = controllerOn(ARTICLE);
    const before = page.doc.body.innerHTML;
    const off = await controller.handle({ type: 'wenmai/toggle-highlights' });
    expect(off).toMatchObject({ highlights: false, terms: [] });
    const [simplified, traditional, original] = await Promise.all([
      controller.handle({ type: 'wenmai/cycle-script' }),
      controller.handle({ type: 'wenmai/cycle-script' }),
      controller.handle({ type: 'wenmai/cycle-script' }),
    ]);
    expect([simplified.script, traditional.script, original.script]).toEqual([
      'simplified',
      'traditional',
      'original',
    ]);
    expect(page.doc.body.innerHTML).toBe(before);
    const on = await controller.handle({ type: 'wenmai/set-highlights', enabled: true });
    expect(on.highlights).toBe(true);
    expect(on.terms.map((t) => t.count)).toEqual([9, 8]);
  });

  it('gives the article as written for "Add to my corpus", even after a switch', async () => {
    const { controller } = controllerOn(ARTICLE);
    await controller.handle({ type: 'wenmai/set-script', script: 'traditional' });
    const article = await controller.handle({ type: 'wenmai/article-text' });
    expect(article?.url).toBe('https://news.example.cn/a.html');
    expect(article?.text).toContain('因地制宜发展新质生产力');
  });

  it('pages through the parallels: a reply lists a bounded number, however many the page has', async () => {
    const parallels = Array.from({ length: 2 * PARALLELS_PER_REPLY + 20 }, (_, i) => ({
      passage: i,
      text: `段落${i}`,
      matches: [
        { articleId: 'a', source: 'a.txt', title: '甲', passageId: `a:${i}`, text: '甲', score: 1 },
      ],
    }));
    const { controller, context } = controllerOn(ARTICLE, parallels);
    await vi.waitFor(() => expect(context.store.get().similar).toHaveLength(1), { timeout: 5000 });
    const first = await controller.handle({ type: 'wenmai/page-state' });
    expect(first.parallels).toHaveLength(PARALLELS_PER_REPLY);
    expect(first.parallelsPage).toEqual({ from: 0, total: parallels.length });
    const listed = [...first.parallels];
    while (listed.length < first.parallelsPage!.total) {
      const next = await controller.handle({
        type: 'wenmai/page-state',
        parallelsFrom: listed.length,
      });
      expect(next.parallelsPage?.from).toBe(listed.length);
      expect(next.parallels.length).toBeGreaterThan(0);
      listed.push(...next.parallels);
    }
    expect(listed).toEqual(parallels);
    // Any other command answers the first page.
    const afterCommand = await controller.handle({ type: 'wenmai/set-highlights', enabled: true });
    expect(afterCommand.parallels).toHaveLength(PARALLELS_PER_REPLY);
  });

  it('says everything is pending when asked before it has started', async () => {
    const { controller } = controllerOn(ARTICLE, [], false);
    const state = await controller.handle({ type: 'wenmai/page-state', now: true });
    expect(state.pending).toEqual(['analysis', 'terms']);
    expect(state.terms).toEqual([]);
  });

  it('answers at once when asked to, with the terms counted so far, marked pending', async () => {
    const paragraphs = 3 * SCAN_SLICE_BLOCKS;
    const { controller } = controllerOn(
      `<article>${'<p>发展新质生产力。</p>'.repeat(paragraphs)}</article>`,
    );
    const early = await controller.handle({ type: 'wenmai/page-state', now: true });
    expect(early.pending).toEqual(expect.arrayContaining(['analysis', 'terms']));
    expect(early.terms[0]?.count ?? 0).toBeLessThan(paragraphs);
    // Asked without `now`, it waits for the scan and the analysis.
    const settled = await controller.handle({ type: 'wenmai/page-state' });
    expect(settled.terms).toEqual([
      { termId: 'xinzhi', headword: '新质生产力', count: paragraphs, inArticle: 7 },
    ]);
    await vi.waitFor(
      async () =>
        expect(
          (await controller.handle({ type: 'wenmai/page-state', now: true })).pending,
        ).toBeUndefined(),
      { timeout: 5000 },
    );
  });
});
