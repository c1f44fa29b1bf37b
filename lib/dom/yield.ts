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
