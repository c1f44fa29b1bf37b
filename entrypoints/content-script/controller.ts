import type { PageLang } from '../../lib/normalise/detect-script';
import { PageConverter } from '../../lib/dom/convert-page';
import { extractArticle } from '../../lib/dom/extract-article';
import {
  ACTIVE_HIGHLIGHT_NAME,
  findTermRanges,
  highlightCss,
  HIGHLIGHT_NAME,
  liveRange,
  clearOwnHighlight,
  paintRanges,
  PASSAGE_HIGHLIGHT_NAME,
  TermHitTester,
  type TermRange,
} from '../../lib/dom/highlight-terms';
import { PassageLocator } from '../../lib/dom/locate-passages';
import { HANDOVER_EVENT, removeLeftovers } from '../../lib/dom/leftovers';
import { addPageSheet, takeQuickSheet, type PageSheet } from '../../lib/dom/page-sheet';
import { PageObserver, type PageChanges } from '../../lib/dom/observe-page';
import { afterNextFrame, nextTask } from '../../lib/dom/yield';
import { collectTextBlocks, type TextBlock } from '../../lib/dom/text-blocks';
import type { GlossaryEntry } from '../../lib/glossary/glossary';
import type { TermMatcher } from '../../lib/match/match-terms';
import type { ContentRequest } from '../../lib/messaging/content-requests';
import { termSummary, type DisplayScript, type PageState } from '../../lib/page-state';
import { askBackground } from '../../lib/messaging/send-message';
import type { ScriptLifetime } from '../../lib/script-lifetime';
import type { Settings } from '../../lib/settings';
import type { UiStore } from './store';

/** Hover must rest this long on a term before its card opens (a pointer passing by opens nothing). */
const HOVER_OPEN_MS = 350;
/** A hidden tab renders no frames: conversion goes on after this long without one. */
const FRAME_WAIT_MS = 100;
/**
 * Lets the page render a frame before the next slice of text is rewritten, so each frame lays out
 * one slice: between plain tasks the rewrites pile up and one frame lays them all out at once.
 */
const yieldFrame = (win: Window): Promise<void> => afterNextFrame(win, FRAME_WAIT_MS);
/** Elements a passage marker lines up with. */
const BLOCK_SELECTOR = 'p, li, div, td, blockquote, section, article';
/** Text blocks matched per task when highlighting (about 15,000 characters of a news page). */
const SCAN_SLICE_BLOCKS = 150;
const HOVER_CLOSE_MS = 400;
/**
 * Term highlights are registered only for blocks within this margin of the viewport: the browser
 * revalidates every registered range in each frame after any change to the page, which with
 * thousands of terms costs tens of milliseconds a frame. Scrolling brings the rest in.
 */
const HIGHLIGHT_MARGIN = '200% 0px';
/** Passages located per task. */
const LOCATE_SLICE_PASSAGES = 150;
/** Added text beyond this many characters is worth re-checking the article against the corpus. */
const REANALYZE_CHARS = 200;
const REANALYZE_MS = 1200;

type PageWindow = Window & typeof globalThis;

/** Runs Wenmai on one Chinese page: highlights, script conversion, article analysis, in-page UI. */
export class PageController {
  private blocks: TextBlock[] = [];
  private terms: TermRange[] = [];
  private hitTester = new TermHitTester([]);
  private highlightsEnabled: boolean;
  private script: DisplayScript = 'original';
  private readonly converter = new PageConverter();
  private readonly observer: PageObserver;
  private readonly sheet: PageSheet;
  private article: PageState['article'] = null;
  private lang: PageLang;
  private similar: PageState['similar'] = [];
  private parallels: PageState['parallels'] = [];
  private passageRanges: (StaticRange | null)[] = [];
  private markerObserver: IntersectionObserver | null = null;
  /** Watches the blocks' elements: which blocks are near the viewport (see HIGHLIGHT_MARGIN). */
  private blockObserver: IntersectionObserver | null = null;
  private nearBlocks = new Set<number>();
  private termPaintQueued = false;
  /** Indices into parallels of the passages near the viewport: the ones with markers. */
  private readonly visiblePassages = new Set<number>();
  private activeTerm: TermRange | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | null = null;
  private analyzeTimer: ReturnType<typeof setTimeout> | null = null;
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  private analysis: Promise<void> = Promise.resolve();
  private scanning: Promise<void> = Promise.resolve();
  private scanGeneration = 0;
  private locateGeneration = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** The Highlight this instance last registered under each name (see clearOwnHighlight). */
  private readonly painted = new Map<string, Highlight>();

  constructor(
    private readonly lifetime: ScriptLifetime,
    private readonly doc: Document,
    private readonly win: PageWindow,
    private readonly matcher: TermMatcher,
    private readonly glossary: ReadonlyMap<string, GlossaryEntry>,
    private readonly settings: Settings,
    private readonly store: UiStore,
    initialLang: PageLang,
  ) {
    this.lang = initialLang;
    this.highlightsEnabled = settings.highlightsEnabled;
    // Replaces the detector's first-screen stylesheet, if it painted one, and whatever a Wenmai
    // from before an extension update left on the page.
    takeQuickSheet()?.remove();
    removeLeftovers(doc);
    this.sheet = addPageSheet(doc, highlightCss(settings.highlightStyle));
    this.observer = new PageObserver(doc.body, (changes) => this.onChanges(changes), win);
    lifetime.onEnd(() => this.stop());
  }

  start(): void {
    this.scanTerms();
    const { doc, win, lifetime } = this;
    const { signal } = lifetime;
    // Every handler first checks that the extension is still there (see ScriptLifetime).
    doc.addEventListener(
      'mousemove',
      (event) => {
        if (lifetime.alive()) this.onPointer(event);
      },
      { passive: true, signal },
    );
    doc.addEventListener(
      'click',
      (event) => {
        if (lifetime.alive()) this.onClick(event);
      },
      { passive: true, signal },
    );
    doc.addEventListener(
      'keydown',
      (event) => {
        if (lifetime.alive() && event.key === 'Escape') this.closeOverlays();
      },
      { signal },
    );
    win.addEventListener(
      'resize',
      () => {
        if (lifetime.alive()) this.placeMarkers();
      },
      { passive: true, signal },
    );
    win.addEventListener(
      'load',
      () => {
        if (lifetime.alive()) this.placeMarkers();
      },
      { signal },
    );
    // A Wenmai started after an extension update asks this one whether it is still connected;
    // if not, it ends now rather than on the page's next event. (A page that sends the event
    // only makes a live instance check that it is live.)
    doc.addEventListener(HANDOVER_EVENT, () => lifetime.alive(), { signal });
    // Extraction clones the page: do it when the page is idle, after the first highlights.
    this.scheduleAnalysis(0);
  }

  private stop(): void {
    this.observer.disconnect();
    this.markerObserver?.disconnect();
    this.blockObserver?.disconnect();
    for (const name of [HIGHLIGHT_NAME, ACTIVE_HIGHLIGHT_NAME, PASSAGE_HIGHLIGHT_NAME])
      clearOwnHighlight(name, this.painted.get(name), this.win);
    this.sheet.remove();
    // Wenmai is gone (removed, disabled or updated): the page goes back to its own text.
    void this.converter.restore(
      (apply) => apply(),
      () => yieldFrame(this.win),
    );
  }

  private paint(name: string, ranges: readonly AbstractRange[], win: PageWindow): void {
    const highlight = paintRanges(name, ranges, win);
    if (highlight) this.painted.set(name, highlight);
    else this.painted.delete(name);
  }

  // ---- terms ----------------------------------------------------------------------------------

  /**
   * Finds every term, a slice of blocks per task (a long page never holds the main thread for
   * long), and paints those near the viewport: the top of the page at once.
   */
  private scanTerms(): Promise<void> {
    const generation = ++this.scanGeneration;
    const blocks = collectTextBlocks(this.doc.body, this.doc);
    const terms: TermRange[] = [];
    this.blocks = blocks;
    this.terms = terms;
    if (this.activeTerm) this.setActiveTerm(null);
    this.scanning = new Promise<void>((done) => {
      const slice = (from: number): void => {
        if (generation !== this.scanGeneration) return done();
        const to = Math.min(blocks.length, from + SCAN_SLICE_BLOCKS);
        if (this.highlightsEnabled) {
          for (const term of findTermRanges(blocks.slice(from, to), this.matcher, this.doc))
            terms.push({ ...term, block: term.block + from });
        }
        const last = to >= blocks.length;
        // Repainted when this slice found terms near the viewport (the first slice is the top of
        // the page, painted before the observer has reported anything).
        let near = from === 0;
        for (let i = from; i < to && !near; i++) near = this.nearBlocks.has(i);
        if (near || last) this.paintTerms();
        if (last) {
          this.hitTester = new TermHitTester(terms);
          done();
        } else setTimeout(() => slice(to), 0);
      };
      // Observing the blocks and matching start in a task after the one that collected them.
      setTimeout(() => {
        if (generation === this.scanGeneration) this.watchBlocks(blocks);
        slice(0);
      }, 0);
    });
    return this.scanning;
  }

  /** Tracks which blocks are near the viewport, repainting the terms as that changes. */
  private watchBlocks(blocks: readonly TextBlock[]): void {
    this.blockObserver?.disconnect();
    this.nearBlocks = new Set();
    for (let i = 0; i < Math.min(blocks.length, SCAN_SLICE_BLOCKS); i++) this.nearBlocks.add(i);
    const byElement = new Map<Element, number[]>();
    blocks.forEach((block, i) => {
      const element = block.nodes[0]?.parentElement;
      if (!element) return;
      const indices = byElement.get(element);
      if (indices) indices.push(i);
      else byElement.set(element, [i]);
    });
    let first = true;
    const observer = new this.win.IntersectionObserver(
      (entries) => {
        // The first report covers every block: it replaces the guess that the top is in view.
        if (first) this.nearBlocks = new Set();
        first = false;
        for (const entry of entries) {
          for (const i of byElement.get(entry.target) ?? []) {
            if (entry.isIntersecting) this.nearBlocks.add(i);
            else this.nearBlocks.delete(i);
          }
        }
        this.queueTermPaint();
      },
      { rootMargin: HIGHLIGHT_MARGIN },
    );
    for (const element of byElement.keys()) observer.observe(element);
    this.blockObserver = observer;
  }

  private queueTermPaint(): void {
    if (this.termPaintQueued) return;
    this.termPaintQueued = true;
    queueMicrotask(() => {
      this.termPaintQueued = false;
      this.paintTerms();
    });
  }

  /** Registers the highlight for the terms near the viewport (one registration per change). */
  private paintTerms(): void {
    const ranges: StaticRange[] = [];
    for (const term of this.terms) if (this.nearBlocks.has(term.block)) ranges.push(term.range);
    this.paint(HIGHLIGHT_NAME, ranges, this.win);
    // Hover needs the terms in view; the whole page's are indexed once the scan ends.
    if (this.hitTester.size === 0 && this.terms.length > 0)
      this.hitTester = new TermHitTester(this.terms);
  }

  private scheduleRescan(): void {
    this.rescanTimer ??= setTimeout(() => {
      this.rescanTimer = null;
      this.scanTerms();
      void this.relocatePassages();
    }, 0);
  }

  private setActiveTerm(term: TermRange | null): void {
    this.activeTerm = term;
    this.paint(ACTIVE_HIGHLIGHT_NAME, term ? [term.range] : [], this.win);
  }

  private onPointer(event: MouseEvent): void {
    if (!this.highlightsEnabled || this.terms.length === 0) return;
    const term = this.hitTester.termAt(this.doc, event.clientX, event.clientY);
    if (term === this.activeTerm) return;
    const pinned = this.store.get().card?.pinned;
    if (!pinned) this.setActiveTerm(term);
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    this.hoverTimer = null;
    if (pinned) return;
    if (term)
      this.hoverTimer = setTimeout(
        () => this.openCard(term.termId, term.range, false),
        HOVER_OPEN_MS,
      );
    else if (this.store.get().card)
      this.hoverTimer = setTimeout(() => this.closeCard(), HOVER_CLOSE_MS);
  }

  private onClick(event: MouseEvent): void {
    if (!this.highlightsEnabled || event.button !== 0) return;
    // A term inside a link or button belongs to the page's action: the card opens on hover only.
    const target = event.target as Element | null;
    if (target?.closest?.('a[href], button, [role="button"], label')) return;
    const term = this.hitTester.termAt(this.doc, event.clientX, event.clientY);
    if (!term) return;
    this.setActiveTerm(term);
    this.openCard(term.termId, term.range, true);
  }

  keepCard(): void {
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    this.hoverTimer = null;
  }

  leaveCard(): void {
    if (this.store.get().card?.pinned) return;
    this.hoverTimer = setTimeout(() => this.closeCard(), HOVER_CLOSE_MS);
  }

  openCard(termId: string, anchor: AbstractRange | null, pinned: boolean): void {
    const rect = anchor ? liveRange(anchor, this.doc)?.getBoundingClientRect() : undefined;
    const position = rect
      ? { left: rect.left, top: rect.bottom + 6 }
      : { left: this.win.innerWidth / 2 - 180, top: 80 };
    this.store.update({ card: { termId, position, data: null, pinned, focus: pinned } });
    askBackground({ type: 'wenmai/term', termId }).then(
      (data) => {
        const card = this.store.get().card;
        if (card?.termId === termId) this.store.update({ card: { ...card, data } });
      },
      (error: Error) => {
        const card = this.store.get().card;
        if (card?.termId === termId) this.store.update({ card: { ...card, error: error.message } });
      },
    );
  }

  closeCard(): void {
    this.setActiveTerm(null);
    this.store.update({ card: null });
  }

  closeOverlays(): void {
    this.closeCard();
    this.closePanel();
  }

  // ---- article, similar articles, parallel passages -------------------------------------------

  private scheduleAnalysis(delay: number): void {
    if (this.analyzeTimer) clearTimeout(this.analyzeTimer);
    this.analyzeTimer = setTimeout(() => {
      this.analyzeTimer = null;
      const idle = (
        this.win as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }
      ).requestIdleCallback;
      const run = () => (this.analysis = this.analyze());
      if (idle) idle.call(this.win, run, { timeout: 500 });
      else run();
    }, delay);
  }

  /** The page's article, as the original text (a converted page is analyzed as it was written). */
  private originalArticle(): { title: string; text: string } | null {
    const extracted = extractArticle(this.doc);
    if (!extracted) return null;
    if (this.script === 'original') return { title: extracted.title, text: extracted.text };
    // Converted pages: analysis must see the original script, so read the originals back.
    const clone = this.doc.cloneNode(true) as Document;
    const originals = this.doc.createTreeWalker(this.doc.body, 0x4);
    const copies = clone.createTreeWalker(clone.body, 0x4);
    for (
      let a = originals.nextNode(), b = copies.nextNode();
      a && b;
      a = originals.nextNode(), b = copies.nextNode()
    ) {
      (b as Text).data = this.converter.originalOf(a as Text);
    }
    const original = extractArticle(clone);
    return original && { title: original.title, text: original.text };
  }

  private async analyze(): Promise<void> {
    const article = this.originalArticle();
    if (!article) {
      this.article = null;
      return;
    }
    try {
      // The background cleans and compares: the page's main thread only extracts.
      const result = await askBackground({
        type: 'wenmai/analyze',
        url: this.win.location.href,
        article,
      });
      this.lang = result.lang;
      this.article = result.article;
      this.similar = result.similar;
      this.parallels = result.parallels;
      const titles: Record<string, string> = {};
      for (const s of result.similar) titles[s.articleId] = s.title;
      this.store.update({
        similar: result.similar,
        titles: { ...this.store.get().titles, ...titles },
      });
      // Markers wait for an idle moment of their own: placing them reads layout.
      this.whenIdle(() => void this.relocatePassages());
    } catch {
      // The background is restarting or the extension was reloaded: the next change retries.
    }
  }

  /**
   * Finds the page ranges of the passages with parallels, a slice per task (an article has hundreds),
   * then watches where they are for markers. A newer call supersedes one under way.
   */
  private async relocatePassages(): Promise<void> {
    const generation = ++this.locateGeneration;
    this.markerObserver?.disconnect();
    this.markerObserver = null;
    this.visiblePassages.clear();
    if (this.parallels.length === 0) {
      this.passageRanges = [];
      this.store.update({ markers: [] });
      return;
    }
    const parallels = this.parallels;
    // Folding the page's text is a task of its own; then a slice of passages per task.
    const locator = new PassageLocator(this.blocks, this.doc);
    const ranges: (StaticRange | null)[] = [];
    for (let from = 0; from < parallels.length; from += LOCATE_SLICE_PASSAGES) {
      await nextTask();
      if (generation !== this.locateGeneration) return;
      for (const parallel of parallels.slice(from, from + LOCATE_SLICE_PASSAGES))
        ranges.push(locator.locate(parallel.text));
    }
    this.passageRanges = ranges;
    // Markers are placed for passages near the viewport, as they come into view: a page with
    // hundreds of parallels never lays them all out (or renders them) at once.
    const byElement = new Map<Element, number[]>();
    this.passageRanges.forEach((range, i) => {
      const element =
        range?.startContainer.parentElement?.closest(BLOCK_SELECTOR) ??
        range?.startContainer.parentElement;
      if (!element) return;
      const indices = byElement.get(element) ?? [];
      indices.push(i);
      byElement.set(element, indices);
    });
    const observer = new this.win.IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          for (const i of byElement.get(entry.target) ?? []) {
            if (entry.isIntersecting) this.visiblePassages.add(i);
            else this.visiblePassages.delete(i);
          }
        }
        this.placeMarkers();
      },
      { rootMargin: '100% 0px' },
    );
    for (const element of byElement.keys()) observer.observe(element);
    this.markerObserver = observer;
    this.placeMarkers();
  }

  private placeMarkers(): void {
    // Reads layout once for all markers: a collapsed range per passage (not the rects of every
    // line) and each paragraph's box once.
    const blockLefts = new Map<Element, number>();
    const probe = this.doc.createRange();
    const markers = [...this.visiblePassages]
      .sort((a, b) => a - b)
      .flatMap((i) => {
        const p = this.parallels[i];
        const range = this.passageRanges[i];
        if (!p) return [];
        if (!range || !range.startContainer.isConnected) return [];
        probe.setStart(range.startContainer, range.startOffset);
        probe.collapse(true);
        const rect = probe.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0 && rect.top === 0 && rect.left === 0) return [];
        // Beside the paragraph's left edge, level with the passage's first line: in the margin, off the text.
        const block = range.startContainer.parentElement?.closest(BLOCK_SELECTOR) ?? null;
        let blockLeft = block ? blockLefts.get(block) : undefined;
        if (block && blockLeft === undefined) {
          blockLeft = block.getBoundingClientRect().left;
          blockLefts.set(block, blockLeft);
        }
        const left = Math.min(rect.left, blockLeft ?? rect.left);
        return [
          {
            passage: p.passage,
            count: p.matches.length,
            top: rect.top + this.win.scrollY,
            left: left + this.win.scrollX,
          },
        ];
      });
    this.store.update({ markers });
  }

  openPanel(passage: number): void {
    const parallel = this.parallels.find((p) => p.passage === passage);
    if (!parallel) return;
    const range = this.passageRanges[this.parallels.indexOf(parallel)];
    this.paint(PASSAGE_HIGHLIGHT_NAME, range ? [range] : [], this.win);
    this.store.update({
      panel: { index: passage, text: parallel.text, matches: parallel.matches },
    });
    void this.loadTitles(parallel.matches.map((m) => m.passageId));
  }

  private async loadTitles(passageIds: string[]): Promise<void> {
    try {
      const views = await askBackground({ type: 'wenmai/get-passages', passageIds });
      const titles = { ...this.store.get().titles };
      for (const v of views) titles[v.articleId] = v.title;
      this.store.update({ titles });
    } catch {
      // Titles are a nicety; sources are shown meanwhile.
    }
  }

  closePanel(): void {
    this.paint(PASSAGE_HIGHLIGHT_NAME, [], this.win);
    this.store.update({ panel: null });
  }

  /** Parallel passages of a selection (context menu): analyzed on demand. */
  private async showParallelsOf(text: string): Promise<void> {
    const result = await askBackground({
      type: 'wenmai/analyze',
      url: this.win.location.href,
      article: { title: '', text },
    });
    const matches = result.parallels.flatMap((p) => p.matches).sort((a, b) => b.score - a.score);
    this.store.update({ panel: { index: -1, text, matches: matches.slice(0, 8) } });
    void this.loadTitles(matches.map((m) => m.passageId).slice(0, 8));
  }

  // ---- scripts --------------------------------------------------------------------------------

  private convertTexts = async (
    texts: string[],
    to: 'simplified' | 'traditional',
  ): Promise<string[]> => {
    const reply = await askBackground({
      type: 'wenmai/convert',
      texts,
      to,
      variant: this.settings.traditionalVariant,
    });
    return reply.texts;
  };

  private write = (apply: () => void): void => this.observer.pause(apply);

  /** Runs work when the page is idle (markers can wait; the page's own tasks cannot). */
  private whenIdle(work: () => void): void {
    const idle = (
      this.win as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }
    ).requestIdleCallback;
    if (idle) idle.call(this.win, work, { timeout: 1000 });
    else setTimeout(work, 0);
  }

  /** Blocks on or near the screen first: the reader sees the switch at once, the rest follows. */
  /**
   * The blocks near the viewport first (as the block observer last saw them: no layout is read),
   * so the visible part converts first.
   */
  private inViewFirst(blocks: TextBlock[]): TextBlock[] {
    const nearElements = new Set<Element | null | undefined>();
    for (const i of this.nearBlocks) nearElements.add(this.blocks[i]?.nodes[0]?.parentElement);
    const near: TextBlock[] = [];
    const rest: TextBlock[] = [];
    for (const block of blocks)
      (nearElements.has(block.nodes[0]?.parentElement) ? near : rest).push(block);
    return [...near, ...rest];
  }

  /** The `lang` tag for converted text. */
  private langFor(target: 'simplified' | 'traditional'): string {
    if (target === 'simplified') return 'zh-Hans';
    return this.settings.traditionalVariant === 'hk' ? 'zh-HK' : 'zh-TW';
  }

  async setScript(script: DisplayScript): Promise<void> {
    if (script === this.script) return;
    this.closeOverlays();
    // Set first: text the page adds while the switch is under way follows the new script.
    this.script = script;
    // Highlights off while the text changes: the browser revalidates every highlighted range on
    // each change, which would dominate the switch. The rescan below paints them again.
    this.scanGeneration++;
    this.terms = [];
    this.hitTester = new TermHitTester([]);
    this.paint(HIGHLIGHT_NAME, [], this.win);
    if (script === 'original') {
      await this.converter.restore(this.write, () => yieldFrame(this.win));
    } else {
      const target = script;
      const lang = this.langFor(target);
      const blocks = this.inViewFirst(collectTextBlocks(this.doc.body, this.doc));
      // Sending the page's text to the background is a task of its own.
      await nextTask();
      await this.converter.convert(
        blocks,
        (t) => this.convertTexts(t, target),
        lang,
        this.write,
        () => yieldFrame(this.win),
      );
    }
    // The rescan starts after the frame that lays out the last slice.
    await yieldFrame(this.win);
    this.scanTerms();
    // Markers follow when the page is idle, after the reply: placing them reads layout.
    this.whenIdle(() => void this.relocatePassages());
  }

  private async convertChanged(changes: PageChanges): Promise<void> {
    if (this.script === 'original') return;
    const target = this.script;
    for (const node of changes.edited) this.converter.notePageEdit(node);
    const blocks = changes.overflow
      ? collectTextBlocks(this.doc.body, this.doc)
      : [
          ...changes.added.flatMap((node) =>
            node.isConnected
              ? node.nodeType === 3
                ? [{ nodes: [node as Text], starts: [0], text: (node as Text).data }]
                : collectTextBlocks(node, this.doc)
              : [],
          ),
          ...changes.edited
            .filter((n) => n.isConnected)
            .map((node) => ({ nodes: [node], starts: [0], text: node.data })),
        ];
    if (blocks.length === 0) return;
    const lang = this.langFor(target);
    await this.converter.convert(blocks, (t) => this.convertTexts(t, target), lang, this.write);
  }

  private onChanges(changes: PageChanges): void {
    if (!this.lifetime.alive()) return;
    // Conversions and rescans run one after another, never interleaved.
    this.queue = this.queue
      .then(() => this.convertChanged(changes))
      .catch(() => undefined)
      .then(() => {
        this.scheduleRescan();
        const addedChars = changes.added.reduce(
          (n, node) => n + (node.textContent?.length ?? 0),
          0,
        );
        if (changes.overflow || addedChars >= REANALYZE_CHARS || (changes.removed && this.article))
          this.scheduleAnalysis(REANALYZE_MS);
      });
  }

  // ---- messages -------------------------------------------------------------------------------

  private pageState(): PageState {
    const counts = new Map<string, number>();
    for (const term of this.terms) {
      // A term the page has since removed is no longer highlighted.
      if (term.range.startContainer.isConnected && !term.range.collapsed)
        counts.set(term.termId, (counts.get(term.termId) ?? 0) + 1);
    }
    const terms = termSummary(counts, this.glossary);
    return {
      url: this.win.location.href,
      lang: this.lang,
      script: this.script,
      article: this.article,
      similar: this.similar,
      terms,
      parallels: this.parallels,
    };
  }

  /** The page state once the current highlighting pass has finished. */
  private async settledState(): Promise<PageState> {
    await this.scanning;
    return this.pageState();
  }

  async handle(request: ContentRequest): Promise<unknown> {
    // Commands run in order: a state query waits for the switch before it.
    const run = async (): Promise<unknown> => {
      switch (request.type) {
        case 'wenmai/page-state':
          await this.analysis;
          return this.settledState();
        case 'wenmai/set-script':
          await this.setScript(request.script);
          return this.settledState();
        case 'wenmai/cycle-script': {
          const next: Record<DisplayScript, DisplayScript> = {
            original: 'simplified',
            simplified: 'traditional',
            traditional: 'original',
          };
          await this.setScript(next[this.script]);
          return this.settledState();
        }
        case 'wenmai/set-highlights':
          this.setHighlights(request.enabled);
          return this.settledState();
        case 'wenmai/toggle-highlights':
          this.setHighlights(!this.highlightsEnabled);
          return this.settledState();
        case 'wenmai/lookup': {
          const found = await askBackground({ type: 'wenmai/find-term', text: request.text });
          if (found) this.openCard(found.termId, null, true);
          return this.settledState();
        }
        case 'wenmai/find-parallels':
          await this.showParallelsOf(request.text);
          return this.settledState();
        case 'wenmai/article-text': {
          const article = this.originalArticle();
          return article && { url: this.win.location.href, ...article };
        }
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private setHighlights(enabled: boolean): void {
    this.highlightsEnabled = enabled;
    if (!enabled) this.closeCard();
    this.scanTerms();
  }
}
