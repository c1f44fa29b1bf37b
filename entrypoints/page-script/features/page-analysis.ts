import { extractArticleInSteps } from '../../../lib/dom/extract-article';
import { nextTask, whenIdle } from '../../../lib/dom/yield';
import type { ArticleAnalysis } from '../../../lib/page-state';
import type { Feature, PageContext } from './context';

/** How long the page may stay busy before a scheduled analysis runs anyway. */
const IDLE_TIMEOUT_MS = 500;

/** What analysis needs to know of the script switch: a converted page is analyzed as written. */
export interface OriginalText {
  converted(): boolean;
  originalOf(node: Text): string;
}

/**
 * The page's article compared with the reader's corpus: extracted here (the page's main thread
 * only extracts), cleaned and compared by the background. Calls `onAnalyzed` with each answer.
 */
export class PageAnalysis implements Feature {
  /** The last answer; null before the first, or when the page has no article. */
  result: ArticleAnalysis | null = null;
  /** Resolves when the analysis under way (if any) has answered. */
  done: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** Counts schedules: an analysis that ends with a newer one scheduled leaves it pending. */
  private scheduled = 0;
  /** True until a first analysis has answered (or the feature stopped). */
  private pendingNow = true;

  constructor(
    private readonly page: PageContext,
    private readonly original: OriginalText,
    private readonly onAnalyzed: (result: ArticleAnalysis) => void,
  ) {}

  /** Whether an analysis is scheduled or under way (`result` is of an older state of the page). */
  get pending(): boolean {
    return this.pendingNow;
  }

  /**
   * Analyzes after `delay` ms unless an analysis is already waiting for its time (which is kept):
   * on a page that keeps changing, at most one analysis per `delay`, never put off for ever.
   */
  scheduleOnce(delay: number): void {
    if (!this.timer) this.schedule(delay);
  }

  /** Analyzes after `delay` ms and an idle moment (extraction clones the page). */
  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    const run = ++this.scheduled;
    this.pendingNow = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      whenIdle(
        this.page.win,
        () =>
          (this.done = this.analyze().finally(() => {
            if (run === this.scheduled) this.pendingNow = false;
          })),
        IDLE_TIMEOUT_MS,
      );
    }, delay);
  }

  /**
   * The page's article, as the original text: a converted page is extracted from a copy with its
   * original text put back (extracted once, never from the page and again from the copy).
   */
  async originalArticle(): Promise<{ title: string; text: string } | null> {
    // In tasks of ~10 ms: Readability on a 50,000-element page took up to 1.4 s in one.
    const extracted = await extractArticleInSteps(
      this.original.converted() ? this.originalCopy() : this.page.doc,
      nextTask,
    );
    return extracted && { title: extracted.title, text: extracted.text };
  }

  /** A copy of the page with every converted text node's original text. */
  private originalCopy(): Document {
    const { doc } = this.page;
    const copy = doc.cloneNode(true) as Document;
    const originals = doc.createTreeWalker(doc.body, 0x4);
    const copies = copy.createTreeWalker(copy.body, 0x4);
    for (
      let a = originals.nextNode(), b = copies.nextNode();
      a && b;
      a = originals.nextNode(), b = copies.nextNode()
    ) {
      (b as Text).data = this.original.originalOf(a as Text);
    }
    return copy;
  }

  stop(): void {
    this.stopped = true;
    this.pendingNow = false;
    if (this.timer) clearTimeout(this.timer);
  }

  private async analyze(): Promise<void> {
    if (this.stopped) return;
    const article = await this.originalArticle();
    if (this.stopped) return;
    if (!article) {
      this.result = null;
      return;
    }
    try {
      const result = await this.page.askBackground({
        type: 'wenmai/analyze',
        url: this.page.win.location.href,
        article,
      });
      this.result = result;
      this.onAnalyzed(result);
    } catch {
      // The background is restarting or the extension was reloaded: the next change retries.
    }
  }
}
