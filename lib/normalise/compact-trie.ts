/**
 * OpenCC's dictionary trie (opencc-js `Trie`: longest prefix match, unmatched characters and
 * ideographic description sequences copied) in typed arrays instead of a Map per node. The
 * Simplified → Traditional phrase table is ~50,000 entries: as Maps it takes ~200 ms and ~20 MB to
 * build; here it is a few MB, and a pre-built one (serializeTrie, written at build time) loads in a
 * few milliseconds. Matching is over UTF-16 code units, which for well-formed keys gives the same
 * matches as opencc-js's code points.
 */
export interface CompactTrie {
  /** Per node, the code unit on the edge into it (node 0 is the root). */
  readonly labels: Uint16Array;
  /** Node k's children are nodes childStart[k] … childStart[k + 1] − 1, sorted by label. */
  readonly childStart: Uint32Array;
  /** Per node: −1, or (value index << 1) | mark for a node that ends a key. */
  readonly terminal: Int32Array;
  /** Value i is values.slice(valueStart[i], valueStart[i + 1]). */
  readonly valueStart: Uint32Array;
  readonly values: string;
  /** The root's child for each first code unit (0: none). */
  readonly rootChild: Uint32Array;
}

/** A key's replacement and whether it is marked (e.g. a phrase that segments, in a fused table). */
export interface TrieEntry {
  value: string;
  marked: boolean;
}

/**
 * The entries of an OpenCC dictionary group ("key value|key value|…" each), as opencc-js's
 * `Trie.loadDictGroup` resolves them: within a dictionary the last line for a key wins, across the
 * group the first dictionary holding it wins. `marked` dictionaries mark their keys.
 */
export function dictGroupEntries(
  group: readonly { dict: string; marked?: boolean }[],
): Map<string, TrieEntry> {
  const entries = new Map<string, TrieEntry>();
  const marks = new Set<string>();
  for (const { dict, marked } of [...group].reverse()) {
    for (const line of dict.split('|')) {
      const [key, value] = line.split(' ');
      if (key === undefined || value === undefined)
        throw new TypeError(`not a dictionary line: ${line}`);
      entries.set(key, { value, marked: false });
      if (marked) marks.add(key);
    }
  }
  for (const key of marks) entries.get(key)!.marked = true;
  return entries;
}

/** Builds the trie of a set of entries (nodes in breadth-first order). */
export function buildTrie(entries: ReadonlyMap<string, TrieEntry>): CompactTrie {
  interface Building {
    children: Map<number, Building>;
    entry?: TrieEntry;
  }
  const root: Building = { children: new Map() };
  for (const [key, entry] of entries) {
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const unit = key.charCodeAt(i);
      let next = node.children.get(unit);
      if (!next) node.children.set(unit, (next = { children: new Map() }));
      node = next;
    }
    node.entry = entry;
  }
  const order: Building[] = [root];
  const labels: number[] = [0];
  const childStart: number[] = [];
  for (let k = 0; k < order.length; k++) {
    childStart.push(order.length);
    for (const [unit, child] of [...order[k]!.children].sort((a, b) => a[0] - b[0])) {
      order.push(child);
      labels.push(unit);
    }
  }
  childStart.push(order.length);
  const terminal = new Int32Array(order.length).fill(-1);
  const valueStart: number[] = [0];
  let values = '';
  order.forEach((node, k) => {
    if (!node.entry) return;
    terminal[k] = ((valueStart.length - 1) << 1) | (node.entry.marked ? 1 : 0);
    values += node.entry.value;
    valueStart.push(values.length);
  });
  return withRoot(
    Uint16Array.from(labels),
    Uint32Array.from(childStart),
    terminal,
    Uint32Array.from(valueStart),
    values,
  );
}

function withRoot(
  labels: Uint16Array,
  childStart: Uint32Array,
  terminal: Int32Array,
  valueStart: Uint32Array,
  values: string,
): CompactTrie {
  const rootChild = new Uint32Array(0x10000);
  for (let c = childStart[0]!; c < childStart[1]!; c++) rootChild[labels[c]!] = c;
  return { labels, childStart, terminal, valueStart, values, rootChild };
}

const MAGIC = 0x54434e57; // "WNCT"

/** The trie as bytes: a header of counts, then its arrays (little-endian, 4-byte aligned). */
export function serializeTrie(trie: CompactTrie): Uint8Array {
  const nodes = trie.labels.length;
  const valueCount = trie.valueStart.length;
  const valueUnits = trie.values.length;
  const header = 4 * 4;
  const size =
    header + 4 * (nodes + 1) + 4 * nodes + 4 * valueCount + align4(2 * nodes) + 2 * valueUnits;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  [MAGIC, nodes, valueCount, valueUnits].forEach((n, i) => view.setUint32(4 * i, n, true));
  let at = header;
  const put32 = (array: Uint32Array | Int32Array): void => {
    for (const n of array) {
      view.setUint32(at, n >>> 0, true);
      at += 4;
    }
  };
  put32(trie.childStart);
  put32(trie.terminal);
  put32(trie.valueStart);
  for (const unit of trie.labels) {
    view.setUint16(at, unit, true);
    at += 2;
  }
  at = align4(at);
  for (let i = 0; i < valueUnits; i++) {
    view.setUint16(at, trie.values.charCodeAt(i), true);
    at += 2;
  }
  return bytes;
}

/** Reads a trie written by serializeTrie (a copy of each array: the buffer may be unaligned). */
export function deserializeTrie(bytes: Uint8Array): CompactTrie {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not a Wenmai conversion table');
  const nodes = view.getUint32(4, true);
  const valueCount = view.getUint32(8, true);
  const valueUnits = view.getUint32(12, true);
  let at = 16;
  const read32 = <T extends Uint32Array | Int32Array>(
    make: (buffer: ArrayBuffer) => T,
    count: number,
  ): T => {
    const array = make(bytes.slice(at, at + 4 * count).buffer);
    at += 4 * count;
    return array;
  };
  const childStart = read32((b) => new Uint32Array(b), nodes + 1);
  const terminal = read32((b) => new Int32Array(b), nodes);
  const valueStart = read32((b) => new Uint32Array(b), valueCount);
  const labels = new Uint16Array(bytes.slice(at, at + 2 * nodes).buffer);
  at = align4(at + 2 * nodes);
  const values = new TextDecoder('utf-16le').decode(bytes.subarray(at, at + 2 * valueUnits));
  return withRoot(labels, childStart, terminal, valueStart, values);
}

const align4 = (n: number): number => (n + 3) & ~3;

/** A match: where it ends (exclusive) and its terminal (see CompactTrie.terminal). */
let matchEnd = 0;
let matchTerminal = -1;

/**
 * The longest key (or, with `markedOnly`, the longest marked key) starting at `from`; sets
 * matchEnd/matchTerminal and answers whether there is one (opencc-js's `matchPrefix`).
 */
function matchPrefix(trie: CompactTrie, s: string, from: number, markedOnly: boolean): boolean {
  const { labels, childStart, terminal } = trie;
  matchEnd = 0;
  let node = trie.rootChild[s.charCodeAt(from)]!;
  for (let j = from + 1; node !== 0; j++) {
    const t = terminal[node]!;
    if (t >= 0 && (!markedOnly || (t & 1) === 1)) {
      matchEnd = j;
      matchTerminal = t;
    }
    if (j >= s.length) break;
    const unit = s.charCodeAt(j);
    let lo = childStart[node]!;
    let hi = childStart[node + 1]! - 1;
    node = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const label = labels[mid]!;
      if (label === unit) {
        node = mid;
        break;
      }
      if (label < unit) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return matchEnd > 0;
}

const valueOf = (trie: CompactTrie, t: number): string =>
  trie.values.slice(trie.valueStart[t >> 1], trie.valueStart[(t >> 1) + 1]);

/** Replaces every longest match by its value (opencc-js's `Trie.convert`). */
export function convertWith(trie: CompactTrie, s: string): string {
  let out = '';
  let copyFrom = 0;
  for (let i = 0; i < s.length;) {
    if (matchPrefix(trie, s, i, false)) {
      const end = matchEnd;
      out += s.slice(copyFrom, i) + valueOf(trie, matchTerminal);
      i = copyFrom = end;
    } else i += unmatchedLength(s, i);
  }
  return copyFrom === 0 ? s : out + s.slice(copyFrom);
}

/**
 * Cuts a text at its longest matches (of marked keys only, with `markedOnly`), runs of unmatched
 * text between them kept whole (opencc-js's `Trie.segment`).
 */
export function segmentWith(trie: CompactTrie, s: string, markedOnly = false): string[] {
  const segments: string[] = [];
  let runFrom = -1;
  for (let i = 0; i < s.length;) {
    if (matchPrefix(trie, s, i, markedOnly)) {
      const end = matchEnd;
      if (runFrom >= 0) segments.push(s.slice(runFrom, i));
      runFrom = -1;
      segments.push(s.slice(i, end));
      i = end;
    } else {
      if (runFrom < 0) runFrom = i;
      i += unmatchedLength(s, i);
    }
  }
  if (runFrom >= 0) segments.push(s.slice(runFrom));
  return segments;
}

/** Which code units begin some key: a text with none of them is left as it is. */
export function firstUnits(trie: CompactTrie): Uint8Array {
  const first = new Uint8Array(0x10000);
  for (let c = trie.childStart[0]!; c < trie.childStart[1]!; c++) first[trie.labels[c]!] = 1;
  return first;
}

// As opencc-js: an unmatched character is one code point, or a whole ideographic description
// sequence (⿰氵青), whose parts are never converted on their own.

const codePointLength = (s: string, i: number): number => (s.codePointAt(i)! > 0xffff ? 2 : 1);

function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

function idsEnd(s: string, i: number): number {
  const arity = idsArity(s.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + codePointLength(s, i);
  for (let n = 0; n < arity; n++) {
    if (end >= s.length) return 0;
    const childEnd = idsEnd(s, end);
    end = childEnd || end + codePointLength(s, end);
  }
  return end;
}

function unmatchedLength(s: string, i: number): number {
  const unit = s.charCodeAt(i);
  // Fast path: not an ideographic description character nor a surrogate.
  if (unit < 0x2ff0 || (unit > 0x2fff && unit < 0xd800) || unit > 0xdfff) return 1;
  const end = idsEnd(s, i);
  return end > i ? end - i : codePointLength(s, i);
}
