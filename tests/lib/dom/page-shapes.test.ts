import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../lib/dom/extract-article';
import { removeStyleHidden } from '../../../lib/dom/style-hidden';
import { extractWikiArticle } from '../../../lib/dom/wiki-article';

const page = (name: string) =>
  new JSDOM(readFileSync(join(import.meta.dirname, '../../fixtures', name), 'utf8')).window
    .document;

describe('extractWikiArticle', () => {
  it('reads the article without infobox, contents, edit links, citations, lists and navboxes', () => {
    const wiki = extractWikiArticle(page('wiki-grid-governance.html'))!;
    expect(wiki.title).toBe('网格化管理');
    expect(wiki.text.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^网格化管理是中国大陆/),
      expect.stringMatching(/^这种方式常被视为/),
      '历史',
    ]);
    expect(wiki.text).not.toMatch(
      /编辑|\[1\]|目录|参见|参考文献|林远舟|河长制|实施层级|来源请求|分类/,
    );
  });

  it('is not asked about other pages', () => {
    expect(extractWikiArticle(page('news-lead-paragraph.html'))).toBeNull();
  });
});

describe('a one-paragraph news article', () => {
  it('is the lead paragraph, not the sidebars Readability falls back to', () => {
    const article = extractArticle(page('news-lead-paragraph.html'))!;
    expect(article.text).toMatch(/^本报讯（记者 林晓舟）7月15日/);
    expect(article.text).not.toMatch(/热点排行|暑期溺水|责任编辑/);
  });
});

describe('removeStyleHidden (a page read without layout)', () => {
  it('drops what the stylesheet hides: display none, visibility hidden, a closed 0-height box', () => {
    const doc = page('portal-hidden-menu.html');
    removeStyleHidden(doc);
    const text = doc.body.textContent!;
    expect(text).not.toMatch(/优化营商环境专栏|一带一路|本文关键词/);
    expect(text).toMatch(/政务公开/);
    expect(text).toMatch(/取消重复填报/);
  });

  it('removes only where a stylesheet hides something', () => {
    expect(removeStyleHidden(page('forum-phpbb.html'))).toBeGreaterThan(0); // its dropdowns
    expect(removeStyleHidden(page('iframe-embeds.html'))).toBe(0);
  });
});
