import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { collectTextBlocks, isInsideExcluded } from '../../../lib/dom/text-blocks';
import { isJapaneseOrKoreanText } from '../../../lib/normalise/detect-script';
import { isBlockElement, isExcludedElement } from '../../../lib/dom/walk-text';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/**
 * The blocks as a straightforward TreeWalker reading finds them, less Japanese and Korean blocks
 * and nothing at all under an excluded ancestor (`<html lang="ja">`): the walk must agree with it.
 */
function referenceBlocks(root: Element, doc: Document): string[][] {
  if (isInsideExcluded(root, doc.documentElement)) return [];
  const walker = doc.createTreeWalker(root, 0x1 | 0x4, {
    acceptNode: (node) => (node.nodeType === 1 ? (isExcludedElement(node as Element) ? 2 : 3) : 1),
  });
  const blocks: { block: Node; texts: string[] }[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node as Text).data) continue;
    let block: Node = root;
    for (let p = node.parentNode; p && p !== root; p = p.parentNode)
      if (p.nodeType === 1 && isBlockElement(p as Element)) {
        block = p;
        break;
      }
    const last = blocks[blocks.length - 1];
    if (last && last.block === block) last.texts.push((node as Text).data);
    else blocks.push({ block, texts: [(node as Text).data] });
  }
  return blocks.map((b) => b.texts).filter((texts) => !isJapaneseOrKoreanText(texts.join('')));
}

describe('collectTextBlocks', () => {
  it('reads every fixture page into the same blocks, nodes and offsets as a TreeWalker would', () => {
    const pages = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const name of pages) {
      const doc = new JSDOM(readFileSync(join(FIXTURES, name), 'utf8')).window.document;
      const blocks = collectTextBlocks(doc.body, doc);
      expect(
        blocks.map((b) => b.nodes.map((n) => n.data)),
        name,
      ).toEqual(referenceBlocks(doc.body, doc));
      for (const b of blocks) {
        expect(b.text).toBe(b.nodes.map((n) => n.data).join(''));
        expect(b.starts).toEqual(
          b.nodes.map((_, i) => b.nodes.slice(0, i).reduce((n, t) => n + t.data.length, 0)),
        );
      }
    }
  });

  it('keeps text around nested blocks apart, skips comments and empty elements, and stops at maxBlocks', () => {
    const doc = new JSDOM(
      '<body><div>甲<!-- 注释 --><span></span><b>乙</b><section><p>丙<i>丁</i></p>戊</section>己</div><ul><li>庚</li></ul></body>',
    ).window.document;
    expect(collectTextBlocks(doc.body, doc).map((b) => b.text)).toEqual([
      '甲乙',
      '丙丁',
      '戊',
      '己',
      '庚',
    ]);
    expect(collectTextBlocks(doc.body, doc, 2).map((b) => b.text)).toEqual(['甲乙', '丙丁']);
  });
});

describe('collectTextBlocks and Japanese or Korean text', () => {
  it('skips elements marked ja or ko and blocks written in kana or hangul, keeps Chinese around them', () => {
    const doc = new JSDOM(
      `<html lang="zh-CN"><body>
        <h1>地方推进基层治理的新条件</h1>
        <p>各地要把基层治理作为重点，持续优化服务。</p>
        <blockquote lang="ja">財政支援の条件</blockquote>
        <p>日本媒体报道说：</p>
        <p>中国政府は基層治理の強化を打ち出した。条件として住民サービスの改善を求める。</p>
        <div lang="ko-KR"><p>經濟 條件</p></div>
        <p>정부는 새로운 방침을 발표했다.</p>
        <p>台灣の味，在地小吃推薦</p>
        <p>这家商场里有ソニー的专卖店。</p>
      </body></html>`,
    ).window.document;
    const texts = collectTextBlocks(doc.body, doc)
      .map((b) => b.text.trim())
      .filter(Boolean);
    expect(texts).toEqual([
      '地方推进基层治理的新条件',
      '各地要把基层治理作为重点，持续优化服务。',
      '日本媒体报道说：',
      '台灣の味，在地小吃推薦',
      '这家商场里有ソニー的专卖店。',
    ]);
    // maxBlocks counts the blocks kept, not those skipped.
    const firstFour = collectTextBlocks(doc.body, doc, 8).filter((b) => b.text.trim());
    expect(firstFour.map((b) => b.text.trim())).toContain('日本媒体报道说：');
  });

  it('finds nothing to convert or highlight on the Japanese news page, with or without its lang', () => {
    const html = readFileSync(join(FIXTURES, 'japanese-news.html'), 'utf8');
    const declared = new JSDOM(html).window.document;
    expect(collectTextBlocks(declared.body, declared)).toEqual([]);
    const undeclared = new JSDOM(html.replace('<html lang="ja">', '<html>')).window.document;
    const blocks = collectTextBlocks(undeclared.body, undeclared).map((b) => b.text);
    expect(blocks.join('')).not.toMatch(/条件|基層治理/);
    expect(blocks.filter((t) => isJapaneseOrKoreanText(t))).toEqual([]);
  });
});
