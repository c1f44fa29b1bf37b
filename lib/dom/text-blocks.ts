import { isBlockElement, isExcludedElement } from './walk-text';

/**
 * The page's readable text nodes grouped by block (paragraph, list item, cell), with each node's
 * offset in the block's text, so a match found in the text maps back to (node, offset) pairs.
 */
export interface TextBlock {
  nodes: Text[];
  /** starts[i] = offset of nodes[i] in text. */
  starts: number[];
  text: string;
}

function nearestBlock(node: Node, root: Node): Node {
  let current = node.parentNode;
  while (current && current !== root) {
    if (current.nodeType === 1 && isBlockElement(current as Element)) return current;
    current = current.parentNode;
  }
  return root;
}

/** True when a node sits inside an excluded element (field, editable region, code, our UI…). */
export function isInsideExcluded(node: Node, root: Node): boolean {
  for (
    let current = node.parentNode;
    current && current !== root.parentNode;
    current = current.parentNode
  ) {
    if (current.nodeType === 1 && isExcludedElement(current as Element)) return true;
  }
  return false;
}

/**
 * Collects the text blocks under a root, skipping everything isExcludedElement rules out; stops
 * after `maxBlocks` blocks (the first screen of a page needs only its first blocks).
 */
export function collectTextBlocks(
  root: Node,
  doc: Document = document,
  maxBlocks = Infinity,
): TextBlock[] {
  const blocks: TextBlock[] = [];
  if (root.nodeType === 1 && isInsideExcluded(root, doc.documentElement)) return blocks;
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) =>
      node.nodeType === 1
        ? isExcludedElement(node as Element)
          ? 2 /* FILTER_REJECT: skip the whole subtree */
          : 3 /* FILTER_SKIP */
        : 1 /* FILTER_ACCEPT */,
  });
  let current: TextBlock | null = null;
  let currentBlock: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (!text.data) continue;
    const block = nearestBlock(text, root);
    if (!current || block !== currentBlock) {
      if (blocks.length >= maxBlocks) break;
      current = { nodes: [], starts: [], text: '' };
      blocks.push(current);
      currentBlock = block;
    }
    current.nodes.push(text);
    current.starts.push(current.text.length);
    current.text += text.data;
  }
  return blocks;
}

/** Maps an offset in a block's text to the text node and the offset inside it. */
export function positionAt(
  block: TextBlock,
  offset: number,
  preferEnd = false,
): { node: Text; offset: number } {
  let lo = 0;
  let hi = block.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = block.starts[mid]!;
    if (start < offset || (!preferEnd && start === offset)) lo = mid;
    else hi = mid - 1;
  }
  const node = block.nodes[lo]!;
  return { node, offset: Math.min(node.data.length, offset - block.starts[lo]!) };
}
