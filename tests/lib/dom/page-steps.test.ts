import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { PassageLocator } from '../../../lib/dom/locate-passages';
import { MAX_OBSERVED, NearViewport } from '../../../lib/dom/near-viewport';
import { runInSteps } from '../../../lib/dom/steps';
import {
  collectTextBlocks,
  collectTextBlocksSteps,
  type TextBlock,
} from '../../../lib/dom/text-blocks';

/**
 * The page-side walks of a huge page run in bounded steps: each stops within its budget and gives
 * the answer the one-go walk gives.
 */

const paragraph = (i: number) =>
  `第${i + 1}段，组织部门要强化围绕中心、服务大局的核心理念，深刻理解新质生产力的科学内涵。`;

function longPage(paragraphs: number): Document {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>${paragraph(i)}</p>`).join('');
  return new JSDOM(`<body><main><div class="content">${body}</div></main></body>`).window.document;
}

/** A clock that moves 1 ms per reading: a 1-ms budget pauses at every step boundary. */
function tickingClock(): () => number {
  let t = 0;
  return () => t++;
}

const texts = (blocks: readonly TextBlock[]) => blocks.map((b) => b.text);

describe('collectTextBlocksSteps', () => {
  it('walks a 6,000-paragraph page in steps of 1,000 nodes, to the blocks of the one-go walk', async () => {
    const doc = longPage(6_000);
    let pauses = 0;
    const blocks = await runInSteps(
      collectTextBlocksSteps(doc.body, doc),
      async () => void pauses++,
      1,
      tickingClock(),
    );
    // 12,000 nodes (a <p> and its text each), a step every 1,000.
    expect(pauses).toBeGreaterThanOrEqual(11);
    expect(texts(blocks)).toEqual(texts(collectTextBlocks(doc.body, doc)));
    expect(blocks).toHaveLength(6_000);
  });
});

describe('PassageLocator.inSteps', () => {
  it('indexes a 6,000-paragraph page in steps and locates as the one-go locator does', async () => {
    const doc = longPage(6_000);
    const blocks = collectTextBlocks(doc.body, doc);
    let pauses = 0;
    const stepped = await PassageLocator.inSteps(
      blocks,
      doc,
      async () => void pauses++,
      1,
      tickingClock(),
    );
    // ~300,000 characters, a step every 20,000 (and the string built in its own steps).
    expect(pauses).toBeGreaterThanOrEqual(14);
    const whole = new PassageLocator(blocks, doc);
    for (const i of [0, 2_999, 5_999]) {
      const a = stepped.locate(paragraph(i))!;
      const b = whole.locate(paragraph(i))!;
      expect(a.startContainer).toBe(blocks[i]!.nodes[0]);
      expect([a.startContainer, a.startOffset, a.endContainer, a.endOffset]).toEqual([
        b.startContainer,
        b.startOffset,
        b.endContainer,
        b.endOffset,
      ]);
    }
  });
});

describe('NearViewport', () => {
  /** An IntersectionObserver that records what is observed and reports what a test says. */
  function fakeWindow() {
    const observed: Element[] = [];
    let report: (entries: Partial<IntersectionObserverEntry>[]) => void = () => undefined;
    class FakeObserver {
      constructor(callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
        report = callback;
      }
      observe(element: Element): void {
        observed.push(element);
      }
      disconnect(): void {}
    }
    const win = { IntersectionObserver: FakeObserver } as unknown as Window & typeof globalThis;
    return {
      win,
      observed,
      report: (entries: Partial<IntersectionObserverEntry>[]) => report(entries),
    };
  }
  const entry = (target: Element, place: 'near' | 'above' | 'below') => ({
    target,
    isIntersecting: place === 'near',
    rootBounds: { top: 0 } as DOMRectReadOnly,
    boundingClientRect: { bottom: place === 'above' ? -10 : 5_000 } as DOMRectReadOnly,
  });

  it('observes a long page in tasks bounded by time, top first', async () => {
    const doc = longPage(900);
    const { win, observed } = fakeWindow();
    const elements = Array.from(doc.querySelectorAll('p'));
    const tasks: number[] = [];
    // Every reading of the clock is 1 ms: an 8-ms task has time for a few steps of 100.
    const near = new NearViewport(win, elements, '0px', () => undefined, [], tickingClock());
    tasks.push(observed.length);
    while (observed.length < elements.length) {
      await new Promise((r) => setTimeout(r, 0));
      tasks.push(observed.length);
    }
    near.disconnect();
    expect(observed).toEqual(elements);
    expect(tasks[0]).toBeGreaterThan(0);
    expect(tasks[0]).toBeLessThan(900);
    expect(tasks.length).toBeGreaterThan(1);
  });

  it('observes at most MAX_OBSERVED of 3,000 elements, and takes those between two sentinels as near as their sentinels say', async () => {
    const doc = longPage(3_000);
    const { win, observed, report } = fakeWindow();
    const elements = Array.from(doc.querySelectorAll('p'));
    const near = new NearViewport(win, elements, '0px', () => undefined);
    while (observed.length < MAX_OBSERVED) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    near.disconnect();
    // Every third paragraph, the first one first.
    expect(observed).toHaveLength(MAX_OBSERVED);
    expect(observed[0]).toBe(elements[0]);
    expect(observed[1]).toBe(elements[3]);
    const sorted = () => [...near.near].sort((a, b) => a - b);
    // Sentinel 10 (paragraph 30) is near: the paragraphs from the sentinel before it to the one after.
    report([
      entry(elements[30]!, 'near'),
      entry(elements[27]!, 'above'),
      entry(elements[33]!, 'below'),
    ]);
    expect(sorted()).toEqual([27, 28, 29, 30, 31, 32]);
    // A stretch that fills the viewport: one sentinel above it, the next below.
    report([entry(elements[30]!, 'above'), entry(elements[33]!, 'below')]);
    expect(sorted()).toEqual([30, 31, 32]);
  });

  it('reports every item of an element that holds several (a paragraph cut by <br>), and each of one that holds one', async () => {
    const doc = longPage(3);
    const { win, observed, report } = fakeWindow();
    const [p0, p1, p2] = Array.from(doc.querySelectorAll('p'));
    const near = new NearViewport(win, [p0, p1, p1, p2, p1], '0px', () => undefined);
    while (observed.length < 3) await new Promise((r) => setTimeout(r, 0));
    const sorted = () => [...near.near].sort((a, b) => a - b);
    report([entry(p1!, 'near')]);
    expect(sorted()).toEqual([1, 2, 4]);
    report([entry(p0!, 'near'), entry(p1!, 'below')]);
    expect(sorted()).toEqual([0]);
    near.disconnect();
  });

  it("reads the items' elements in tasks bounded by time too", async () => {
    const doc = longPage(6_000);
    const { win, observed } = fakeWindow();
    const paragraphs = Array.from(doc.querySelectorAll('p'));
    let read = 0;
    const near = new NearViewport(
      win,
      { length: paragraphs.length, elementOf: (i) => (read++, paragraphs[i]) },
      '0px',
      () => undefined,
      [],
      tickingClock(),
    );
    const firstTask = read;
    while (observed.length < MAX_OBSERVED) await new Promise((r) => setTimeout(r, 0));
    near.disconnect();
    expect(firstTask).toBeGreaterThan(0);
    expect(firstTask).toBeLessThan(6_000);
    expect(read).toBe(6_000);
    expect(observed[1]).toBe(paragraphs[6]);
  });
});
