import { describe, expect, it } from 'vitest';
import { beforeNextFrame } from '../../../lib/dom/yield';

/**
 * A window whose frames and posted tasks run when the test says: frame() runs the animation
 * callbacks requested so far, task() the tasks posted so far.
 */
function fakeWindow(options: { postTask: boolean }) {
  let frames = new Map<number, () => void>();
  let tasks: { work: () => void; priority: string }[] = [];
  let nextId = 1;
  const win = {
    requestAnimationFrame: (callback: () => void) => {
      frames.set(nextId, callback);
      return nextId++;
    },
    cancelAnimationFrame: (id: number) => frames.delete(id),
    ...(options.postTask
      ? {
          scheduler: {
            postTask(work: () => void, { priority }: { priority: string }) {
              tasks.push({ work, priority });
              return Promise.resolve();
            },
          },
        }
      : {}),
  };
  return {
    win: win as unknown as Window,
    pendingFrames: () => frames.size,
    priorities: () => tasks.map((t) => t.priority),
    frame() {
      const now = frames;
      frames = new Map();
      for (const callback of now.values()) callback();
    },
    task() {
      const now = tasks;
      tasks = [];
      for (const { work } of now) work();
    },
  };
}

describe('beforeNextFrame', () => {
  it('runs the work in a task of its own, posted ahead of frames, and then asks for no frame', () => {
    const fake = fakeWindow({ postTask: true });
    let runs = 0;
    beforeNextFrame(fake.win, () => runs++);
    expect(runs).toBe(0); // not inside the caller's task
    expect(fake.priorities()).toEqual(['user-blocking']);
    fake.task();
    expect(runs).toBe(1);
    expect(fake.pendingFrames()).toBe(0);
    fake.frame();
    expect(runs).toBe(1);
  });

  it('runs the work in the next frame when the frame comes before the task, and only there', () => {
    const fake = fakeWindow({ postTask: true });
    let runs = 0;
    beforeNextFrame(fake.win, () => runs++);
    fake.frame();
    expect(runs).toBe(1);
    fake.task();
    expect(runs).toBe(1);
  });

  it('posts a message to itself where there is no scheduler.postTask', async () => {
    const fake = fakeWindow({ postTask: false });
    const ran = new Promise<number>((resolve) => {
      let runs = 0;
      beforeNextFrame(fake.win, () => resolve(++runs));
    });
    expect(await ran).toBe(1);
    expect(fake.pendingFrames()).toBe(0);
  });
});
