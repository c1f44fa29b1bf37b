/**
 * Ways for Wenmai's page-side work to let the page run. Long work is cut into tasks; work that
 * changes what the page shows is cut at frames, so that each frame lays out one slice of it.
 */

/** Resolves in a task of its own, after whatever the page has queued. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves in a task right after the next frame, or after `waitMs` if no frame comes (hidden tabs
 * render none).
 */
export function afterNextFrame(win: Window, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    win.requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, waitMs);
  });
}

type PostTask = (work: () => void, options: { priority: 'user-blocking' }) => Promise<unknown>;
type SchedulingWindow = Window & { scheduler?: { postTask?: PostTask } };

/**
 * Runs `work` once, soon, in a task of its own and before the next frame is painted: a task
 * posted at 'user-blocking' priority (ahead of the page's ordinary tasks), or the next frame's
 * animation callback if the frame comes first (after a long task Chromium often runs a frame that
 * is due before any posted task). Work done inside the task that calls this (the page's parse and
 * DOMContentLoaded task) would make that task longer; work left for a timer or an idle callback
 * may miss the frame and show a frame late.
 */
export function beforeNextFrame(win: Window, work: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    win.cancelAnimationFrame(frame);
    work();
  };
  const frame = win.requestAnimationFrame(once);
  const scheduler = (win as SchedulingWindow).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    // Its promise rejects when the work throws: the error is reported as the work's own.
    void scheduler.postTask(once, { priority: 'user-blocking' });
    return;
  }
  // No postTask (older browsers): a message to itself is a task with no timer clamp.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    once();
  };
  channel.port2.postMessage(null);
}

type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
};

/**
 * Runs work when the page is idle, or after `timeoutMs` at the latest (work the reader waits for
 * can wait a little; the page's own tasks cannot). Safari has no requestIdleCallback: a task then.
 */
export function whenIdle(win: Window, work: () => void, timeoutMs: number): void {
  const idle = (win as IdleWindow).requestIdleCallback;
  if (idle) idle.call(win, work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}
