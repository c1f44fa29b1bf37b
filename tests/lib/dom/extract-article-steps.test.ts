import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';

// Every Readability run is recorded with the number of elements it was given.
const readabilityInputs = vi.hoisted(() => [] as number[]);
vi.mock('@mozilla/readability', async (importOriginal) => {
  const { Readability } = await importOriginal<typeof import('@mozilla/readability')>();
  return {
    Readability: class extends Readability<string> {
      constructor(doc: Document, options?: ConstructorParameters<typeof Readability<string>>[1]) {
        readabilityInputs.push(doc.getElementsByTagName('*').length);
        super(doc, options);
      }
    },
  };
});

const { Readability } =
  await vi.importActual<typeof import('@mozilla/readability')>('@mozilla/readability');
const { extractArticle, extractArticleInSteps, LARGE_PAGE_ELEMENTS, READABILITY_MAX_ELEMENTS } =
  await import('../../../lib/dom/extract-article');
const { blockLines } = await import('../../../lib/dom/walk-text');

const paragraph = (i: number) =>
  `第${i + 1}段，组织部门要强化围绕中心、服务大局的核心理念，深刻理解新质生产力的科学内涵和战略价值，全面跟进思想教育、干部选配、人才支撑和组织保障。`;

/** A portal page: a 12-paragraph article under a comment wall of `comments` × 11 elements. */
function commentWall(comments: number): Document {
  const article = Array.from({ length: 12 }, (_, i) => `<p>${paragraph(i)}</p>`).join('');
  const wall = Array.from(
    { length: comments },
    (_, i) =>
      `<div class="comment"><div class="meta"><a href="/u/${i}">网友${i}</a><span>07-0${1 + (i % 9)}</span>` +
      `<span>${i + 1}楼</span></div><p class="text">说得好，支持第${i}条意见</p>` +
      `<div class="actions"><a href="#r">回复</a><a href="#l">点赞</a><a href="#s">分享</a><a href="#x">举报</a></div></div>`,
  ).join('');
  return new JSDOM(
    `<!doctype html><html><head><title>组织工作综述 - 新闻网</title></head><body><header><a href="/">首页</a></header>` +
      `<main><h1>组织工作综述</h1><div class="content">${article}</div><section class="comments">${wall}</section></main>` +
      `<footer>版权所有</footer></body></html>`,
  ).window.document;
}

/** What extraction kept before it was cut into steps: Readability over a clone of the whole page. */
function wholePageReadability(doc: Document): string[] {
  const parsed = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200 }).parse();
  const content = doc.implementation.createHTMLDocument('');
  content.body.innerHTML = parsed!.content!;
  return blockLines(content.body);
}

describe('extractArticleInSteps', () => {
  it('reads a 12,000-element page in many short steps, with Readability given a bounded subtree, and keeps what Readability on the whole page keeps', async () => {
    const doc = commentWall(1_100);
    expect(doc.body.getElementsByTagName('*').length).toBeGreaterThan(12_000);
    readabilityInputs.length = 0;
    let clock = 0;
    let pauses = 0;
    // A clock that moves 1 ms per reading and a 1-ms budget: a pause at every step boundary.
    const article = await extractArticleInSteps(
      doc,
      async () => void pauses++,
      1,
      () => clock++,
    );
    expect(article?.method).toBe('readability');
    // The density pass alone visits ~9,000 text nodes, 2,000 a step.
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(readabilityInputs.length).toBeGreaterThan(0);
    expect(Math.max(...readabilityInputs)).toBeLessThanOrEqual(READABILITY_MAX_ELEMENTS + 10);
    const reference = wholePageReadability(doc);
    expect(article!.text.split('\n')).toEqual(reference);
    expect(article!.text).toContain(paragraph(11));
    expect(article!.text).not.toMatch(/网友|举报/);
    // The CLI's synchronous extraction gives the same answer.
    expect(extractArticle(doc)).toEqual(article);
  });

  it('leaves pages under the threshold to Readability on the whole page, as before', async () => {
    const doc = commentWall(100);
    expect(doc.body.getElementsByTagName('*').length).toBeLessThan(LARGE_PAGE_ELEMENTS);
    readabilityInputs.length = 0;
    const article = await extractArticleInSteps(doc, async () => undefined);
    expect(readabilityInputs[0]).toBe(doc.getElementsByTagName('*').length);
    expect(article!.text.split('\n')).toEqual(wholePageReadability(doc));
  });

  it('reads a huge article in steps, from its markup, as the whole page', async () => {
    const long = Array.from({ length: 6_000 }, (_, i) => `<p>${paragraph(i)}</p>`).join('');
    const doc = new JSDOM(
      `<body><nav><a>首页</a></nav><article><h1>长文标题</h1>${long}</article><aside>推荐阅读</aside></body>`,
    ).window.document;
    let pauses = 0;
    let clock = 0;
    const article = await extractArticleInSteps(
      doc,
      async () => void pauses++,
      1,
      () => clock++,
    );
    expect(article).toMatchObject({ method: 'markup', title: '长文标题' });
    expect(article!.text.split('\n')).toHaveLength(6_000);
    expect(pauses).toBeGreaterThanOrEqual(6);
  });

  it('never reads a large part of the page as one string: the forum check and the large-page rules count text without building it', async () => {
    const long = Array.from({ length: 6_000 }, (_, i) => `<p>${paragraph(i)}</p>`).join('');
    const { window } = new JSDOM(
      `<body><nav><a>首页</a></nav><main><div class="content"><h1>长文标题</h1>${long}</div></main><aside>推荐阅读</aside></body>`,
    );
    const doc = window.document;
    // The longest text any textContent read built.
    const getter = Object.getOwnPropertyDescriptor(window.Node.prototype, 'textContent')!.get!;
    let longest = 0;
    const spy = vi.spyOn(window.Node.prototype, 'textContent', 'get').mockImplementation(function (
      this: Node,
    ) {
      const text = getter.call(this) as string | null;
      longest = Math.max(longest, text?.length ?? 0);
      return text;
    });
    try {
      const article = await extractArticleInSteps(doc, async () => undefined);
      expect(article!.text.split('\n')).toHaveLength(6_000);
      expect(article!.text).toContain(paragraph(5_999));
    } finally {
      spy.mockRestore();
    }
    // A paragraph, a heading: never the article (~400,000 characters) or the page.
    expect(longest).toBeLessThan(1_000);
  });
});
