import { PASSAGE_HIGHLIGHT_NAME } from '../../../lib/dom/highlight-terms';
import { PassageLocator } from '../../../lib/dom/locate-passages';
import { NearViewport } from '../../../lib/dom/near-viewport';
import type { TextBlock } from '../../../lib/dom/text-blocks';
import { nextTask } from '../../../lib/dom/yield';
import type { PageState } from '../../../lib/page-state';
import type { Feature, PageContext } from './context';

/** Elements a passage marker lines up with. */
const BLOCK_SELECTOR = 'p, li, div, td, blockquote, section, article';
/** Passages located per task at most… */
const LOCATE_SLICE_PASSAGES = 150;
/** …and for about this long (150 passages took 60–400 ms on the 3 M-char page). */
const LOCATE_SLICE_MS = 8;
/** Markers are placed for passages within this margin of the viewport. */
const MARKER_MARGIN = '100% 0px';
/** The parallel view of a selection shows this many matches. */
const SELECTION_MATCHES = 8;

type Parallels = PageState['parallels'];

/**
 * The "⇄ N" markers beside the page's passages that have parallels in the corpus, and the panel
 * that shows a passage's parallels side by side.
 */
export class PassageMarkers implements Feature {
  private parallels: Parallels = [];
  private ranges: (StaticRange | null)[] = [];
  private near: NearViewport | null = null;
  private generation = 0;

  constructor(private readonly page: PageContext) {}

  /**
   * Finds the page ranges of the passages with parallels, a slice per task (an article has
   * hundreds), then watches where they are for markers. A newer call supersedes one under way.
   */
  async findPassages(blocks: readonly TextBlock[], parallels: Parallels): Promise<void> {
    const generation = ++this.generation;
    this.near?.disconnect();
    this.near = null;
    this.parallels = parallels;
    if (parallels.length === 0) {
      this.ranges = [];
      this.page.store.update({ markers: [] });
      return;
    }
    // Folding the page's text takes tasks of its own (~8 ms each); then a slice of passages per task.
    const locator = await PassageLocator.inSteps(blocks, this.page.doc, nextTask);
    if (generation !== this.generation) return;
    const ranges: (StaticRange | null)[] = [];
    while (ranges.length < parallels.length) {
      await nextTask();
      if (generation !== this.generation) return;
      // Up to LOCATE_SLICE_PASSAGES, for LOCATE_SLICE_MS at most: a passage not found where the
      // last one ended is searched for in the whole page's text (a few ms on a huge page).
      const until = performance.now() + LOCATE_SLICE_MS;
      const end = Math.min(parallels.length, ranges.length + LOCATE_SLICE_PASSAGES);
      do ranges.push(locator.locate(parallels[ranges.length]!.text));
      while (ranges.length < end && performance.now() < until);
    }
    this.ranges = ranges;
    // Markers are placed for passages near the viewport, as they come into view: a page with
    // hundreds of parallels never lays them all out (or renders them) at once.
    this.near = new NearViewport(
      this.page.win,
      ranges.map(
        (range) =>
          range?.startContainer.parentElement?.closest(BLOCK_SELECTOR) ??
          range?.startContainer.parentElement,
      ),
      MARKER_MARGIN,
      () => this.place(),
    );
    this.place();
  }

  /** Places the markers of the passages near the viewport (after a scroll, a resize, a load). */
  place(): void {
    const { doc, win, store } = this.page;
    // Reads layout once for all markers: a collapsed range per passage (not the rects of every
    // line) and each paragraph's box once.
    const blockLefts = new Map<Element, number>();
    const probe = doc.createRange();
    const markers = [...(this.near?.near ?? [])]
      .sort((a, b) => a - b)
      .flatMap((i) => {
        const parallel = this.parallels[i];
        const range = this.ranges[i];
        if (!parallel || !range || !range.startContainer.isConnected) return [];
        probe.setStart(range.startContainer, range.startOffset);
        probe.collapse(true);
        const rect = probe.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0 && rect.top === 0 && rect.left === 0) return [];
        // Beside the paragraph's left edge, level with the passage's first line: in the margin,
        // off the text.
        const block = range.startContainer.parentElement?.closest(BLOCK_SELECTOR) ?? null;
        let blockLeft = block ? blockLefts.get(block) : undefined;
        if (block && blockLeft === undefined) {
          blockLeft = block.getBoundingClientRect().left;
          blockLefts.set(block, blockLeft);
        }
        const left = Math.min(rect.left, blockLeft ?? rect.left);
        return [
          {
            passage: parallel.passage,
            count: parallel.matches.length,
            top: rect.top + win.scrollY,
            left: left + win.scrollX,
          },
        ];
      });
    store.update({ markers });
  }

  /** Opens the panel of a page passage's parallels, marking the passage on the page. */
  openPanel(passage: number): void {
    const index = this.parallels.findIndex((p) => p.passage === passage);
    const parallel = this.parallels[index];
    if (!parallel) return;
    const range = this.ranges[index];
    this.page.painter.paint(PASSAGE_HIGHLIGHT_NAME, range ? [range] : []);
    this.page.store.update({
      panel: { index: passage, text: parallel.text, matches: parallel.matches },
    });
    void this.loadTitles(parallel.matches.map((m) => m.passageId));
  }

  /** Parallel passages of a selection (context menu), analyzed on demand. */
  async showParallelsOf(text: string): Promise<void> {
    const result = await this.page.askBackground({
      type: 'wenmai/analyze',
      url: this.page.win.location.href,
      article: { title: '', text },
    });
    const matches = result.parallels
      .flatMap((p) => p.matches)
      .sort((a, b) => b.score - a.score)
      .slice(0, SELECTION_MATCHES);
    this.page.store.update({ panel: { index: -1, text, matches } });
    void this.loadTitles(matches.map((m) => m.passageId));
  }

  closePanel(): void {
    this.page.painter.paint(PASSAGE_HIGHLIGHT_NAME, []);
    this.page.store.update({ panel: null });
  }

  stop(): void {
    this.generation++;
    this.near?.disconnect();
  }

  private async loadTitles(passageIds: string[]): Promise<void> {
    const { store } = this.page;
    try {
      const views = await this.page.askBackground({ type: 'wenmai/get-passages', passageIds });
      const titles = { ...store.get().titles };
      for (const view of views) titles[view.articleId] = view.title;
      store.update({ titles });
    } catch {
      // Titles are a nicety; sources are shown meanwhile.
    }
  }
}
