import { JSDOM } from 'jsdom';
import { vi } from 'vitest';
import { HighlightPainter } from '../../../lib/dom/highlight-terms';
import type { AskBackground } from '../../../lib/messaging/client';
import type { BackgroundResponses, BackgroundType } from '../../../lib/messaging/messages';
import { UiStore } from '../../../lib/page-ui-store';
import { ScriptLifetime } from '../../../lib/script-lifetime';
import type { Settings } from '../../../lib/settings';
import { testGlossary } from '../../glossary-fixture';
import type { PageContext, PageWindow } from '../../../entrypoints/page-script/features/context';

/** Two terms, in both scripts, for the page script's tests. */
export const GLOSSARY = testGlossary([
  { id: 'xinzhi', headword: '新质生产力', traditional: ['新質生產力'] },
  { id: 'lianggeweihu', headword: '两个维护', traditional: ['兩個維護'] },
]);
export const SETTINGS = {
  highlightsEnabled: true,
  highlightStyle: 'underline',
  traditionalVariant: 'tw',
} as Settings;
/** A news article: a headline and eight paragraphs with both terms (新质生产力 ×9, 两个维护 ×8). */
export const ARTICLE = `<article><h1>因地制宜发展新质生产力</h1>${'<p>各地坚持因地制宜发展新质生产力，做到两个维护，推动高质量发展取得新成效。</p>'.repeat(8)}</article>`;

/**
 * A page for the page script's features in Node: jsdom, plus what jsdom lacks and the features
 * use: the CSS Custom Highlight registry (a Map of Sets, to read what was painted) and an
 * IntersectionObserver that reports every observed element as in view.
 */
export function testPage(body: string, url = 'https://news.example.cn/a.html') {
  const dom = new JSDOM(
    `<!doctype html><html><head><title>测试</title></head><body>${body}</body></html>`,
    {
      url,
      pretendToBeVisual: true,
    },
  );
  const win = dom.window as unknown as PageWindow;
  const highlights = new Map<string, Set<AbstractRange>>();
  Object.assign(win, {
    Highlight: class extends Set<AbstractRange> {},
    IntersectionObserver: class {
      constructor(private readonly report: IntersectionObserverCallback) {}
      observe(target: Element) {
        queueMicrotask(() =>
          this.report(
            [{ target, isIntersecting: true } as IntersectionObserverEntry],
            this as unknown as IntersectionObserver,
          ),
        );
      }
      disconnect() {}
    },
  });
  // jsdom lays nothing out: a range sits at its element's place in a column of 20-px lines.
  Object.assign(win.Range.prototype, {
    getBoundingClientRect(this: Range) {
      const element = this.startContainer.parentElement;
      const line = element ? [...win.document.querySelectorAll('*')].indexOf(element) : 0;
      return { left: 40, top: 20 * line, width: 1, height: 16 } as DOMRect;
    },
  });
  Object.defineProperty(win.CSS ?? Object.assign(win, { CSS: {} }).CSS, 'highlights', {
    value: highlights,
  });
  return { win, doc: win.document, highlights, close: () => dom.window.close() };
}

type Answers = {
  [K in BackgroundType]?: (
    request: never,
  ) => BackgroundResponses[K] | Promise<BackgroundResponses[K]>;
};

/** The features' context on a test page, with the background answering from `answers`. */
export function pageContext(
  page: ReturnType<typeof testPage>,
  answers: Answers = {},
): PageContext & { asked: ReturnType<typeof vi.fn> } {
  const asked = vi.fn();
  const askBackground = (async (request: { type: BackgroundType }) => {
    asked(request);
    const answer = answers[request.type] as ((r: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`no answer for ${request.type}`);
    return answer(request);
  }) as AskBackground;
  return {
    lifetime: inWindow(page.win, () => new ScriptLifetime(() => true)),
    doc: page.doc,
    win: page.win,
    store: new UiStore(),
    askBackground,
    painter: new HighlightPainter(page.win),
    asked,
  };
}

/** The texts of the ranges painted under a highlight name. */
export function paintedTexts(page: ReturnType<typeof testPage>, name: string): string[] {
  return [...(page.highlights.get(name) ?? [])].map((r) => {
    const live = page.doc.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live.toString();
  });
}

/** Runs `make` with the page's AbortController (jsdom's listeners accept only its own signals). */
function inWindow<T>(win: PageWindow, make: () => T): T {
  const own = globalThis.AbortController;
  globalThis.AbortController = win.AbortController;
  try {
    return make();
  } finally {
    globalThis.AbortController = own;
  }
}
