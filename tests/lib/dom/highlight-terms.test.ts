import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  findFirstTermRanges,
  findTermRanges,
  findTermRangesInSpan,
  TermHitTester,
  type TermRange,
} from '../../../lib/dom/highlight-terms';
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

describe('the term under the pointer', () => {
  it('is found among many terms of one text node, and not beside them', () => {
    const { doc, blocks } = pageOf(`<p>${UNIT.repeat(2000)}</p>`);
    const terms = findTermRanges(blocks, matcher, doc);
    const node = blocks[0]!.nodes[0]!;
    const tester = new TermHitTester(terms);
    // jsdom has no layout: the caret is given, and every range's box is taken to hold the point.
    const at = (offset: number) => {
      (doc as Document & { caretRangeFromPoint: unknown }).caretRangeFromPoint = () => {
        const range = doc.createRange();
        range.setStart(node, offset);
        return range;
      };
      doc.defaultView!.Range.prototype.getClientRects = () =>
        [{ left: 0, right: 10, top: 0, bottom: 10 }] as unknown as DOMRectList;
      return tester.termAt(doc, 5, 5);
    };
    const middle = terms[3000]!;
    expect(at(middle.range.startOffset + 2)).toBe(middle);
    expect(at(middle.range.startOffset)).toBe(middle);
    // Just before it: between terms.
    expect(at(middle.range.startOffset - 1)).toBeNull();
  });
});
