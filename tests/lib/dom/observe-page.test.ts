import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BATCH_MS,
  MAX_BATCH_MS,
  PageObserver,
  type PageChanges,
} from '../../../lib/dom/observe-page';

const page = () =>
  new JSDOM('<!doctype html><html><body><p id="a">新质生产力</p></body></html>').window;

/** Lets the MutationObserver deliver (a microtask), then moves the clock on. */
async function tick(ms: number): Promise<void> {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

describe('PageObserver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports a change on a quiet page after one short batch, with what was added and edited', async () => {
    const win = page();
    const batches: PageChanges[] = [];
    const observer = new PageObserver(win.document.body, (c) => batches.push(c), win as never);
    const p = win.document.createElement('p');
    p.textContent = '两个维护';
    win.document.body.append(p);
    (win.document.getElementById('a')!.firstChild as Text).data = '高质量发展';
    await tick(BATCH_MS - 1);
    expect(batches).toHaveLength(0);
    await tick(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.added).toEqual([p]);
    expect(batches[0]!.edited.map((t) => t.data)).toEqual(['高质量发展']);
    expect(observer.restless).toBe(false);
    observer.disconnect();
  });

  it('handles a page that mutates every 5 ms in a few batches, further apart as it goes on', async () => {
    const win = page();
    const at: number[] = [];
    const restless: boolean[] = [];
    const observer = new PageObserver(
      win.document.body,
      () => at.push(Date.now()),
      win as never,
      (r) => restless.push(r),
    );
    const start = Date.now();
    const text = win.document.getElementById('a')!.firstChild as Text;
    for (let t = 0; t < 10_000; t += 5) {
      text.data = `第${t}次`;
      const div = win.document.createElement('div');
      div.textContent = '实时滚动';
      win.document.body.append(div);
      win.document.body.firstElementChild!.nextElementSibling?.remove();
      await tick(5);
    }
    const gaps = at.map((t, i) => t - (i ? at[i - 1]! : start));
    // 150 ms batches would be 66 in 10 s; doubling up to 2 s makes it 8.
    expect(at.length).toBeLessThanOrEqual(10);
    expect(gaps.slice(-2).every((gap) => gap >= MAX_BATCH_MS)).toBe(true);
    // Said once that the page keeps changing, within a second of the storm's start.
    expect(restless).toEqual([true]);
    expect(at[1]! - start).toBeLessThan(1000);
    // Quiet again: the next change is reported after a short batch.
    await tick(2 * MAX_BATCH_MS);
    const before = at.length;
    text.data = '又变了';
    await tick(BATCH_MS);
    expect(at.length).toBe(before + 1);
    expect(restless).toEqual([true, false]);
    expect(observer.restless).toBe(false);
    observer.disconnect();
  });
});
