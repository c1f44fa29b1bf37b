import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { collectTextBlocks } from '../../../lib/dom/text-blocks';
import { isBlockElement, isExcludedElement } from '../../../lib/dom/walk-text';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** The blocks as a straightforward TreeWalker reading finds them: the walk must agree with it. */
function referenceBlocks(root: Element, doc: Document): string[][] {
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
  return blocks.map((b) => b.texts);
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
