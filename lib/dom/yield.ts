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
