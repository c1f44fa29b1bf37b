import { describe, expect, it, vi } from 'vitest';
import { PageAnalysis } from '../../../entrypoints/page-script/features/page-analysis';
import { PassageMarkers } from '../../../entrypoints/page-script/features/passage-markers';
import { ScriptSwitch } from '../../../entrypoints/page-script/features/script-switch';
import { TermCard } from '../../../entrypoints/page-script/features/term-card';
import {
  MAX_RANGES_WHILE_RESTLESS,
  TermHighlights,
} from '../../../entrypoints/page-script/features/term-highlights';
import { RenderedCheck } from '../../../lib/dom/rendered';
import { buildTermMatcher } from '../../../lib/match/match-terms';
import { converterFor } from '../../../lib/normalise/convert-script';
import type { ArticleAnalysis } from '../../../lib/page-state';
import type { TermCard as TermCardData } from '../../../lib/views';
import { ARTICLE, GLOSSARY, SETTINGS, pageContext, paintedTexts, testPage } from './page-fixture';

const matcher = buildTermMatcher(GLOSSARY);
const immediately = (apply: () => void) => apply();

describe('TermHighlights', () => {
  it('counts every term on the page, paints them, and takes them down when switched off', async () => {
    const page = testPage(ARTICLE);
    const highlights = new TermHighlights(pageContext(page), matcher, true);
    await highlights.scan();
    expect(Object.fromEntries(highlights.counts())).toEqual({ xinzhi: 9, lianggeweihu: 8 });
    await Promise.resolve(); // the observer's report, then its repaint
    expect(paintedTexts(page, 'wenmai-term')).toHaveLength(17);
    expect(paintedTexts(page, 'wenmai-term')).toContain('两个维护');

    await highlights.setEnabled(false);
    expect(highlights.counts().size).toBe(0);
    expect(page.highlights.has('wenmai-term')).toBe(false);
    highlights.stop();
  });

  it('paints only the terms in the viewport, a few, while the page keeps changing', async () => {
    const paragraphs = 100;
    const page = testPage(
      Array.from(
        { length: paragraphs },
        (_, i) => `<p>${i}：${'发展新质生产力，'.repeat(10)}</p>`,
      ).join(''),
    );
    // jsdom lays nothing out: paragraph i sits 100 px below paragraph i - 1.
    const all = [...page.doc.querySelectorAll('p')];
    page.win.Element.prototype.getBoundingClientRect = function (this: Element) {
      const top = 100 * all.indexOf(this as HTMLParagraphElement);
      return { top, bottom: top + 90, left: 0, right: 600, height: 90, width: 600 } as DOMRect;
    };
    const inView = all.filter((p) => p.getBoundingClientRect().top < page.win.innerHeight);
    expect(inView.length * 10).toBeGreaterThan(MAX_RANGES_WHILE_RESTLESS);
    const highlights = new TermHighlights(pageContext(page), matcher, true);
    await highlights.scan();
    await Promise.resolve();
    const painted = () => [...(page.highlights.get('wenmai-term') ?? [])];
    expect(painted()).toHaveLength(10 * paragraphs);

    highlights.setRestless(true);
    await Promise.resolve();
    expect(painted()).toHaveLength(MAX_RANGES_WHILE_RESTLESS);
    expect(
      painted().every((range) => inView.includes(range.startContainer.parentElement as never)),
    ).toBe(true);

    highlights.setRestless(false);
    await Promise.resolve();
    expect(painted()).toHaveLength(10 * paragraphs);
    highlights.stop();
  });

  it('counts the terms as the scan finds them: asking while it goes re-checks nothing already counted', async () => {
    const paragraphs = 400; // several slices of the scan
    const page = testPage(
      Array.from({ length: paragraphs }, (_, i) => `<p>${i}：发展新质生产力。</p>`).join(''),
    );
    const checks = vi.spyOn(RenderedCheck.prototype, 'isRendered');
    try {
      const highlights = new TermHighlights(pageContext(page), matcher, true);
      const scanning = highlights.scan();
      const asked: number[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 0));
        asked.push(highlights.counts().get('xinzhi') ?? 0);
      }
      await scanning;
      expect(Object.fromEntries(highlights.counts())).toEqual({ xinzhi: paragraphs });
      // Counts so far while the scan went on, each paragraph's visibility checked once in all.
      expect(asked.every((n) => n <= paragraphs)).toBe(true);
      expect(checks.mock.calls.length).toBeLessThanOrEqual(paragraphs);
      highlights.stop();
    } finally {
      checks.mockRestore();
    }
  });

  it('stops counting a term the page removed', async () => {
    const page = testPage('<p id="a">发展新质生产力</p><p>做到两个维护</p>');
    const highlights = new TermHighlights(pageContext(page), matcher, true);
    await highlights.scan();
    page.doc.getElementById('a')!.remove();
    expect(Object.fromEntries(highlights.counts())).toEqual({ lianggeweihu: 1 });
  });
});

describe('TermCard', () => {
  const card = {
    entry: GLOSSARY[0]!,
    script: 'simplified',
    headword: GLOSSARY[0]!.headword,
    related: [],
    occurrences: [],
    timeline: { unit: 'year', periods: [], undated: 0, total: 0 },
  } satisfies TermCardData;

  it('opens pinned with the background’s card, and closes', async () => {
    const page = testPage(ARTICLE);
    const context = pageContext(page, { 'wenmai/term': () => card });
    const highlights = new TermHighlights(context, matcher, true);
    const termCard = new TermCard(context, highlights);
    termCard.open('xinzhi', null, true);
    expect(context.store.get().card).toMatchObject({ termId: 'xinzhi', pinned: true, data: null });
    await new Promise((r) => setTimeout(r, 0));
    expect(context.store.get().card?.data?.entry.headword).toBe('新质生产力');
    termCard.close();
    expect(context.store.get().card).toBeNull();
  });

  it('shows the background’s error on the card', async () => {
    const page = testPage(ARTICLE);
    const context = pageContext(page);
    const termCard = new TermCard(context, new TermHighlights(context, matcher, true));
    termCard.open('xinzhi', null, false);
    await new Promise((r) => setTimeout(r, 0));
    expect(context.store.get().card?.error).toBe('no answer for wenmai/term');
  });
});

describe('ScriptSwitch', () => {
  const convert = (request: { texts: string[]; to: 'simplified' | 'traditional' }) => ({
    texts: request.texts.map(converterFor(request.to, 'tw')),
  });

  it('converts the page, follows added text, and restores the original exactly', async () => {
    const page = testPage(ARTICLE);
    const before = page.doc.body.innerHTML;
    const context = pageContext(page, { 'wenmai/convert': convert as never });
    const scripts = new ScriptSwitch(context, SETTINGS, immediately, () => new Set());
    await scripts.show('traditional');
    expect(scripts.converted()).toBe(true);
    expect(page.doc.body.textContent).toContain('因地制宜發展新質生產力');
    expect(page.doc.querySelector('p')?.getAttribute('lang')).toBe('zh-TW');

    const added = page.doc.createElement('p');
    added.textContent = '坚持两个维护';
    page.doc.body.append(added);
    await scripts.follow({ added: [added], edited: [], removed: false, overflow: false });
    expect(added.textContent).toBe('堅持兩個維護');
    added.remove();

    await scripts.show('original');
    expect(page.doc.body.innerHTML).toBe(before);
  });

  it('puts the original back when Wenmai goes away', async () => {
    const page = testPage(ARTICLE);
    const before = page.doc.body.innerHTML;
    const context = pageContext(page, { 'wenmai/convert': convert as never });
    const scripts = new ScriptSwitch(context, SETTINGS, immediately, () => new Set());
    await scripts.show('traditional');
    scripts.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(page.doc.body.innerHTML).toBe(before);
  });
});

describe('PageAnalysis', () => {
  const answer: ArticleAnalysis = {
    lang: 'zh-Hans',
    article: null,
    similar: [],
    parallels: [],
    articleTerms: {},
  };

  it('sends the article as written, even from a converted page', async () => {
    const page = testPage(ARTICLE);
    const context = pageContext(page, {
      'wenmai/convert': ((r: { texts: string[] }) => ({
        texts: r.texts.map(converterFor('traditional', 'tw')),
      })) as never,
      'wenmai/analyze': () => answer,
    });
    const scripts = new ScriptSwitch(context, SETTINGS, immediately, () => new Set());
    await scripts.show('traditional');
    const analyzed: ArticleAnalysis[] = [];
    const analysis = new PageAnalysis(context, scripts, (result) => analyzed.push(result));
    expect((await analysis.originalArticle())?.text).toContain('发展新质生产力');
    analysis.schedule(0);
    await vi_waitFor(() => analyzed.length === 1);
    const sent = context.asked.mock.calls.find(([r]) => r.type === 'wenmai/analyze')?.[0];
    expect(sent.article.text).toContain('两个维护');
    expect(sent.article.text).not.toContain('兩個維護');
    expect(analysis.result).toEqual(answer);
  });

  it('analyzes a page that keeps changing now and then, however often it is asked to', async () => {
    const page = testPage(ARTICLE);
    const context = pageContext(page, { 'wenmai/analyze': () => answer });
    const scripts = new ScriptSwitch(context, SETTINGS, immediately, () => new Set());
    const analysis = new PageAnalysis(context, scripts, () => undefined);
    vi.useFakeTimers();
    try {
      // Asked again every 50 ms for 1 s, each time for 200 ms from then: still analyzed.
      for (let t = 0; t < 1000; t += 50) {
        analysis.scheduleOnce(200);
        await vi.advanceTimersByTimeAsync(50);
      }
      await vi.advanceTimersByTimeAsync(50);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(analysis.pending).toBe(false), { timeout: 5000 });
    const asked = context.asked.mock.calls.filter(([r]) => r.type === 'wenmai/analyze');
    expect(asked.length).toBeGreaterThanOrEqual(4);
    expect(asked.length).toBeLessThanOrEqual(6);
  });
});

describe('PassageMarkers', () => {
  const parallels: ArticleAnalysis['parallels'] = [
    {
      passage: 0,
      text: '各地坚持因地制宜发展新质生产力，做到两个维护，推动高质量发展取得新成效。',
      matches: Array.from({ length: 10 }, (_, i) => ({
        articleId: `a${i}`,
        source: `a${i}.txt`,
        title: `Article ${i}`,
        passageId: `a${i}:p1`,
        text: '因地制宜发展新质生产力',
        score: i / 10,
      })),
    },
  ];

  it('opens a passage’s parallels, marking it on the page, with the articles’ titles', async () => {
    const page = testPage(ARTICLE);
    const context = pageContext(page, {
      'wenmai/get-passages': (r: { passageIds: string[] }) =>
        r.passageIds.map((passageId) => ({
          passageId,
          articleId: passageId.split(':')[0]!,
          title: `标题 ${passageId}`,
          source: '',
          text: '',
        })),
    } as never);
    const markers = new PassageMarkers(context);
    const highlights = new TermHighlights(context, matcher, true);
    await highlights.scan();
    await markers.findPassages(highlights.blocks, parallels);
    await vi_waitFor(() => context.store.get().markers.length > 0);
    expect(context.store.get().markers).toEqual([
      expect.objectContaining({ passage: 0, count: 10 }),
    ]);
    markers.openPanel(0);
    expect(context.store.get().panel?.matches).toHaveLength(10);
    // The passage as located on the page (by its anchors, up to its last character before 。).
    expect(paintedTexts(page, 'wenmai-passage')).toEqual([parallels[0]!.text.slice(0, -1)]);
    await vi_waitFor(() => Object.keys(context.store.get().titles).length === 10);
    markers.closePanel();
    expect(context.store.get().panel).toBeNull();
    expect(page.highlights.has('wenmai-passage')).toBe(false);
  });

  it('shows the best parallels of a selection', async () => {
    const page = testPage(ARTICLE);
    const context = pageContext(page, {
      'wenmai/analyze': () => ({
        lang: 'zh-Hans',
        article: null,
        similar: [],
        parallels,
        articleTerms: {},
      }),
      'wenmai/get-passages': () => [],
    } as never);
    await new PassageMarkers(context).showParallelsOf('因地制宜发展新质生产力');
    const panel = context.store.get().panel;
    expect(panel?.index).toBe(-1);
    expect(panel?.matches.map((m) => m.score)).toEqual([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]);
  });
});

async function vi_waitFor(done: () => boolean, timeout = 2000): Promise<void> {
  const end = Date.now() + timeout;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
