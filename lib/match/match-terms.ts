import { foldCode, foldSources, foldTableArray, isIgnorable } from '../normalise/fold-script';
import type { GlossaryEntry } from '../glossary/glossary';
import { termForms } from '../glossary/term-forms';
import { pinyinAnnotationLength } from '../clean/strip-pinyin';

/** A recognised term in a text; end is exclusive, offsets are in the text that was matched. */
export interface TermHit {
  termId: string;
  start: number;
  end: number;
}

/** The term ids and written forms a matcher needs (and the longer words that are not the term). */
export interface TermFormsOf {
  id: string;
  forms: readonly string[];
  /**
   * Longer words that contain one of the forms and mean something else: 组织部署 for 组织部,
   * 共青团二十大 for 二十大. A form is not matched where the text around it spells such a word.
   */
  blockedIn?: readonly string[];
  /**
   * Longer phrases outside which a form is not the term: 首要任务 is the formula only in
   * 高质量发展是全面建设社会主义现代化国家的首要任务 and its variants, an everyday phrase elsewhere. A
   * form that has such phrases is matched only where the text around it spells one of them.
   */
  onlyIn?: readonly string[];
}

export interface MatcherOptions {
  /**
   * Clause punctuation or spaces inside a form (不忘初心、牢记使命) match any run of clause
   * punctuation and spaces in the text, or none (不忘初心 牢记使命, 不忘初心牢记使命). On by default;
   * off, a form's punctuation is matched like any other character (after folding), as the first
   * matcher did.
   */
  clauseBreaks?: boolean;
}

/**
 * Text around a form that makes it part of another word (folded, zero-width characters removed),
 * or, with `only`, one of the phrases outside which the form is not the term.
 */
export interface BlockedContext {
  before: string;
  after: string;
  only?: boolean;
}

/**
 * The glossary's forms compiled into a trie laid out in typed arrays (see lib/match/README.md):
 *   - each code unit is folded (Traditional/variant → Simplified, full-width → ASCII) and mapped to
 *     a small alphabet in one read of `classOf`, which also flags the characters a term reads
 *     through (zero-width characters, quotes, "(" of pasted pinyin, clause punctuation);
 *   - transitions are a double array: from node s on class c the next node is t = base[s] + c
 *     when check[t] >> 1 === s (its low bit says whether t ends a form), two array reads; a position
 *     whose character starts no term costs three;
 *   - built as a breadth-first trie (nodes numbered from the root, a node's children one run of
 *     edges sorted by class), then laid out as a double array, first fit; the pre-built file holds
 *     the double array itself, so reading it is a few copies.
 * Built from forms at run time (the reader's own glossary) or read from the pre-built file the
 * corpus build writes (readMatcher); both give the same arrays.
 */
export interface TermMatcher {
  readonly termIds: readonly string[];
  /** Folded code unit of each class; class k is alphabet[k - 1] (0 = in no term). */
  readonly alphabet: Uint16Array;
  /** Double array, indexed by slot: base offset of each node's children. */
  readonly base: Int32Array;
  /** Double array: parent slot × 2 of the node in each slot, + 1 if it ends a form (0 = free). */
  readonly check: Int32Array;
  /** Per slot: term index + 1 for nodes that end a form, else 0. */
  readonly terminal: Int32Array;
  /** Per slot: 1 for nodes after which a form had clause punctuation. */
  readonly clauseBreak: Uint8Array;
  readonly classOf: Int32Array;
  /**
   * Per slot that ends a form: the contexts that block the form there (most have none). Per form,
   * not per term: 组织部署 blocks 组织部 but not 组织部门, another form of the same term.
   */
  readonly blocked: ReadonlyMap<number, readonly BlockedContext[]>;
  readonly clauseBreaks: boolean;
  /** True when it holds only some of the glossary's terms (the detector's first-screen matcher). */
  readonly partial: boolean;
}

const QUOTE_CHARS = '“”「」『』‘’"\'';
const IGNORABLE_CHARS = '\u200b\u200c\u200d\ufeff\u00ad\u2060';
/** What may stand between the clauses of a multi-clause term. */
const CLAUSE_SEPARATORS = '、，,；;：: \u3000\u00a0\t\n\r';

// classOf holds the class in its low 16 bits and these flags above.
const CLASS_MASK = 0xffff;
/** Read through inside a term: zero-width characters and quotation marks (“五星”支部). */
const SKIP = 1 << 20;
/** May open a pasted pinyin annotation: 高質(zhì)量. */
const PAREN = 1 << 21;
/** Clause punctuation or space: read through at a clause break of a multi-clause form. */
const SEPARATOR = 1 << 22;
const SPECIAL = SKIP;

const SEPARATOR_CODES = new Set(Array.from(CLAUSE_SEPARATORS, (c) => c.charCodeAt(0)));
const isSeparator = (code: number): boolean => SEPARATOR_CODES.has(code);
const NO_BREAKS: ReadonlySet<number> = new Set();

/** What the matcher reads of glossary entries: each one's forms and the contexts that bound them. */
export function matcherForms(entries: readonly GlossaryEntry[]): TermFormsOf[] {
  return entries.map((entry) => ({
    id: entry.id,
    forms: termForms(entry),
    blockedIn: entry.blockedIn,
    onlyIn: entry.onlyIn,
  }));
}

/** Builds the matcher for a glossary. */
export function buildTermMatcher(
  entries: readonly GlossaryEntry[],
  options: MatcherOptions = {},
): TermMatcher {
  return buildMatcherFromForms(matcherForms(entries), options);
}

/** A form as the trie stores it: folded code units, and where clause breaks fall. */
function pathOf(
  form: string,
  clauseBreaks: boolean,
): { codes: number[]; breaks: ReadonlySet<number> } {
  const codes: number[] = [];
  let breaks: Set<number> | null = null;
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    if (isIgnorable(code)) continue;
    if (clauseBreaks && isSeparator(code)) {
      // A break after the codes read so far (never at the start).
      if (codes.length > 0) (breaks ??= new Set()).add(codes.length);
      continue;
    }
    codes.push(foldCode(code));
  }
  breaks?.delete(codes.length); // trailing punctuation is no break
  return { codes, breaks: breaks ?? NO_BREAKS };
}

const foldedWord = (word: string, clauseBreaks: boolean): string =>
  String.fromCharCode(...pathOf(word, clauseBreaks).codes);

/**
 * The contexts a longer word puts around the forms it contains (every occurrence of every form),
 * or [] when it contains none or is no longer than the form: then it blocks nothing.
 */
export function blockedContexts(
  word: string,
  forms: readonly string[],
  clauseBreaks = true,
): BlockedContext[] {
  const folded = foldedWord(word, clauseBreaks);
  const contexts: BlockedContext[] = [];
  for (const form of forms) {
    const f = foldedWord(form, clauseBreaks);
    if (f.length === 0 || f.length >= folded.length) continue;
    for (let at = folded.indexOf(f); at >= 0; at = folded.indexOf(f, at + 1)) {
      contexts.push({ before: folded.slice(0, at), after: folded.slice(at + f.length) });
    }
  }
  return contexts;
}

/** Builds a matcher from term ids and their forms. */
export function buildMatcherFromForms(
  entries: readonly TermFormsOf[],
  options: MatcherOptions = {},
): TermMatcher {
  const clauseBreaks = options.clauseBreaks ?? true;
  // A scratch trie: one Map keyed by node and folded code (as the first matcher had), and the
  // codes leaving each node in insertion order.
  const edges = new Map<number, number>();
  const childCodes: number[][] = [[], []];
  const terminalOf: number[] = [0, 0];
  const breakAt: boolean[] = [false, false];
  const termIds: string[] = [];
  /** Scratch node where a form ends → the contexts that block that form. */
  const blockedAt = new Map<number, BlockedContext[]>();
  const used = new Set<number>();
  for (const entry of entries) {
    const termIndex = termIds.push(entry.id) - 1;
    for (const form of entry.forms) {
      const { codes, breaks } = pathOf(form, clauseBreaks);
      let node = 1;
      for (let i = 0; i < codes.length; i++) {
        if (breaks.size > 0 && breaks.has(i)) breakAt[node] = true;
        const code = codes[i]!;
        const key = node * 0x10000 + code;
        let next = edges.get(key);
        if (next === undefined) {
          next = childCodes.push([]) - 1;
          terminalOf.push(0);
          breakAt.push(false);
          edges.set(key, next);
          childCodes[node]!.push(code);
          used.add(code);
        }
        node = next;
      }
      if (node !== 1 && terminalOf[node] === 0) terminalOf[node] = termIndex + 1;
      if (!entry.blockedIn?.length && !entry.onlyIn?.length) continue;
      const contexts = [
        ...(entry.blockedIn ?? []).flatMap((word) => blockedContexts(word, [form], clauseBreaks)),
        ...(entry.onlyIn ?? []).flatMap((phrase) =>
          blockedContexts(phrase, [form], clauseBreaks).map((c) => ({ ...c, only: true })),
        ),
      ];
      if (node !== 1 && contexts.length > 0) {
        // Forms that fold alike (Simplified, Traditional) end at one node: each context once.
        const known = blockedAt.get(node) ?? [];
        for (const c of contexts)
          if (!known.some((k) => k.before === c.before && k.after === c.after && k.only === c.only))
            known.push(c);
        blockedAt.set(node, known);
      }
    }
  }

  // The alphabet: every folded code on some path, in code order.
  const alphabet = Uint16Array.from(used).sort();
  const classByCode = new Uint16Array(0x10000);
  alphabet.forEach((code, i) => (classByCode[code] = i + 1));

  // Breadth-first renumbering: node 1 is the root, and the e-th edge leads to node e + 2.
  const nodeCount = childCodes.length - 1;
  const degree = new Uint16Array(nodeCount + 1);
  const edgeClass = new Uint16Array(Math.max(0, nodeCount - 1));
  const terminals: number[] = [];
  const breakNodes: number[] = [];
  const blockedNodes: [number, BlockedContext[]][] = [];
  const queue = new Int32Array(nodeCount);
  queue[0] = 1;
  for (let head = 0, tail = 1, edge = 0; head < tail; head++) {
    const old = queue[head]!;
    const node = head + 1;
    if (terminalOf[old]) terminals.push(node, terminalOf[old]! - 1);
    if (breakAt[old]) breakNodes.push(node);
    const contexts = blockedAt.get(old);
    if (contexts) blockedNodes.push([node, contexts]);
    const kids = childCodes[old]!;
    // Sorting codes sorts classes: classes follow code order.
    if (kids.length > 1) kids.sort((a, b) => a - b);
    degree[node] = kids.length;
    for (const code of kids) {
      edgeClass[edge++] = classByCode[code]!;
      queue[tail++] = edges.get(old * 0x10000 + code)!;
    }
  }
  const { base, check, slotOf, size } = layOut(degree, edgeClass, alphabet.length);
  // The terminal bit rides on the check, so a transition needs no third array read.
  const termOfSlot = new Map<number, number>();
  for (let i = 0; i < terminals.length; i += 2) {
    const slot = slotOf[terminals[i]!]!;
    check[slot]! |= 1;
    termOfSlot.set(slot, terminals[i + 1]!);
  }
  return finish({
    termIds,
    alphabet,
    base: base.subarray(0, size),
    check: check.subarray(0, size),
    terminalTerms: [...termOfSlot.keys()]
      .sort((a, b) => a - b)
      .map((slot) => termOfSlot.get(slot)!),
    breakSlots: breakNodes.map((node) => slotOf[node]!),
    blocked: new Map(blockedNodes.map(([node, contexts]) => [slotOf[node]!, contexts])),
    clauseBreaks,
  });
}

/** What a matcher is made from: built from forms, or read from the pre-built file. */
interface MatcherParts {
  termIds: string[];
  alphabet: Uint16Array;
  /** The double array, up to the last slot in use. */
  base: ArrayLike<number>;
  check: ArrayLike<number>;
  /**
   * The term index of each slot that ends a form, in slot order; those slots have the low bit of
   * their check set.
   */
  terminalTerms: ArrayLike<number>;
  /** Slots after which a form had clause punctuation. */
  breakSlots: ArrayLike<number>;
  blocked: ReadonlyMap<number, readonly BlockedContext[]>;
  clauseBreaks: boolean;
  partial?: boolean;
}

/** The root's slot in the double array (slot 0 stays free: check 0 means "no parent"). */
const ROOT = 1;

/** A free slot tried this often as a first child's place, and never fitting, is passed over. */
const MAX_TRIES = 16;

/**
 * Lays the breadth-first trie out as a double array, first fit over a list of free slots (the
 * slots that keep failing leave the list, as in darts-clone, so the layout stays linear).
 */
function layOut(
  degree: Uint16Array,
  edgeClass: Uint16Array,
  alphabetSize: number,
): { base: Int32Array; check: Int32Array; slotOf: Int32Array; size: number } {
  const nodeCount = degree.length - 1;
  let size = 0;
  let base = new Int32Array(0);
  let check = new Int32Array(0);
  let next = new Int32Array(0);
  let prev = new Int32Array(0);
  let tries = new Uint8Array(0);
  let head = -1;
  let tail = -1;
  const unlink = (slot: number): void => {
    if (tries[slot] === 255) return;
    tries[slot] = 255;
    const p = prev[slot]!;
    const n = next[slot]!;
    if (p >= 0) next[p] = n;
    else head = n;
    if (n >= 0) prev[n] = p;
    else tail = p;
  };
  /** Grows the arrays to hold `wanted` slots (and room for any class past the last), linking the new ones. */
  const grow = (wanted: number): void => {
    const grown = Math.max(wanted + alphabetSize + 1, size * 2, 64);
    const extend = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const array = make(grown);
      array.set(old);
      return array;
    };
    base = extend(base, (n) => new Int32Array(n));
    check = extend(check, (n) => new Int32Array(n));
    next = extend(next, (n) => new Int32Array(n));
    prev = extend(prev, (n) => new Int32Array(n));
    tries = extend(tries, (n) => new Uint8Array(n));
    for (let slot = Math.max(size, ROOT + 1); slot < grown; slot++) {
      prev[slot] = tail;
      next[slot] = -1;
      if (tail >= 0) next[tail] = slot;
      else head = slot;
      tail = slot;
    }
    size = grown;
  };
  grow(nodeCount + alphabetSize + 2);
  const slotOf = new Int32Array(nodeCount + 1);
  let used = ROOT + 1;
  slotOf[1] = ROOT;
  check[ROOT] = -1;
  tries[ROOT] = 255;
  for (let node = 1, edge = 0; node <= nodeCount; node++) {
    const count = degree[node]!;
    if (count === 0) continue;
    const first = edgeClass[edge]!;
    const last = edgeClass[edge + count - 1]!;
    let b = 0;
    for (let p = head; ;) {
      if (p < 0) {
        const from = size;
        grow(size + last + 1);
        p = Math.max(from, ROOT + 1);
        continue;
      }
      b = p - first;
      const following = next[p]!;
      if (b >= 1) {
        if (b + last + alphabetSize + 1 >= size) grow(b + last + 1);
        let fits = true;
        for (let e = edge + 1; e < edge + count; e++) {
          if (check[b + edgeClass[e]!] !== 0) {
            fits = false;
            break;
          }
        }
        if (fits) break;
        if (++tries[p]! >= MAX_TRIES) unlink(p);
      }
      p = following;
    }
    const parent = slotOf[node]!;
    base[parent] = b;
    for (let e = edge; e < edge + count; e++) {
      const slot = b + edgeClass[e]!;
      check[slot] = parent << 1;
      unlink(slot);
      slotOf[e + 2] = slot;
      if (slot >= used) used = slot + 1;
    }
    edge += count;
  }
  return { base, check, slotOf, size: used };
}

/**
 * The matcher from its parts: the double array with room past its last slot for any class (so a
 * transition never reads out of bounds), the per-slot terminal and clause-break arrays, and the
 * class table.
 */
function finish(parts: MatcherParts): TermMatcher {
  const { alphabet, clauseBreaks } = parts;
  const size = parts.base.length + alphabet.length + 1;
  const base = new Int32Array(size);
  base.set(parts.base);
  const check = new Int32Array(size);
  check.set(parts.check);
  check[ROOT] = -1;
  const terminal = new Int32Array(size);
  for (let slot = 0, t = 0; slot < parts.check.length; slot++)
    if (check[slot]! > 0 && (check[slot]! & 1) !== 0)
      terminal[slot] = parts.terminalTerms[t++]! + 1;
  const clauseBreak = new Uint8Array(size);
  for (let i = 0; i < parts.breakSlots.length; i++) clauseBreak[parts.breakSlots[i]!] = 1;

  // One read per character: the class of its folded form, with the read-through flags. Filled
  // from the alphabet and the code units that fold to something else (a few thousand), not by
  // folding all 65,536: this runs in the detector, on code the engine has not optimised yet.
  // Folding is idempotent (what a code unit folds to never folds further: tested), so the
  // classes of folded forms are read in place, without a 256 KB copy of the table.
  const classOf = new Int32Array(0x10000);
  alphabet.forEach((code, i) => (classOf[code] = i + 1));
  const fold = foldTableArray();
  for (const code of foldSources()) classOf[code] = classOf[fold[code]!]!;
  for (const c of QUOTE_CHARS + IGNORABLE_CHARS) classOf[c.charCodeAt(0)]! |= SKIP;
  classOf[0x28]! |= PAREN;
  classOf[0xff08]! |= PAREN;
  if (clauseBreaks) for (const c of CLAUSE_SEPARATORS) classOf[c.charCodeAt(0)]! |= SEPARATOR;

  return {
    termIds: parts.termIds,
    alphabet,
    base,
    check,
    terminal,
    clauseBreak,
    classOf,
    blocked: parts.blocked,
    clauseBreaks,
    partial: parts.partial ?? false,
  };
}

/** Up to this many forms may end along one path (forms are at most 40 characters). */
const MAX_CANDIDATES = 64;
const candidateEnd = new Int32Array(MAX_CANDIDATES);
const candidateTerm = new Int32Array(MAX_CANDIDATES);
const candidateSlot = new Int32Array(MAX_CANDIDATES);
/** Hits as (term index, start, end) triples, reused from call to call and grown as needed. */
let scratch = new Int32Array(3 * 1024);

/**
 * Finds terms in a text, leftmost-longest and without overlaps, as (term index, start, end)
 * triples in `scratch`; returns how many. Zero-width characters, quotation marks and pasted pinyin
 * inside a term do not stop a match (“五星”支部, 高質(zhì)量發(fā)展), nor does clause punctuation where a
 * form has some. A form is skipped where the text around it spells one of the term's blocked words
 * (then a shorter form at the same place may still match).
 */
function scan(text: string, matcher: TermMatcher): number {
  const { classOf, base, check, terminal, clauseBreak, blocked } = matcher;
  const rootBase = base[ROOT]!;
  const length = text.length;
  let count = 0;
  let start = 0;
  while (start < length) {
    let node = rootBase + (classOf[text.charCodeAt(start)]! & CLASS_MASK);
    const rootCheck = check[node]!;
    if (rootCheck >> 1 !== ROOT) {
      start++;
      continue;
    }
    let found = 0;
    if ((rootCheck & 1) !== 0) {
      candidateEnd[0] = start + 1;
      candidateTerm[0] = terminal[node]! - 1;
      candidateSlot[0] = node;
      found = 1;
    }
    for (let i = start + 1; i < length; i++) {
      const k = classOf[text.charCodeAt(i)]!;
      if (k >= SPECIAL) {
        if ((k & SKIP) !== 0) continue;
        if ((k & SEPARATOR) !== 0 && clauseBreak[node] !== 0) continue;
        if ((k & PAREN) !== 0) {
          const pinyin = pinyinAnnotationLength(text, i);
          if (pinyin > 0) {
            i += pinyin - 1;
            continue;
          }
        }
      }
      const cls = k & CLASS_MASK;
      if (cls === 0) break;
      const next = base[node]! + cls;
      const parent = check[next]!;
      if (parent >> 1 !== node) break;
      node = next;
      if ((parent & 1) !== 0 && found < MAX_CANDIDATES) {
        candidateEnd[found] = i + 1;
        candidateSlot[found] = node;
        candidateTerm[found++] = terminal[node]! - 1;
      }
    }
    let hit = found - 1;
    while (hit >= 0) {
      const contexts = blocked.size > 0 ? blocked.get(candidateSlot[hit]!) : undefined;
      if (!contexts || !isBlocked(text, start, candidateEnd[hit]!, contexts)) break;
      hit--;
    }
    if (hit < 0) {
      start++;
      continue;
    }
    if (3 * count + 3 > scratch.length) {
      const grown = new Int32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    const end = candidateEnd[hit]!;
    scratch[3 * count] = candidateTerm[hit]!;
    scratch[3 * count + 1] = start;
    scratch[3 * count + 2] = end;
    count++;
    start = end;
  }
  return count;
}

/**
 * Finds terms in a text, leftmost-longest and without overlaps (see scan for what a term reads
 * through and what blocks it).
 */
export function matchTerms(text: string, matcher: TermMatcher): TermHit[] {
  const count = scan(text, matcher);
  const hits: TermHit[] = new Array<TermHit>(count);
  for (let h = 0; h < count; h++) {
    hits[h] = {
      termId: matcher.termIds[scratch[3 * h]!]!,
      start: scratch[3 * h + 1]!,
      end: scratch[3 * h + 2]!,
    };
  }
  return hits;
}

/**
 * The same hits as matchTerms, packed as (term index into matcher.termIds, start, end) triples:
 * no object per hit, for callers that only count or index them.
 */
export function matchTermsPacked(text: string, matcher: TermMatcher): Int32Array {
  return scratch.slice(0, 3 * scan(text, matcher));
}

/** Occurrences per term id in a text: countTerms(matchTerms(text)) without an object per hit. */
export function countTermsIn(text: string, matcher: TermMatcher): Map<string, number> {
  const count = scan(text, matcher);
  const perTerm = new Int32Array(matcher.termIds.length);
  for (let h = 0; h < count; h++) perTerm[scratch[3 * h]!]!++;
  const counts = new Map<string, number>();
  for (let h = 0; h < count; h++) {
    const term = scratch[3 * h]!;
    if (perTerm[term]! > 0) {
      counts.set(matcher.termIds[term]!, perTerm[term]!);
      perTerm[term] = 0;
    }
  }
  return counts;
}

/**
 * True when the text around [start, end) spells one of the blocking contexts, or the form has
 * `only` contexts and the text spells none of them (folded, zero-width read through).
 */
function isBlocked(
  text: string,
  start: number,
  end: number,
  contexts: readonly BlockedContext[],
): boolean {
  let onlyIn = false;
  let inside = false;
  for (const { before, after, only } of contexts) {
    const spelled = precededBy(text, start, before) && followedBy(text, end, after);
    if (!only) {
      if (spelled) return true;
    } else {
      onlyIn = true;
      inside ||= spelled;
    }
  }
  return onlyIn && !inside;
}

function precededBy(text: string, start: number, before: string): boolean {
  let i = start - 1;
  for (let k = before.length - 1; k >= 0; k--, i--) {
    while (i >= 0 && isIgnorable(text.charCodeAt(i))) i--;
    if (i < 0 || foldCode(text.charCodeAt(i)) !== before.charCodeAt(k)) return false;
  }
  return true;
}

function followedBy(text: string, end: number, after: string): boolean {
  let i = end;
  for (let k = 0; k < after.length; k++, i++) {
    while (i < text.length && isIgnorable(text.charCodeAt(i))) i++;
    if (i >= text.length || foldCode(text.charCodeAt(i)) !== after.charCodeAt(k)) return false;
  }
  return true;
}

/** Occurrences per term id. */
export function countTerms(hits: readonly TermHit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hit of hits) counts.set(hit.termId, (counts.get(hit.termId) ?? 0) + 1);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The pre-built file (public/quick/terms.bin): what the detector reads on a Chinese page instead
// of compiling term forms into itself. Little-endian, as typed arrays are on every platform a
// browser runs on (the magic number catches any other).

const MAGIC = 0x41544d57; // "WMTA"
const FILE_VERSION = 1;
const HEADER_WORDS = 8;

const pad4 = (bytes: number): number => (bytes + 3) & ~3;

export interface SerializeOptions {
  /** Leave the term ids out (a matcher that only paints, like the detector's, never names terms). */
  withoutIds?: boolean;
  /** Mark the matcher as holding only some of the glossary's terms (TermMatcher.partial). */
  partial?: boolean;
}

// Header flags.
const CLAUSE_BREAKS = 1;
const PARTIAL = 2;
/** Double array, terminals and breaks in 16 bits: matchers under 32,767 slots (most). */
const NARROW = 4;
const WITHOUT_IDS = 8;

/** The matcher as bytes, for readMatcher. */
export function serializeMatcher(matcher: TermMatcher, options: SerializeOptions = {}): Uint8Array {
  // The double array up to its last slot in use (finish added room for classes past it).
  const slots = matcher.base.length - matcher.alphabet.length - 1;
  const terminals: number[] = [];
  const breakSlots: number[] = [];
  for (let slot = 0; slot < slots; slot++) {
    if (matcher.terminal[slot] !== 0) terminals.push(matcher.terminal[slot]! - 1);
    if (matcher.clauseBreak[slot] !== 0) breakSlots.push(slot);
  }
  const narrow = slots < 0x7fff && matcher.termIds.length < 0xffff;
  const Ints = narrow ? Uint16Array : Int32Array;
  const meta = new TextEncoder().encode(
    JSON.stringify({
      termIds: options.withoutIds ? matcher.termIds.length : matcher.termIds,
      blocked: [...matcher.blocked].map(([slot, contexts]) => [
        slot,
        contexts.map((c) => (c.only ? [c.before, c.after, 1] : [c.before, c.after])),
      ]),
    }),
  );
  const sections: ArrayBufferView[] = [
    matcher.alphabet,
    Ints.from(matcher.base.subarray(0, slots)),
    // The root's check (-1) would not fit 16 bits: finish sets it again.
    Ints.from(matcher.check.subarray(0, slots).map((c) => Math.max(c, 0))),
    Ints.from(terminals),
    Ints.from(breakSlots),
    meta,
  ];
  const size = HEADER_WORDS * 4 + sections.reduce((n, s) => n + pad4(s.byteLength), 0);
  const bytes = new Uint8Array(size);
  const header = new Uint32Array(bytes.buffer, 0, HEADER_WORDS);
  header.set([
    MAGIC,
    FILE_VERSION,
    matcher.alphabet.length,
    slots,
    terminals.length,
    breakSlots.length,
    meta.byteLength,
    (matcher.clauseBreaks ? CLAUSE_BREAKS : 0) |
      (options.partial ? PARTIAL : 0) |
      (narrow ? NARROW : 0) |
      (options.withoutIds ? WITHOUT_IDS : 0),
  ]);
  let offset = HEADER_WORDS * 4;
  for (const section of sections) {
    bytes.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), offset);
    offset += pad4(section.byteLength);
  }
  return bytes;
}

/** Reads a matcher written by serializeMatcher; throws on anything else. */
export function readMatcher(buffer: ArrayBuffer): TermMatcher {
  if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('term matcher file: too short');
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (header[0] !== MAGIC || header[1] !== FILE_VERSION)
    throw new Error('term matcher file: not a Wenmai term matcher of this version');
  const [, , alphabetLength, slots, terminalLength, breakLength, metaLength, flags] =
    header as unknown as number[];
  const width = (flags! & NARROW) !== 0 ? 2 : 4;
  let offset = HEADER_WORDS * 4;
  const take = <T>(make: (offset: number) => T, bytes: number): T => {
    if (offset + bytes > buffer.byteLength) throw new Error('term matcher file: truncated');
    const view = make(offset);
    offset += pad4(bytes);
    return view;
  };
  const ints = (length: number): Uint16Array | Int32Array =>
    take(
      (o) => (width === 2 ? new Uint16Array(buffer, o, length) : new Int32Array(buffer, o, length)),
      length * width,
    );
  const alphabet = take((o) => new Uint16Array(buffer, o, alphabetLength!), alphabetLength! * 2);
  const base = ints(slots!);
  const check = ints(slots!);
  const terminals = ints(terminalLength!);
  const breakSlots = ints(breakLength!);
  const meta = JSON.parse(
    new TextDecoder().decode(take((o) => new Uint8Array(buffer, o, metaLength!), metaLength!)),
  ) as { termIds: string[] | number; blocked: [number, [string, string, 1?][]][] };
  const termIds =
    typeof meta.termIds === 'number' ? new Array<string>(meta.termIds).fill('') : meta.termIds;
  const blocked = new Map(
    meta.blocked.map(([slot, contexts]) => [
      slot,
      contexts.map(([before, after, only]) =>
        only ? { before, after, only: true } : { before, after },
      ),
    ]),
  );
  return finish({
    termIds,
    alphabet,
    base,
    check,
    terminalTerms: terminals,
    breakSlots,
    blocked,
    clauseBreaks: (flags! & CLAUSE_BREAKS) !== 0,
    partial: (flags! & PARTIAL) !== 0,
  });
}
