import { highlightCss, HighlightPainter } from '../../lib/dom/highlight-terms';
import { HANDOVER_EVENT, removeLeftovers } from '../../lib/dom/leftovers';
import { PageObserver, type PageChanges } from '../../lib/dom/observe-page';
import { addPageSheet } from '../../lib/dom/page-sheet';
import { whenIdle } from '../../lib/dom/yield';
import type { GlossaryEntry } from '../../lib/glossary/glossary';
import type { TermMatcher } from '../../lib/match/match-terms';
import type { AskBackground } from '../../lib/messaging/client';
import type { ContentRequest, ContentResponses } from '../../lib/messaging/content-requests';
import { Mailbox } from '../../lib/messaging/mailbox';
import type { PageLang } from '../../lib/normalise/detect-script';
import { assemblePageState, type DisplayScript, type PageState } from '../../lib/page-state';
import type { ToastMessage, UiStore } from '../../lib/page-ui-store';
import { readingScript, type UiLocale } from '../../lib/reading-script';
import type { ScriptLifetime } from '../../lib/script-lifetime';
import type { Settings } from '../../lib/settings';
import type { PageContext, PageWindow } from './features/context';
import { PageAnalysis } from './features/page-analysis';
import { PassageMarkers } from './features/passage-markers';
import { NEXT_SCRIPT, ScriptSwitch, yieldFrame } from './features/script-switch';
import { TermCard } from './features/term-card';
import { TermHighlights } from './features/term-highlights';

/** Added text beyond this many characters is worth re-checking the article against the corpus. */
const REANALYZE_CHARS = 200;
const REANALYZE_MS = 1200;
/** On a page that keeps changing, the article is analyzed again at most this often. */
const RESTLESS_REANALYZE_MS = 10_000;
/** How long a keyboard command's note stays. */
const TOAST_MS = 1600;
const SCRIPT_TOASTS: Record<DisplayScript, ToastMessage> = {
  original: 'scriptOriginal',
  simplified: 'scriptSimplified',
  traditional: 'scriptTraditional',
};
/** Markers can wait this long for an idle moment: placing them reads layout. */
const MARKERS_IDLE_MS = 1000;

/**
 * Runs Wenmai on one Chinese page by composing its features (term highlights, the term card,
 * page analysis, passage markers, the script switch), routing the page's changes and the
 * extension's commands to them, and answering the page's state.
 */
export class PageController {
  private readonly page: PageContext;
  readonly highlights: TermHighlights;
  readonly card: TermCard;
  readonly analysis: PageAnalysis;
  readonly markers: PassageMarkers;
  readonly scripts: ScriptSwitch;
  private readonly observer: PageObserver;
  private readonly sheet: { remove(): void };
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly variant: 'tw' | 'hk';
  /** Commands, conversions and rescans run one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    lifetime: ScriptLifetime,
    doc: Document,
    win: PageWindow,
    askBackground: AskBackground,
    matcher: TermMatcher,
    private readonly glossary: ReadonlyMap<string, GlossaryEntry>,
    settings: Settings,
    store: UiStore,
    private readonly lang: PageLang,
    /** The UI's locale: a reader of the zh-TW UI reads Chinese content in Traditional. */
    private readonly uiLocale: UiLocale = 'en',
  ) {
    const painter = new HighlightPainter(win);
    this.page = { lifetime, doc, win, store, askBackground, painter };
    // Takes over the detector's first-screen stylesheet when it holds these rules, else replaces
    // it, and removes whatever a Wenmai from before an extension update left on the page. (A new
    // stylesheet makes the browser recompute every element's style: 250 ms on the 3 M-char page.)
    const quickSheet = new Mailbox().take('quickSheet');
    const css = highlightCss(settings.highlightStyle);
    const kept = quickSheet?.css === css ? quickSheet : null;
    if (!kept) quickSheet?.remove();
    removeLeftovers(doc, kept);
    this.sheet = kept ?? addPageSheet(doc, css);
    this.highlights = new TermHighlights(this.page, matcher, settings.highlightsEnabled);
    this.observer = new PageObserver(
      doc.body,
      (changes) => this.onChanges(changes),
      win,
      (restless) => this.highlights.setRestless(restless),
    );
    this.variant = settings.traditionalVariant;
    this.card = new TermCard(this.page, this.highlights, () => ({
      script: this.readerScript(),
      variant: settings.traditionalVariant,
    }));
    this.markers = new PassageMarkers(this.page);
    this.scripts = new ScriptSwitch(
      this.page,
      settings,
      (apply) => this.observer.pause(apply),
      () => this.highlights.nearElements(),
    );
    this.analysis = new PageAnalysis(this.page, this.scripts, (result) => {
      const titles: Record<string, string> = {};
      for (const s of result.similar) titles[s.articleId] = s.title;
      store.update({ similar: result.similar, titles: { ...store.get().titles, ...titles } });
      void this.writeTitles();
      this.relocateMarkers();
    });
    lifetime.onEnd(() => this.stop());
  }

  start(): void {
    const { doc, win, lifetime } = this.page;
    const { signal } = lifetime;
    void this.highlights.scan();
    this.card.start();
    doc.addEventListener(
      'keydown',
      (event) => {
        if (lifetime.alive() && event.key === 'Escape') this.closeOverlays();
      },
      { signal },
    );
    for (const type of ['resize', 'load'])
      win.addEventListener(
        type,
        () => {
          if (lifetime.alive()) this.markers.place();
        },
        { passive: true, signal },
      );
    // A Wenmai started after an extension update asks this one whether it is still connected;
    // if not, it ends now rather than on the page's next event. (A page that sends the event
    // only makes a live instance check that it is live.)
    doc.addEventListener(HANDOVER_EVENT, () => lifetime.alive(), { signal });
    // Extraction clones the page: do it when the page is idle, after the first highlights.
    this.analysis.schedule(0);
  }

  /**
   * What the page shows and what the corpus says about it, once highlighting has settled; with
   * `now`, at once, counting the terms scanned so far and saying what is still pending. Lists one
   * page of parallels, from `parallelsFrom`.
   */
  async state(view: { now?: boolean; parallelsFrom?: number } = {}): Promise<PageState> {
    if (!view.now) await this.highlights.scanning;
    const pending: NonNullable<PageState['pending']> = [];
    if (this.analysis.pending) pending.push('analysis');
    if (!this.highlights.scanned) pending.push('terms');
    return assemblePageState({
      url: this.page.win.location.href,
      lang: this.lang,
      script: this.scripts.script,
      highlights: this.highlights.enabled,
      analysis: this.analysis.result,
      termCounts: this.highlights.counts(),
      glossary: this.glossary,
      parallelsFrom: view.parallelsFrom ?? 0,
      pending,
    });
  }

  /** Runs an extension command, in order with the others; answers as the protocol says. */
  handle<K extends ContentRequest['type']>(
    request: Extract<ContentRequest, { type: K }>,
  ): Promise<ContentResponses[K]> {
    const run = () => this.run(request) as Promise<ContentResponses[K]>;
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * The script the reader reads Chinese content in: the one switched to, else the page's own when
   * Traditional, else Traditional for a reader of the zh-TW UI (lib/reading-script.ts).
   */
  private readerScript(): 'simplified' | 'traditional' {
    const lang = this.analysis.result?.lang ?? this.lang;
    return readingScript({ script: this.scripts.script, lang }, this.uiLocale) ?? 'simplified';
  }

  /**
   * The banner's and the panel's titles of corpus articles in the reader's script (the corpus keeps
   * each as its source wrote it). Asked of the background, which has OpenCC's tables built.
   */
  private async writeTitles(): Promise<void> {
    const { store, askBackground } = this.page;
    const similar = store.get().similar;
    const titles = store.get().titles;
    const ids = Object.keys(titles);
    if (similar.length === 0 && ids.length === 0) return;
    try {
      const { texts } = await askBackground({
        type: 'wenmai/convert',
        texts: [...similar.map((s) => s.title), ...ids.map((id) => titles[id]!)],
        to: this.readerScript(),
        variant: this.variant,
      });
      if (store.get().similar !== similar) return;
      const written: Record<string, string> = {};
      ids.forEach((id, i) => (written[id] = texts[similar.length + i] ?? titles[id]!));
      store.update({
        similar: similar.map((s, i) => ({ ...s, title: texts[i] ?? s.title })),
        titles: written,
      });
    } catch {
      // Left as the corpus writes them: still the right titles.
    }
  }

  closeOverlays(): void {
    this.card.close();
    this.markers.closePanel();
  }

  private async run(
    request: ContentRequest,
  ): Promise<PageState | ContentResponses['wenmai/article-text']> {
    switch (request.type) {
      case 'wenmai/page-state':
        if (request.now) return this.state(request);
        await this.analysis.done;
        return this.state(request);
      case 'wenmai/set-script':
        await this.setScript(request.script);
        break;
      case 'wenmai/cycle-script':
        await this.setScript(NEXT_SCRIPT[this.scripts.script]);
        this.toast(SCRIPT_TOASTS[this.scripts.script]);
        break;
      case 'wenmai/set-highlights':
        this.setHighlights(request.enabled);
        break;
      case 'wenmai/toggle-highlights':
        this.setHighlights(!this.highlights.enabled);
        this.toast(this.highlights.enabled ? 'toastHighlightsOn' : 'toastHighlightsOff');
        break;
      case 'wenmai/lookup': {
        const found = await this.page.askBackground({
          type: 'wenmai/find-term',
          text: request.text,
        });
        if (found) this.card.open(found.termId, null, true);
        break;
      }
      case 'wenmai/show-term':
        await this.highlights.scanning;
        this.card.close();
        this.highlights.show(request.termId, request.direction);
        break;
      case 'wenmai/find-parallels':
        await this.markers.showParallelsOf(request.text);
        break;
      case 'wenmai/article-text': {
        const article = await this.analysis.originalArticle();
        return article && { url: this.page.win.location.href, ...article };
      }
    }
    return this.state();
  }

  private async setScript(script: DisplayScript): Promise<void> {
    if (script === this.scripts.script) return;
    this.closeOverlays();
    // Highlights off while the text changes: the browser revalidates every highlighted range on
    // each change, which would dominate the switch. The rescan below paints them again.
    this.highlights.clear();
    await this.scripts.show(script);
    // The rescan starts after the frame that lays out the last slice.
    await yieldFrame(this.page.win);
    void this.highlights.scan();
    this.relocateMarkers();
    void this.writeTitles();
  }

  /** Says briefly what a keyboard command did: the reader pressed keys and saw, maybe, nothing. */
  private toast(message: ToastMessage): void {
    const at = Date.now();
    this.page.store.update({ toast: { message, at } });
    setTimeout(() => {
      if (this.page.store.get().toast?.at === at) this.page.store.update({ toast: null });
    }, TOAST_MS);
  }

  private setHighlights(enabled: boolean): void {
    if (!enabled) this.card.close();
    void this.highlights.setEnabled(enabled);
  }

  /**
   * Markers follow when the page is idle (placing them reads layout), over the blocks of the
   * latest scan once it has collected them.
   */
  private relocateMarkers(): void {
    void this.highlights.collected.then((blocks) =>
      whenIdle(
        this.page.win,
        () => void this.markers.findPassages(blocks, this.analysis.result?.parallels ?? []),
        MARKERS_IDLE_MS,
      ),
    );
  }

  private scheduleRescan(): void {
    this.rescanTimer ??= setTimeout(() => {
      this.rescanTimer = null;
      void this.highlights.scan();
      void this.highlights.collected.then(
        (blocks) => void this.markers.findPassages(blocks, this.analysis.result?.parallels ?? []),
      );
    }, 0);
  }

  private onChanges(changes: PageChanges): void {
    if (!this.page.lifetime.alive()) return;
    this.queue = this.queue
      .then(() => this.scripts.follow(changes))
      .catch(() => undefined)
      .then(() => {
        this.scheduleRescan();
        const addedChars = changes.added.reduce(
          (n, node) => n + (node.textContent?.length ?? 0),
          0,
        );
        const hadArticle = this.analysis.result?.article;
        if (changes.overflow || addedChars >= REANALYZE_CHARS || (changes.removed && hadArticle)) {
          // A live ticker adds text in every batch: its article is extracted (the page cloned)
          // and compared again at most every RESTLESS_REANALYZE_MS.
          if (this.observer.restless) this.analysis.scheduleOnce(RESTLESS_REANALYZE_MS);
          else this.analysis.schedule(REANALYZE_MS);
        }
      });
  }

  private stop(): void {
    this.observer.disconnect();
    this.highlights.stop();
    this.card.stop();
    this.markers.stop();
    this.analysis.stop();
    this.page.painter.stop();
    this.sheet.remove();
    this.scripts.stop();
  }
}
