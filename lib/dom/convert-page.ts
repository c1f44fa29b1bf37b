import type { TextBlock } from './text-blocks';

export type ConvertTexts = (texts: string[]) => Promise<string[]>;

/** Nodes restored per slice (a restore writes originals kept in memory: nothing to wait for). */
const WRITE_SLICE_NODES = 72;
/** Blocks in the first conversion request when the caller names none in view: about a screenful. */
const FIRST_GROUP_BLOCKS = 32;
/** Characters per later conversion request: the background answers each in a few ms. */
const REQUEST_CHARS = 20_000;

/**
 * How much text is written before the page may render a frame: the rendering that follows a write
 * (style, layout, paint of what changed) is measured, and the next slice is sized so that it
 * stays near TARGET_FRAME_MS. Frames, not work, bound a fixed slice: at 24 blocks a frame, a
 * 100,000-character page took 40 frames; on this project's pages the whole page lays out in
 * ~25 ms, so slices grow to a few frames for all of it, and shrink on a page whose layout is dear.
 */
export class SliceBudget {
  static readonly TARGET_FRAME_MS = 25;
  static readonly FIRST_CHARS = 4_000;
  static readonly MIN_CHARS = 500;
  private chars = SliceBudget.FIRST_CHARS;

  /** Characters to write in the next slice. */
  get size(): number {
    return this.chars;
  }

  /** The frame after a slice took `frameMs` to render (undefined: no frame was measured). */
  record(frameMs: number | undefined): void {
    const factor =
      frameMs === undefined
        ? 4
        : Math.min(4, Math.max(0.25, SliceBudget.TARGET_FRAME_MS / Math.max(frameMs, 1)));
    this.chars = Math.max(SliceBudget.MIN_CHARS, Math.round(this.chars * factor));
  }
}

/** Lets the page render; answers how long the rendering took, when it was measured. */
export type YieldToPage = () => Promise<number | void>;

/**
 * Converts the page's text nodes between scripts in place and restores them exactly.
 * The original of every node it changes is kept (never "converted back"); nodes whose text would
 * not change are not written; `lang` is set on the blocks it converts and restored afterwards.
 * A node whose text is no longer what Wenmai wrote (the page or the reader changed it, typing into
 * an editable region, say) is never written again: restoring keeps their text.
 */
export class PageConverter {
  private readonly originals = new Map<Text, string>();
  /** What Wenmai last wrote into each node it converted. */
  private readonly written = new Map<Text, string>();
  private readonly langs = new Map<Element, string | null>();

  /** The original text of a node, whether or not it has been converted. */
  originalOf(node: Text): string {
    return this.originals.get(node) ?? node.data;
  }

  /** The page itself changed a node's text: that text is its new original. */
  notePageEdit(node: Text): void {
    if (!this.originals.has(node)) return;
    this.originals.set(node, node.data);
    this.written.set(node, node.data);
  }

  /**
   * Converts blocks (their original text, per block so phrases split by inline tags convert as
   * phrases). `write` wraps the DOM writes, so the caller's observer can ignore them.
   *
   * The first `firstGroup` blocks (callers put the ones in view first) are asked for on their own
   * and written in one go as soon as they are back; then the rest is asked for, in requests of
   * ~REQUEST_CHARS that the background answers while the first are written, and written in
   * slices sized by how long the page took to render the last one (SliceBudget).
   */
  async convert(
    blocks: readonly TextBlock[],
    convert: ConvertTexts,
    lang: string,
    write: (apply: () => void) => void,
    yieldToPage: YieldToPage = async () => {},
    firstGroup = FIRST_GROUP_BLOCKS,
  ): Promise<number> {
    const groups: TextBlock[][] = [];
    const first = Math.max(1, Math.min(blocks.length, firstGroup));
    if (blocks.length > 0) groups.push(blocks.slice(0, first));
    for (let from = first; from < blocks.length;) {
      let to = from;
      for (let chars = 0; to < blocks.length && (to === from || chars < REQUEST_CHARS); to++)
        chars += blocks[to]!.text.length;
      groups.push(blocks.slice(from, to));
      from = to;
    }
    if (groups.length === 0) return 0;
    // The rest is asked for once the first is back (the background, answering all at once, would
    // convert them all before its first reply left), and converted while the first is written.
    const firstAnswer = await this.targetsOf(groups[0]!, convert);
    const answers = groups.map((group, g) => (g === 0 ? null : this.targetsOf(group, convert)));
    let written = this.writeBlocks(
      groups[0]!,
      firstAnswer.sources,
      firstAnswer.targets,
      0,
      groups[0]!.length,
      lang,
      write,
    );
    // The rest, in slices that may span requests: each waits for the answers it needs.
    const rest = blocks.slice(first);
    const sources: string[][] = [];
    const targets: string[][] = [];
    let answered = 1;
    const budget = new SliceBudget();
    for (let from = 0; from < rest.length;) {
      budget.record((await yieldToPage()) ?? undefined);
      let to = from;
      for (let chars = 0; to < rest.length && (to === from || chars < budget.size); to++)
        chars += rest[to]!.text.length;
      while (sources.length < to) {
        const answer = await answers[answered++]!;
        sources.push(...answer.sources);
        targets.push(...answer.targets);
      }
      written += this.writeBlocks(rest, sources, targets, from, to, lang, write);
      from = to;
    }
    return written;
  }

  /** The blocks' original node texts and what each becomes. */
  private async targetsOf(
    blocks: readonly TextBlock[],
    convert: ConvertTexts,
  ): Promise<{ sources: string[][]; targets: string[][] }> {
    const sources = blocks.map((block) => block.nodes.map((node) => this.originalOf(node)));
    const converted = await convert(sources.map((parts) => parts.join('')));
    // A conversion that changed a block's length cannot be split back by node: convert those nodes one by one.
    const uneven = new Set(
      blocks.flatMap((_, i) => (converted[i]!.length === sources[i]!.join('').length ? [] : [i])),
    );
    const perNode = uneven.size > 0 ? await convert([...uneven].flatMap((i) => sources[i]!)) : [];
    let perNodeIndex = 0;
    const targets = blocks.map((_, i) => {
      const parts = sources[i]!;
      let cursor = 0;
      return parts.map((original) => {
        const next = uneven.has(i)
          ? perNode[perNodeIndex++]!
          : converted[i]!.slice(cursor, cursor + original.length);
        cursor += original.length;
        return next;
      });
    });
    return { sources, targets };
  }

  /** Writes converted blocks from … to (a slice) in one go. */
  private writeBlocks(
    blocks: readonly TextBlock[],
    sources: string[][],
    targets: string[][],
    from: number,
    to: number,
    lang: string,
    write: (apply: () => void) => void,
  ): number {
    let written = 0;
    write(() => {
      for (let i = from; i < to; i++) {
        const block = blocks[i]!;
        let changedBlock = false;
        block.nodes.forEach((node, k) => {
          const original = sources[i]![k]!;
          const next = targets[i]![k]!;
          // The page or the reader changed this node (it is no longer what we read or last wrote):
          // leave it alone.
          const expected = this.written.get(node) ?? original;
          if (!node.isConnected || node.data !== expected || next === node.data) return;
          if (!this.originals.has(node)) this.originals.set(node, original);
          node.data = next;
          this.written.set(node, next);
          written++;
          changedBlock = true;
        });
        if (changedBlock) this.tagLang(block.nodes[0]!.parentElement, lang);
      }
    });
    return written;
  }

  private tagLang(element: Element | null, lang: string): void {
    if (!element) return;
    if (!this.langs.has(element)) this.langs.set(element, element.getAttribute('lang'));
    if (element.getAttribute('lang') !== lang) element.setAttribute('lang', lang);
  }

  /**
   * Puts back every original text and lang attribute, a slice of nodes at a time; a block's lang
   * goes back with its text, so each block is restyled and laid out once.
   */
  async restore(
    write: (apply: () => void) => void,
    yieldToPage: YieldToPage = async () => {},
  ): Promise<number> {
    let restored = 0;
    const entries = [...this.originals];
    const written = new Map(this.written);
    this.originals.clear();
    this.written.clear();
    const langs = this.langs;
    const restoreLang = (element: Element | null): void => {
      if (!element || !langs.has(element)) return;
      const lang = langs.get(element)!;
      langs.delete(element);
      if (lang === null) element.removeAttribute('lang');
      else element.setAttribute('lang', lang);
    };
    for (let from = 0; from < entries.length; from += WRITE_SLICE_NODES) {
      if (from > 0) await yieldToPage();
      write(() => {
        for (const [node, original] of entries.slice(from, from + WRITE_SLICE_NODES)) {
          // Text someone else wrote since the conversion stays: it is theirs, not ours to undo.
          if (node.data !== original && node.data === written.get(node)) {
            node.data = original;
            restored++;
          }
          restoreLang(node.parentElement);
        }
      });
    }
    // Blocks whose text nodes the page has removed or moved meanwhile.
    if (langs.size > 0) write(() => [...langs.keys()].forEach(restoreLang));
    return restored;
  }
}
