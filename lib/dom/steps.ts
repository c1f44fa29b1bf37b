/**
 * Work in bounded steps: each `yield` is a point where a caller running it in slices may let the
 * page run (extractArticleInSteps). Run to the end synchronously it is the same work, with the
 * same answer.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end in one go. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs steps in tasks: whenever they have run for `budgetMs`, waits for `pause` (a new task)
 * before the next step. The same answer as runNow.
 */
export async function runInSteps<T>(
  steps: Steps<T>,
  pause: () => Promise<void>,
  budgetMs = 10,
  now: () => number = () => performance.now(),
): Promise<T> {
  let since = now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (now() - since >= budgetMs) {
      await pause();
      since = now();
    }
  }
}

/**
 * Characters of text under a root, as `root.textContent.length` counts them, without building that
 * string (on a 3-million-character page it is a page's worth of memory and ~30 ms); yields every
 * `stepNodes` text nodes.
 */
export function* textLength(root: Node, doc: Document, stepNodes = 2_000): Steps<number> {
  // SHOW_TEXT | SHOW_CDATA_SECTION: what textContent concatenates.
  const walker = doc.createTreeWalker(root, 0x4 | 0x8);
  let chars = 0;
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    chars += (node as CharacterData).length;
    if (++seen % stepNodes === 0) yield;
  }
  return chars;
}
