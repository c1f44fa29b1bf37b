import { foldCode, isIgnorable } from '../normalise/fold-script';
import type { GlossaryEntry } from '../glossary/glossary';
import { termForms } from '../glossary/term-forms';
import { pinyinAnnotationLength } from '../clean/strip-pinyin';

/** A recognised term in a text; end is exclusive, offsets are in the text that was matched. */
export interface TermHit {
  termId: string;
  start: number;
  end: number;
}

/**
 * A flat trie over the folded forms of all glossary terms: one Map keyed by node and code unit.
 * Folding makes Simplified, Traditional and variant spellings meet in the same path.
 */
export interface TermMatcher {
  readonly edges: Map<number, number>;
  /** Node → index into termIds for nodes that end a term. */
  readonly terminals: Map<number, number>;
  readonly termIds: readonly string[];
}

const QUOTES = new Set(Array.from('“”「」『』‘’"\'', (c) => c.charCodeAt(0)));

// Nodes are numbered from 1; a key is node * 2^16 + code unit, exact in a double.
const key = (node: number, code: number): number => node * 0x10000 + code;

/** Builds the matcher for a glossary. */
export function buildTermMatcher(entries: readonly GlossaryEntry[]): TermMatcher {
  return buildMatcherFromForms(entries.map((entry) => ({ id: entry.id, forms: termForms(entry) })));
}

/** The term ids and written forms a matcher needs: what the quick-start cache stores. */
export interface TermFormsOf {
  id: string;
  forms: readonly string[];
}

/** Builds a matcher from term ids and their forms. */
export function buildMatcherFromForms(entries: readonly TermFormsOf[]): TermMatcher {
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

/**
 * Finds terms in a text, leftmost-longest and without overlaps. Zero-width characters inside a
 * term (inserted by some sites) do not stop a match.
 */
export function matchTerms(text: string, matcher: TermMatcher): TermHit[] {
  const hits: TermHit[] = [];
  const { edges, terminals, termIds } = matcher;
  let start = 0;
  while (start < text.length) {
    let node = 1;
    let bestEnd = -1;
    let bestTerm = -1;
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Inside a term, zero-width characters, quotation marks and pasted pinyin do not break it:
      // “五星”支部, 高質(zhì)量發(fā)展.
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

/** Occurrences per term id. */
export function countTerms(hits: readonly TermHit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hit of hits) counts.set(hit.termId, (counts.get(hit.termId) ?? 0) + 1);
  return counts;
}
