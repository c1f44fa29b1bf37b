import type { TextBlock } from './text-blocks';

export type ConvertTexts = (texts: string[]) => Promise<string[]>;

/**
 * Converts the page's text nodes between scripts in place and restores them exactly.
 * The original of every node it changes is kept (never "converted back"); nodes whose text would
 * not change are not written; `lang` is set on the blocks it converts and restored afterwards.
 */
export class PageConverter {
  private readonly originals = new Map<Text, string>();
  private readonly langs = new Map<Element, string | null>();

  /** The original text of a node, whether or not it has been converted. */
  originalOf(node: Text): string {
    return this.originals.get(node) ?? node.data;
  }

  /** The page itself changed a node's text: that text is its new original. */
  notePageEdit(node: Text): void {
    if (this.originals.has(node)) this.originals.set(node, node.data);
  }

  get convertedCount(): number {
    return this.originals.size;
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
  ): Promise<number> {
    const sources = blocks.map((block) => block.nodes.map((node) => this.originalOf(node)));
    const converted = await convert(sources.map((parts) => parts.join('')));
    // A conversion that changed a block's length cannot be split back by node: convert those nodes one by one.
    const uneven = blocks.flatMap((_, i) =>
      converted[i]!.length === sources[i]!.join('').length ? [] : [i],
    );
    const perNode = uneven.length > 0 ? await convert(uneven.flatMap((i) => sources[i]!)) : [];
    let written = 0;
    write(() => {
      let perNodeIndex = 0;
      blocks.forEach((block, i) => {
        const parts = sources[i]!;
        let cursor = 0;
        const isUneven = uneven.includes(i);
        let changedBlock = false;
        block.nodes.forEach((node, k) => {
          const original = parts[k]!;
          const next = isUneven
            ? perNode[perNodeIndex++]!
            : converted[i]!.slice(cursor, cursor + original.length);
          cursor += original.length;
          // The page changed this node while we were converting: leave its new text alone.
          if (
            !node.isConnected ||
            node.data !== (this.originals.get(node) === undefined ? original : this.currentOf(node))
          )
            return;
          if (next === node.data) return;
          if (!this.originals.has(node)) this.originals.set(node, original);
          node.data = next;
          written++;
          changedBlock = true;
        });
        if (changedBlock) this.tagLang(block.nodes[0]!.parentElement, lang);
      });
    });
    return written;
  }

  private currentOf(node: Text): string {
    return node.data;
  }

  private tagLang(element: Element | null, lang: string): void {
    if (!element) return;
    if (!this.langs.has(element)) this.langs.set(element, element.getAttribute('lang'));
    if (element.getAttribute('lang') !== lang) element.setAttribute('lang', lang);
  }

  /** Puts back every original text and lang attribute. */
  restore(write: (apply: () => void) => void): number {
    let restored = 0;
    write(() => {
      for (const [node, original] of this.originals) {
        if (node.data !== original) {
          node.data = original;
          restored++;
        }
      }
      for (const [element, lang] of this.langs) {
        if (lang === null) element.removeAttribute('lang');
        else element.setAttribute('lang', lang);
      }
    });
    this.originals.clear();
    this.langs.clear();
    return restored;
  }
}
