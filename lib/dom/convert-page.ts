import type { TextBlock } from './text-blocks';

export type ConvertTexts = (texts: string[]) => Promise<string[]>;

/**
 * Blocks (and nodes) written per slice. Small slices keep each task short: the page relays out
 * what changed between slices, and that cost grows with the slice.
 */
const WRITE_SLICE_BLOCKS = 24;
const WRITE_SLICE_NODES = 72;
/** Blocks in the first conversion request: about a screenful; each later request is 4× larger. */
const FIRST_GROUP_BLOCKS = 32;

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
   */
  async convert(
    blocks: readonly TextBlock[],
    convert: ConvertTexts,
    lang: string,
    write: (apply: () => void) => void,
    yieldToPage: () => Promise<void> = async () => {},
  ): Promise<number> {
    // Asked for a group at a time, the first one small (callers put the blocks in view first), so
    // the visible part is written as soon as its own conversion is back, not after the whole
    // page's; the next group is asked for while this one is written.
    const groups: TextBlock[][] = [];
    for (let from = 0, size = FIRST_GROUP_BLOCKS; from < blocks.length; from += size, size *= 4)
      groups.push(blocks.slice(from, from + size));
    let written = 0;
    let next = groups.length > 0 ? this.targetsOf(groups[0]!, convert) : null;
    for (let g = 0; g < groups.length; g++) {
      const { sources, targets } = await next!;
      next = g + 1 < groups.length ? this.targetsOf(groups[g + 1]!, convert) : null;
      if (g > 0) await yieldToPage();
      written += await this.writeBlocks(groups[g]!, sources, targets, lang, write, yieldToPage);
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

  /** Writes converted blocks a slice at a time, letting the page run in between. */
  private async writeBlocks(
    blocks: readonly TextBlock[],
    sources: string[][],
    targets: string[][],
    lang: string,
    write: (apply: () => void) => void,
    yieldToPage: () => Promise<void>,
  ): Promise<number> {
    let written = 0;
    for (let from = 0; from < blocks.length; from += WRITE_SLICE_BLOCKS) {
      if (from > 0) await yieldToPage();
      write(() => {
        for (let i = from; i < Math.min(blocks.length, from + WRITE_SLICE_BLOCKS); i++) {
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
    }
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
    yieldToPage: () => Promise<void> = async () => {},
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
