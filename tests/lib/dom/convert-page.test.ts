import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { PageConverter, SliceBudget } from '../../../lib/dom/convert-page';
import { inViewport } from '../../../lib/dom/near-viewport';
import { collectTextBlocks } from '../../../lib/dom/text-blocks';
import { converterFor } from '../../../lib/normalise/convert-script';

const page = (body: string) => new JSDOM(`<!doctype html><html><body>${body}</body></html>`);
const toTraditional = converterFor('traditional', 'tw');
/** A paragraph of ~300 characters that converts. */
const paragraph = (i: number): string =>
  `<p>第${i}段${'发展新质生产力，加强干部队伍建设。'.repeat(18)}</p>`;

describe('PageConverter: the part in view first', () => {
  it('asks for the blocks named first alone and writes them before the rest is back', async () => {
    const doc = page(Array.from({ length: 200 }, (_, i) => paragraph(i)).join('')).window.document;
    const requests: number[] = [];
    let releaseRest: () => void = () => {};
    const rest = new Promise<void>((resolve) => (releaseRest = resolve));
    const done = new PageConverter().convert(
      collectTextBlocks(doc.body, doc),
      async (texts) => {
        requests.push(texts.length);
        if (requests.length > 1) await rest;
        return texts.map(toTraditional);
      },
      'zh-TW',
      (apply) => apply(),
      async () => {},
      5,
    );
    await new Promise((r) => setTimeout(r, 10));
    const paragraphs = doc.querySelectorAll('p');
    // The five in view were asked for on their own and are on the page; every other request was
    // sent meanwhile (the background answers them while the first are written).
    expect(requests[0]).toBe(5);
    expect(requests.slice(1).reduce((a, b) => a + b, 0)).toBe(195);
    expect(paragraphs[4]!.textContent).toMatch(/^第4段發展/);
    expect(paragraphs[5]!.textContent).toMatch(/^第5段发展/);
    releaseRest();
    expect(await done).toBe(200);
    expect(paragraphs[199]!.textContent).toMatch(/^第199段發展/);
  });

  it('writes the rest in slices sized by how long the page took to render the last one', async () => {
    const slicesFor = async (frameMs: number): Promise<number[]> => {
      const doc = page(Array.from({ length: 300 }, (_, i) => paragraph(i)).join('')).window
        .document;
      const slices: number[] = [];
      await new PageConverter().convert(
        collectTextBlocks(doc.body, doc),
        async (texts) => texts.map(toTraditional),
        'zh-TW',
        (apply) => {
          const before = doc.querySelectorAll('p[lang]').length;
          apply();
          slices.push(doc.querySelectorAll('p[lang]').length - before);
        },
        async () => frameMs,
        10,
      );
      return slices;
    };
    // Cheap frames: ~90,000 characters after the first ten blocks in a handful of slices, each
    // larger than the last but the remainder (a fixed 24 blocks a frame took 13).
    const cheap = await slicesFor(2);
    expect(cheap[0]).toBe(10);
    expect(cheap.length).toBeLessThanOrEqual(6);
    const growing = cheap.slice(1, -1);
    expect(growing.every((n, i) => i === 0 || n > growing[i - 1]!)).toBe(true);
    // Dear frames: slices shrink to the smallest and stay there.
    const dear = await slicesFor(200);
    expect(dear.length).toBeGreaterThan(100);
    expect(Math.max(...dear.slice(3))).toBeLessThanOrEqual(
      Math.ceil(SliceBudget.MIN_CHARS / 300) + 1,
    );
  });

  it('grows the slice when frames are cheap and shrinks it when they are dear, within bounds', () => {
    const budget = new SliceBudget();
    expect(budget.size).toBe(SliceBudget.FIRST_CHARS);
    budget.record(SliceBudget.TARGET_FRAME_MS / 10);
    expect(budget.size).toBe(4 * SliceBudget.FIRST_CHARS); // at most ×4 a frame
    budget.record(2 * SliceBudget.TARGET_FRAME_MS);
    expect(budget.size).toBe(2 * SliceBudget.FIRST_CHARS);
    for (let i = 0; i < 10; i++) budget.record(1000);
    expect(budget.size).toBe(SliceBudget.MIN_CHARS);
    budget.record(undefined); // no frame measured (a hidden tab): nothing is laid out, grow
    expect(budget.size).toBe(4 * SliceBudget.MIN_CHARS);
  });
});

describe('inViewport', () => {
  it('tells the elements whose boxes are in the viewport', () => {
    const dom = page('<p>上</p><p>中</p><p>下</p><p>空</p>');
    const win = dom.window as unknown as Window;
    Object.assign(win, { innerHeight: 900, innerWidth: 1280 });
    const [above, inside, below, empty] = [...dom.window.document.querySelectorAll('p')];
    const box = (top: number, height: number) => () =>
      ({ top, bottom: top + height, left: 0, right: 600, height, width: 600 }) as DOMRect;
    above!.getBoundingClientRect = box(-500, 400);
    inside!.getBoundingClientRect = box(850, 100);
    below!.getBoundingClientRect = box(900, 100);
    empty!.getBoundingClientRect = box(100, 0);
    expect([...inViewport([above!, inside!, below!, empty!], win)]).toEqual([inside]);
  });
});
