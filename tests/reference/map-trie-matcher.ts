/**
 * The term matcher as it was before the typed-array automaton (lib/match/match-terms.ts), kept
 * unchanged as the reference the new matcher must agree with (tests/lib/match/match-equivalence)
 * and as the "before" figure of `npm run bench`: one Map keyed by node and folded code unit.
 */
import { foldCode, isIgnorable } from '../../lib/normalise/fold-script';
import { pinyinAnnotationLength } from '../../lib/clean/strip-pinyin';
import type { TermFormsOf, TermHit } from '../../lib/match/match-terms';

export interface MapTrieMatcher {
  readonly edges: Map<number, number>;
  readonly terminals: Map<number, number>;
  readonly termIds: readonly string[];
}

const QUOTES = new Set(Array.from('“”「」『』‘’"\'', (c) => c.charCodeAt(0)));

const key = (node: number, code: number): number => node * 0x10000 + code;

export function buildMapTrieMatcher(entries: readonly TermFormsOf[]): MapTrieMatcher {
  const edges = new Map<number, number>();
  const terminals = new Map<number, number>();
  const termIds: string[] = [];
  let nodes = 1;
  for (const entry of entries) {
    const termIndex = termIds.push(entry.id) - 1;
    for (const form of entry.forms) {
      let node = 1;
      for (let i = 0; i < form.length; i++) {
        const code = form.charCodeAt(i);
        if (isIgnorable(code)) continue;
        const k = key(node, foldCode(code));
        let next = edges.get(k);
        if (next === undefined) {
          next = ++nodes;
          edges.set(k, next);
        }
        node = next;
      }
      if (!terminals.has(node)) terminals.set(node, termIndex);
    }
  }
  return { edges, terminals, termIds };
}

export function matchTermsMapTrie(text: string, matcher: MapTrieMatcher): TermHit[] {
  const hits: TermHit[] = [];
  const { edges, terminals, termIds } = matcher;
  let start = 0;
  while (start < text.length) {
    let node = 1;
    let bestEnd = -1;
    let bestTerm = -1;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (i > start) {
        if (isIgnorable(code) || QUOTES.has(code)) continue;
        const pinyin = pinyinAnnotationLength(text, i);
        if (pinyin > 0) {
          i += pinyin - 1;
          continue;
        }
      }
      const next = edges.get(key(node, foldCode(code)));
      if (next === undefined) break;
      node = next;
      const term = terminals.get(node);
      if (term !== undefined) {
        bestEnd = i + 1;
        bestTerm = term;
      }
    }
    if (bestTerm >= 0) {
      hits.push({ termId: termIds[bestTerm]!, start, end: bestEnd });
      start = bestEnd;
    } else start++;
  }
  return hits;
}

/**
 * A plain flat trie, the benchmark's yardstick: the same Map, folded codes, leftmost-longest, and
 * nothing else (no zero-width characters, quotes or pinyin read through).
 */
export function matchTermsPlainTrie(text: string, matcher: MapTrieMatcher): number {
  const { edges, terminals } = matcher;
  let found = 0;
  let start = 0;
  while (start < text.length) {
    let node = 1;
    let bestEnd = -1;
    for (let i = start; i < text.length; i++) {
      const next = edges.get(key(node, foldCode(text.charCodeAt(i))));
      if (next === undefined) break;
      node = next;
      if (terminals.has(node)) bestEnd = i + 1;
    }
    if (bestEnd >= 0) {
      found++;
      start = bestEnd;
    } else start++;
  }
  return found;
}
