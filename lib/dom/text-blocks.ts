import { isJapaneseOrKoreanText } from '../normalise/detect-script';
import { runNow, type Steps } from './steps';
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
 * Collects the text blocks under a root, skipping everything isExcludedElement rules out and
 * blocks whose text is Japanese or Korean (a quoted paragraph in a Chinese page is neither
 * converted nor highlighted); stops after `maxBlocks` blocks (the first screen of a page needs
 * only its first blocks). A plain walk
 * that keeps the open block elements on a stack: a TreeWalker with a NodeFilter calls back into
 * script for every element and climbs to each text node's block, twice as slow on a long page.
 */
export function collectTextBlocks(
  root: Node,
  doc: Document = document,
  maxBlocks = Infinity,
): TextBlock[] {
  return runNow(collectTextBlocksSteps(root, doc, maxBlocks));
}

/** Nodes visited per step of collectTextBlocksSteps. */
const COLLECT_STEP_NODES = 1_000;

/**
 * collectTextBlocks in bounded steps (lib/dom/steps.ts): on a 3-million-character page the walk
 * held the page for 20–100 ms in one task. A page that changes between steps is read as it is when
 * the walk gets there (its observer reports the change, and a rescan follows).
 */
export function* collectTextBlocksSteps(
  root: Node,
  doc: Document = document,
  maxBlocks = Infinity,
  stepNodes = COLLECT_STEP_NODES,
): Steps<TextBlock[]> {
  const blocks: TextBlock[] = [];
  if (root.nodeType === 1 && isInsideExcluded(root, doc.documentElement)) return blocks;
  // The block elements around the node being visited; text outside any belongs to the root.
  const open: Node[] = [root];
  let current: TextBlock | null = null;
  let currentBlock: Node | null = null;
  let node: Node | null = root.firstChild;
  let seen = 0;
  while (node) {
    if (++seen % stepNodes === 0) yield;
    const type = node.nodeType;
    if (type === 3) {
      const data = (node as Text).data;
      if (data) {
        const block = open[open.length - 1]!;
        if (!current || block !== currentBlock) {
          if (current && isJapaneseOrKoreanText(current.text)) blocks.pop();
          if (blocks.length >= maxBlocks) break;
          // Arrays made with their first item: one grown by push from empty keeps 17 slots, and a
          // 3-million-character page has 22,500 blocks of one node.
          current = { nodes: [node as Text], starts: [0], text: data };
          blocks.push(current);
          currentBlock = block;
        } else {
          current.nodes.push(node as Text);
          current.starts.push(current.text.length);
          current.text += data;
        }
      }
    } else if (type === 1 && node.firstChild && !isExcludedElement(node as Element)) {
      if (isBlockElement(node as Element)) open.push(node);
      node = node.firstChild;
      continue;
    }
    // On to the next node in document order, closing the blocks left on the way up.
    while (node && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root) node = null;
      else if (open[open.length - 1] === node) open.pop();
    }
    if (node) node = node.nextSibling;
  }
  // The last block read (the loop above drops the others as it leaves them).
  if (current && blocks[blocks.length - 1] === current && isJapaneseOrKoreanText(current.text))
    blocks.pop();
  return blocks;
}

/** Maps an offset in a block's text to the text node and the offset inside it. */
export function positionAt(
  block: TextBlock,
  offset: number,
  preferEnd = false,
): { node: Text; offset: number } {
  const index = nodeIndexAt(block, offset, preferEnd);
  const node = block.nodes[index]!;
  return { node, offset: Math.min(node.data.length, offset - block.starts[index]!) };
}

/**
 * Which of a block's text nodes holds an offset of its text (as positionAt finds it), as a number:
 * nothing is allocated for the scan's two lookups per term.
 */
export function nodeIndexAt(block: TextBlock, offset: number, preferEnd = false): number {
  let lo = 0;
  let hi = block.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = block.starts[mid]!;
    if (start < offset || (!preferEnd && start === offset)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
