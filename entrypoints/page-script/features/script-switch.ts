import { PageConverter } from '../../../lib/dom/convert-page';
import type { PageChanges } from '../../../lib/dom/observe-page';
import { inViewport } from '../../../lib/dom/near-viewport';
import { collectTextBlocks, type TextBlock } from '../../../lib/dom/text-blocks';
import { afterNextFrame, nextTask } from '../../../lib/dom/yield';
import type { DisplayScript } from '../../../lib/page-state';
import type { Settings } from '../../../lib/settings';
import type { Feature, PageContext } from './context';
import type { OriginalText } from './page-analysis';

/** A hidden tab renders no frames: conversion goes on after this long without one. */
const FRAME_WAIT_MS = 100;

/** The order each step of the keyboard command goes through. */
export const NEXT_SCRIPT: Record<DisplayScript, DisplayScript> = {
  original: 'simplified',
  simplified: 'traditional',
  traditional: 'original',
};

/**
 * Lets the page render a frame before the next slice of text is rewritten, so each frame lays out
 * one slice: between plain tasks the rewrites pile up and one frame lays them all out at once.
 * Answers how long that frame's rendering took (from its animation-frame callbacks to the task
 * after it), or nothing when no frame came (a hidden tab).
 */
export function yieldFrame(win: Window): Promise<number | undefined> {
  return new Promise((resolve) => {
    win.requestAnimationFrame(() => {
      const at = win.performance.now();
      setTimeout(() => resolve(win.performance.now() - at), 0);
    });
    void afterNextFrame(win, FRAME_WAIT_MS).then(() => resolve(undefined));
  });
}

/**
 * Shows the page in Simplified or Traditional script, or as written: text the page adds later
 * follows the chosen script, and the original comes back exactly (and when Wenmai goes away).
 */
export class ScriptSwitch implements Feature, OriginalText {
  private current: DisplayScript = 'original';
  private readonly converter = new PageConverter();

  /**
   * @param write runs a change to the page's text without it being reported as the page's own
   * @param nearElements the elements near the viewport, converted first
   */
  constructor(
    private readonly page: PageContext,
    private readonly settings: Settings,
    private readonly write: (apply: () => void) => void,
    private readonly nearElements: () => Set<Element>,
  ) {}

  get script(): DisplayScript {
    return this.current;
  }

  converted(): boolean {
    return this.current !== 'original';
  }

  originalOf(node: Text): string {
    return this.converter.originalOf(node);
  }

  /** Rewrites the page in a script, the part near the viewport first, a slice per frame. */
  async show(script: DisplayScript): Promise<void> {
    // Set first: text the page adds while the switch is under way follows the new script.
    this.current = script;
    const { doc, win } = this.page;
    if (script === 'original') {
      await this.converter.restore(this.write, () => yieldFrame(win));
      return;
    }
    const { blocks, inView } = this.inViewFirst(collectTextBlocks(doc.body, doc));
    // Sending the page's text to the background is a task of its own.
    await nextTask();
    await this.converter.convert(
      blocks,
      (texts) => this.convertTexts(texts, script),
      this.langFor(script),
      this.write,
      () => yieldFrame(win),
      inView || undefined,
    );
  }

  /** Converts what the page added or changed, on a converted page (edits are the page's own). */
  async follow(changes: PageChanges): Promise<void> {
    const target = this.current;
    if (target === 'original') return;
    const { doc } = this.page;
    for (const node of changes.edited) this.converter.notePageEdit(node);
    const blocks = changes.overflow
      ? collectTextBlocks(doc.body, doc)
      : [
          ...changes.added.flatMap((node) =>
            node.isConnected
              ? node.nodeType === 3 // a text node
                ? [{ nodes: [node as Text], starts: [0], text: (node as Text).data }]
                : collectTextBlocks(node, doc)
              : [],
          ),
          ...changes.edited
            .filter((n) => n.isConnected)
            .map((node) => ({ nodes: [node], starts: [0], text: node.data })),
        ];
    if (blocks.length === 0) return;
    await this.converter.convert(
      blocks,
      (texts) => this.convertTexts(texts, target),
      this.langFor(target),
      this.write,
    );
  }

  stop(): void {
    // Wenmai is gone (removed, disabled or updated): the page goes back to its own text.
    void this.converter.restore(
      (apply) => apply(),
      () => yieldFrame(this.page.win),
    );
  }

  private async convertTexts(texts: string[], to: 'simplified' | 'traditional') {
    const reply = await this.page.askBackground({
      type: 'wenmai/convert',
      texts,
      to,
      variant: this.settings.traditionalVariant,
    });
    return reply.texts;
  }

  /** The `lang` tag for converted text. */
  private langFor(target: 'simplified' | 'traditional'): string {
    if (target === 'simplified') return 'zh-Hans';
    return this.settings.traditionalVariant === 'hk' ? 'zh-HK' : 'zh-TW';
  }

  /**
   * The blocks in the viewport first, then those near it, then the rest, so the visible part is
   * converted (not just written) first. Which blocks are near is what the highlights' observer last
   * saw (no layout read); of those, the ones in the viewport are told by their boxes (laid out
   * already: reading them forces no layout).
   */
  private inViewFirst(all: TextBlock[]): { blocks: TextBlock[]; inView: number } {
    const nearElements = this.nearElements();
    const visible = inViewport(nearElements, this.page.win);
    const inView: TextBlock[] = [];
    const near: TextBlock[] = [];
    const rest: TextBlock[] = [];
    for (const block of all) {
      const element = block.nodes[0]?.parentElement as Element;
      (visible.has(element) ? inView : nearElements.has(element) ? near : rest).push(block);
    }
    return { blocks: [...inView, ...near, ...rest], inView: inView.length };
  }
}
