import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle, visibleText } from '../../../lib/dom/extract-article';
import { blockLines } from '../../../lib/dom/walk-text';

const doc = (html: string) => new JSDOM(html).window.document;

const paragraphs = Array.from(
  { length: 6 },
  (_, i) =>
    `第${i + 1}段:组织部门要强化围绕中心、服务大局的核心理念,深刻理解新质生产力的科学内涵和战略价值,全面跟进思想教育、干部选配、人才支撑和组织保障。`,
);

describe('extractArticle', () => {
  it('takes the article of a news layout and leaves nav, sidebar and footer', () => {
    const page = doc(`<html><head><title>新闻 - 某网</title></head><body>
      <nav><a href="/">首页</a><a href="/n">新闻</a><a href="/p">评论</a></nav>
      <aside><h3>热点</h3><ul><li><a href="/1">今日天气晴</a></li><li><a href="/2">市场行情</a></li></ul></aside>
      <article><h1>组织工作与新质生产力</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
      <footer>版权所有 © 某网 京ICP备00000000号</footer></body></html>`);
    const article = extractArticle(page)!;
    expect(article.method).toBe('readability');
    expect(article.text.split('\n')).toEqual(expect.arrayContaining(paragraphs));
    expect(article.text).not.toMatch(/版权所有|今日天气晴|首页/);
  });

  it('takes the first Discuz post, without replies, edit notices or invisible anti-copy junk', () => {
    const page = doc(`<html><head><title>交流发言 - 公文写作 - 秘途论坛</title></head><body>
      <div id="pt"><div class="z"><a href="/">秘途论坛</a><a href="/f">公文写作</a><a href="/t">交流发言</a></div></div>
      <span id="thread_subject">组织部长交流发言(新质生产力专题)</span>
      <div id="postlist">
        <div id="post_1"><div class="authi"><a class="xw1">秘途杂谈</a></div><em id="authorposton1">发表于 2024-7-4 09:18:46</em>
          <table><tr><td class="t_f" id="postmessage_1"><i class="pstatus">本帖最后由 秘途杂谈 于 2024-7-5 编辑</i>
          ${paragraphs.join('<br />')}<font class="jammer">a8Kq2</font><span style="display:none">随机干扰</span></td></tr></table></div>
        <div id="post_2"><div class="authi"><a class="xw1">读者甲</a></div><table><tr><td class="t_f" id="postmessage_2">学习了,写得很实在</td></tr></table></div>
      </div></body></html>`);
    const article = extractArticle(page)!;
    expect(article).toMatchObject({ method: 'discuz', title: '组织部长交流发言(新质生产力专题)' });
    expect(article.forum).toEqual({
      author: '秘途杂谈',
      date: '2024-7-4 09:18:46',
      board: '公文写作',
    });
    expect(article.text.split('\n')).toEqual(paragraphs);
  });

  it('reads a large page from its single <article> element, without the sidebar', () => {
    const long = Array.from(
      { length: 480 },
      (_, i) => `<p>${paragraphs[i % paragraphs.length]}</p>`,
    ).join('');
    const page = doc(`<body><nav><a>首页</a></nav><article><h1>长文标题</h1>${long}</article>
      <aside><ul><li>推荐阅读:今日天气晴</li></ul></aside></body>`);
    const article = extractArticle(page)!;
    expect(article).toMatchObject({ method: 'markup', title: '长文标题' });
    expect(article.text.split('\n')).toHaveLength(480);
    expect(article.text).not.toContain('今日天气晴');
  });

  it('finds the text of a page with no article markup', () => {
    expect(extractArticle(doc('<body><div>短短一句话。</div></body>'))?.text).toBe('短短一句话。');
  });

  it('returns null for an empty page', () => {
    expect(extractArticle(doc('<html><body></body></html>'))).toBeNull();
  });

  it('does not change the page it reads', () => {
    const page = doc(
      `<body><article><h1>标题</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body>`,
    );
    const before = page.documentElement.outerHTML;
    extractArticle(page);
    expect(page.documentElement.outerHTML).toBe(before);
  });
});

describe('visible text', () => {
  it.each([
    ['a textarea', '<textarea>新质生产力</textarea>'],
    ['an input value', '<input value="新质生产力">'],
    ['an editable region', '<div contenteditable="true">新质生产力</div>'],
    ['a script', '<script>var s = "新质生产力";</script>'],
    ['a style', '<style>/* 新质生产力 */</style>'],
    ['code', '<pre><code>新质生产力</code></pre>'],
    ['SVG text', '<svg><text>新质生产力</text></svg>'],
    ['an attribute', '<a title="新质生产力">链接</a>'],
    ['a hidden element', '<div hidden>新质生产力</div>'],
  ])('leaves out %s', (_name, html) => {
    expect(visibleText(doc(`<body>${html}</body>`))).not.toContain('新质生产力');
  });

  it('splits blocks and <br> into lines and keeps inline text together', () => {
    expect(
      blockLines(doc('<body><p>发展<b>新质</b>生产力</p><div>一<br>二</div></body>').body),
    ).toEqual(['发展新质生产力', '一', '二']);
  });
});
