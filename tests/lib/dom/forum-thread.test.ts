import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../lib/dom/extract-article';
import { extractForumThread, parsePostMeta } from '../../../lib/dom/forum-thread';

const doc = (html: string) => new JSDOM(html).window.document;
const fixture = (name: string) =>
  doc(readFileSync(join(import.meta.dirname, '../../fixtures', name), 'utf8'));

const story =
  '今年全县新建高标准农田四万亩，项目涉及土地平整、灌溉排水和田间道路，预计十月底前全部完工，建后管护主体和经费同步落实。';

describe('extractForumThread', () => {
  it.each([
    ['forum-phpbb.html', 'phpbb', '老旧小区加装电梯，我们楼是怎么谈下来的', '梧桐三号楼'],
    ['forum-tieba.html', 'tieba', '在县城开五金店八年，说说办事的变化', '老杨五金'],
    ['forum-discuz-archiver.html', 'headed-posts', '周末走访三个村子的一点记录', '山里的老周'],
    ['forum-generic.html', 'headed-posts', '接诉即办一年，一个街道干部的几点观察', '江畔听风'],
    ['forum-bbs-table.html', 'headed-posts', '试点村搞垃圾分类一年的经验和教训', '南坡老支书'],
  ])('%s: the first post (%s), its title and author', (page, engine, title, author) => {
    const thread = extractForumThread(fixture(page))!;
    expect(thread).toMatchObject({ engine, title, meta: { author } });
    expect(thread.meta.date).toMatch(/^2024/);
    // Replies, profile boxes, tools and counts are not the post.
    expect(thread.text).not.toMatch(
      /发表于|浏览|回复|举报|等级|头衔|积分|来自Android|1楼|签名|老梧桐/,
    );
  });

  it('keeps a thread header’s counts as metadata', () => {
    expect(extractForumThread(fixture('forum-generic.html'))!.meta).toMatchObject({
      views: 3482,
      replies: 9,
      date: '2024-07-08 10:21',
    });
    expect(extractForumThread(fixture('forum-bbs-table.html'))!.meta).toMatchObject({
      views: 2107,
      replies: 6,
    });
  });

  it.each([
    [
      '作者：江畔听风 时间：2024-07-08 10:21 浏览：3,482 回复：9',
      { author: '江畔听风', views: 3482, replies: 9 },
    ],
    ['山里的老周 发表于 2024-4-22 21:06', { author: '山里的老周', date: '2024-4-22 21:06' }],
    [
      '由 梧桐三号楼 » 2024年 5月 11日 20:30',
      { author: '梧桐三号楼', date: '2024年 5月 11日 20:30' },
    ],
  ])('reads %s', (line, meta) => {
    expect(parsePostMeta(line)).toMatchObject(meta);
  });

  it('leaves a news article with reader comments to the article rules', () => {
    const page = doc(`<html><head><title>高标准农田建设 - 县新闻网</title></head><body>
      <article><h1>高标准农田建设现场推进会召开</h1><p>${story}</p><p>${story}</p><p>${story}</p></article>
      <div class="comments">
        <div class="c"><span>网友甲 发表于 2024-07-20 10:00</span><p>好消息，支持！</p></div>
        <div class="c"><span>网友乙 发表于 2024-07-20 11:00</span><p>希望早日完工，方便大家种地。</p></div>
      </div></body></html>`);
    expect(extractForumThread(page)).toBeNull();
    expect(extractArticle(page)!.text).toContain(story);
  });

  it('leaves a page with one byline to the article rules', () => {
    const page = doc(`<html><body><h1>推进会召开</h1>
      <div>作者：郑明 时间：2024-07-19</div><p>${story}</p></body></html>`);
    expect(extractForumThread(page)).toBeNull();
  });
});
