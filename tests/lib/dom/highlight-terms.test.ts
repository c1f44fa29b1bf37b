import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  findFirstTermRanges,
  findTermRanges,
  findTermRangesInSpan,
  matchTermsInSpan,
  type TermRange,
} from '../../../lib/dom/highlight-terms';
import { TermTable, TermTableHitTester } from '../../../lib/dom/term-table';
import { collectTextBlocks } from '../../../lib/dom/text-blocks';
import { buildMatcherFromForms } from '../../../lib/match/match-terms';

const matcher = buildMatcherFromForms([
  { id: 'xzscl', forms: ['新质生产力', '新質生產力'] },
  { id: 'gzlfz', forms: ['高质量发展'] },
  // Blocked where the text spells 省委第一书记: a span must read its neighbours to know.
  { id: 'dysj', forms: ['第一书记'], blockedIn: ['省委第一书记'] },
]);
const UNIT = '各地因地制宜发展新质生产力，推动高质量发展。省委第一书记和驻村第一书记都来了。';

function pageOf(html: string) {
  const { window } = new JSDOM(`<!doctype html><body>${html}</body>`);
  const doc = window.document;
  return { doc, blocks: collectTextBlocks(doc.body, doc) };
}

const described = (terms: readonly TermRange[]) =>
  terms.map((t) => `${t.termId}@${t.block}:${t.at}:${t.range.startOffset}-${t.range.endOffset}`);

describe('terms of a huge block, matched span by span', () => {
  it('finds exactly what matching the whole block finds, wherever the spans are cut', () => {
    const { doc, blocks } = pageOf(`<p>${UNIT.repeat(40)}</p><p>${UNIT}<b>新质</b>生产力</p>`);
    const whole = findTermRanges(blocks, matcher, doc);
    expect(whole.length).toBe(41 * 3 + 1);
    for (const step of [7, 13, 100, 997]) {
      const spans: TermRange[] = [];
      blocks.forEach((block, index) => {
        for (let from = 0; from < block.text.length; from += step)
          spans.push(...findTermRangesInSpan(block, index, from, from + step, matcher, doc));
      });
      expect(described(spans)).toEqual(described(whole));
    }
  });

  it('matches only the first characters for the first screen', () => {
    const { doc, blocks } = pageOf(`<p>${UNIT.repeat(1000)}</p><p>${UNIT}</p>`);
    const first = findFirstTermRanges(blocks, matcher, 2 * UNIT.length, doc);
    expect(first.map((t) => t.termId)).toEqual([
      'xzscl',
      'gzlfz',
      'dysj',
      'xzscl',
      'gzlfz',
      'dysj',
    ]);
    expect(first.every((t) => t.block === 0)).toBe(true);
  });
});

/** Every term of the blocks in a table, matched in spans of `step` characters. */
function tableOf(blocks: ReturnType<typeof pageOf>['blocks'], step = Infinity): TermTable {
  const table = new TermTable(blocks);
  blocks.forEach((block, index) => {
    for (let from = 0; from < block.text.length; from += step)
      matchTermsInSpan(block, from, from + step, matcher, (termId, at, end) =>
        table.push(termId, index, at, end),
      );
  });
  return table;
}

describe('the terms of a page as a table (ranges made only when asked)', () => {
  it('holds the terms findTermRanges finds, with the same ranges, across inline tags and spans', () => {
    const { doc, blocks } = pageOf(
      `<p>${UNIT.repeat(600)}</p><p>${UNIT}<b>新质</b>生产力</p><p>高质量<i>发展</i></p>`,
    );
    const whole = findTermRanges(blocks, matcher, doc);
    for (const step of [Infinity, 13, 997]) {
      const table = tableOf(blocks, step);
      // Past its first 1,024 terms: the arrays grew.
      expect(table.length).toBe(whole.length);
      expect(table.length).toBeGreaterThan(1024);
      const made = Array.from({ length: table.length }, (_, i) => table.term(i, doc));
      expect(described(made)).toEqual(described(whole));
      // The ranges end where findTermRanges' end (the term across <b> ends in the second node).
      expect(made.map((t) => [t.range.endContainer, t.range.endOffset])).toEqual(
        whole.map((t) => [t.range.endContainer, t.range.endOffset]),
      );
    }
  });

  it('knows each term’s start node and whether it covers no text, without making a range', () => {
    const { doc, blocks } = pageOf(`<p>${UNIT.repeat(3)}<b>新质</b>生产力</p><p>${UNIT}</p>`);
    const table = tableOf(blocks);
    const agrees = () =>
      Array.from({ length: table.length }, (_, i) => {
        const range = table.rangeOf(i, doc);
        return (
          table.startNode(i) === range.startContainer && table.isCollapsed(i) === range.collapsed
        );
      });
    expect(agrees().every(Boolean)).toBe(true);
    // The page empties a node after the scan: the terms there now cover nothing.
    blocks[1]!.nodes[0]!.data = '';
    const collapsed = Array.from({ length: table.length }, (_, i) => table.isCollapsed(i));
    expect(collapsed.filter(Boolean)).toHaveLength(3);
    expect(agrees().every(Boolean)).toBe(true);
    table.markCounted(2);
    expect([table.isCounted(1), table.isCounted(2)]).toEqual([false, true]);
  });

  it('finds a term id’s occurrences, and the terms of a span of a block by bisection', () => {
    const { blocks } = pageOf(`<p>${UNIT.repeat(50)}</p><p>${UNIT}</p>`);
    const table = tableOf(blocks);
    expect(table.indicesOf('gzlfz')).toHaveLength(51);
    expect(table.indicesOf('gzlfz').every((i) => table.termId(i) === 'gzlfz')).toBe(true);
    expect(table.indicesOf('nowhere')).toEqual([]);
    // Block 0's terms are [0, 150): those starting in [UNIT.length, 2 * UNIT.length) are 3..5.
    const from = table.firstFrom(UNIT.length, 0, 150);
    const to = table.firstFrom(2 * UNIT.length, from, 150);
    expect([from, to]).toEqual([3, 6]);
    expect(table.block(150)).toBe(1);
  });
});

/** A hit tester over all of a table's blocks. */
function testerOf(table: TermTable): TermTableHitTester {
  const firstTerms: number[] = [];
  for (let i = table.length - 1; i >= 0; i--) firstTerms[table.block(i)] = i;
  // Blocks without terms start where the next block's terms start.
  for (let b = table.blocks.length - 1; b >= 0; b--)
    firstTerms[b] ??= firstTerms[b + 1] ?? table.length;
  return new TermTableHitTester(table, firstTerms, (node) => {
    const b = table.blocks.findIndex((block) => block.nodes.includes(node as Text));
    return b < 0 ? null : b;
  });
}

/**
 * jsdom has no layout: the caret at any point is given (in `node` at `offset`), and every range's
 * box is taken to hold the point.
 */
function stubCaretAt(doc: Document, node: Node, offset: number): void {
  (doc as Document & { caretRangeFromPoint: unknown }).caretRangeFromPoint = () => {
    const range = doc.createRange();
    range.setStart(node, offset);
    return range;
  };
  doc.defaultView!.Range.prototype.getClientRects = () =>
    [{ left: 0, right: 10, top: 0, bottom: 10 }] as unknown as DOMRectList;
}

describe('the term under the pointer', () => {
  it('is found among many terms of one text node, and not beside them', () => {
    const { doc, blocks } = pageOf(`<p>${UNIT.repeat(2000)}</p>`);
    const table = tableOf(blocks);
    const node = blocks[0]!.nodes[0]!;
    const tester = testerOf(table);
    const at = (offset: number) => {
      stubCaretAt(doc, node, offset);
      return tester.termAt(doc, 5, 5);
    };
    const middle = 3000;
    const start = table.startOf(middle).offset;
    expect(at(start + 2)).toBe(middle);
    expect(at(start)).toBe(middle);
    // Just before it: between terms.
    expect(at(start - 1)).toBeNull();
  });

  it('is found in a text node after the first of its block, and across an inline tag', () => {
    const { doc, blocks } = pageOf(`<p>${UNIT}<b>新质</b>生产力，${UNIT}</p>`);
    const table = tableOf(blocks);
    const tester = testerOf(table);
    const [, b, after] = blocks[0]!.nodes;
    const at = (node: Node, offset: number) => {
      stubCaretAt(doc, node, offset);
      const found = tester.termAt(doc, 5, 5);
      return found === null ? null : `${table.termId(found)}@${table.at(found)}`;
    };
    // 新质 in <b>, 生产力 after it: the term that starts in <b> and ends in the next node.
    expect(at(b!, 1)).toBe(`xzscl@${UNIT.length}`);
    expect(at(after!, 1)).toBe(`xzscl@${UNIT.length}`);
    // The next UNIT's 高质量发展, in the node after the <b>: its offsets there are the block's less the node's start.
    const gzlfz = UNIT.indexOf('高质量发展');
    const nodeStart = UNIT.length + '新质生产力，'.length - '生产力，'.length;
    const inAfter = UNIT.length + '新质生产力，'.length + gzlfz - nodeStart;
    expect(at(after!, inAfter + 1)).toBe(`gzlfz@${UNIT.length + '新质生产力，'.length + gzlfz}`);
  });
});
