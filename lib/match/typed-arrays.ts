/**
 * Growable typed arrays and a radix sort: the corpus indexes keep their numbers here rather than
 * in Maps and arrays of objects, so their memory is a few bytes per entry, bounded by what they
 * choose to keep, and never limited by a JS engine's collection sizes (V8 Maps stop at ~16.7 M).
 */

type UintArray = Uint32Array | Uint16Array;

/** A typed array that grows by doubling; `view()` is the filled part (no copy). */
class Growable<T extends UintArray> {
  protected data: T;
  length = 0;

  constructor(
    private readonly make: (length: number) => T,
    initial: T | number = 16,
  ) {
    if (typeof initial === 'number') this.data = make(Math.max(4, initial));
    else {
      this.data = initial.slice() as T;
      this.length = initial.length;
    }
  }

  /** Takes an array over as its filled part, without copying it. */
  protected takeOver(array: T): this {
    this.data = array;
    this.length = array.length;
    return this;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  pushAll(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** A copy of the filled part, for storing. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }

  private grow(needed: number): void {
    const next = this.make(Math.max(needed, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

export class GrowableUint32 extends Growable<Uint32Array> {
  constructor(initial: Uint32Array | number = 16) {
    super((n) => new Uint32Array(n), initial);
  }

  static adopt(array: Uint32Array): GrowableUint32 {
    return new GrowableUint32(0).takeOver(array);
  }
}

export class GrowableUint16 extends Growable<Uint16Array> {
  constructor(initial: Uint16Array | number = 16) {
    super((n) => new Uint16Array(n), initial);
  }

  static adopt(array: Uint16Array): GrowableUint16 {
    return new GrowableUint16(0).takeOver(array);
  }
}

/**
 * Sorts keys ascending and applies the same permutation to values (LSD radix sort, two 16-bit
 * passes, stable): linear time, ~10× faster than a comparison sort of packed doubles.
 */
export function sortPairs(keys: Uint32Array, values: Uint32Array): void {
  const n = keys.length;
  if (n < 2) return;
  let srcK: Uint32Array = keys;
  let srcV: Uint32Array = values;
  let dstK: Uint32Array = new Uint32Array(n);
  let dstV: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(srcK[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = srcK[i]!;
      const at = counts[(k >>> shift) & 0xffff]!++;
      dstK[at] = k;
      dstV[at] = srcV[i]!;
    }
    [srcK, dstK] = [dstK, srcK];
    [srcV, dstV] = [dstV, srcV];
  }
  // After two passes the sorted data is back in the caller's arrays.
}

/** First index in sorted `keys` whose value is ≥ target. */
export function lowerBound(keys: Uint32Array, target: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Strings as stored: their UTF-16 code units end to end, and where each starts (n + 1 offsets). */
export interface PackedStrings {
  codes: Uint16Array;
  offsets: Uint32Array;
}

/** Code units per String.fromCharCode call (its arguments go on the stack). */
const DECODE_CHUNK = 4096;

function decode(codes: Uint16Array, start: number, end: number): string {
  let text = '';
  for (let at = start; at < end; at += DECODE_CHUNK)
    text += String.fromCharCode.apply(
      null,
      codes.subarray(at, Math.min(end, at + DECODE_CHUNK)) as unknown as number[],
    );
  return text;
}

/** FNV-1a over UTF-16 code units, the same for a string and for its packed codes. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashCodes(codes: Uint16Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ codes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * A column of strings (ids, titles, sources…) that keeps what storage gave it packed, and decodes
 * an entry the first time it is asked for. Storage reads back two typed arrays almost for free,
 * where 100,000 separate strings take 30–75 ms to deserialise per column.
 */
export class StringColumn {
  private readonly codes: Uint16Array;
  private readonly offsets: Uint32Array;
  /** Entries decoded or written since: a hole is a packed entry not decoded yet. */
  private readonly strings: (string | undefined)[];

  constructor(packed?: PackedStrings) {
    this.codes = packed?.codes ?? new Uint16Array(0);
    this.offsets = packed?.offsets ?? Uint32Array.of(0);
    this.strings = new Array<string | undefined>(this.offsets.length - 1);
  }

  static from(strings: readonly string[]): StringColumn {
    const column = new StringColumn();
    for (const text of strings) column.push(text);
    return column;
  }

  get length(): number {
    return this.strings.length;
  }

  get(index: number): string {
    let text = this.strings[index];
    if (text === undefined) {
      text = decode(this.codes, this.offsets[index]!, this.offsets[index + 1]!);
      this.strings[index] = text;
    }
    return text;
  }

  push(text: string): number {
    return this.strings.push(text) - 1;
  }

  set(index: number, text: string): void {
    this.strings[index] = text;
  }

  /** The hash `SlotTable` files an entry under, read from the packed codes where it can. */
  hashOf(index: number): number {
    const text = this.strings[index];
    return text === undefined
      ? hashCodes(this.codes, this.offsets[index]!, this.offsets[index + 1]!)
      : hashString(text);
  }

  /** Whether entry `index` is `text`, without decoding it. */
  equals(index: number, text: string): boolean {
    const known = this.strings[index];
    if (known !== undefined) return known === text;
    const start = this.offsets[index]!;
    if (this.offsets[index + 1]! - start !== text.length) return false;
    for (let i = 0; i < text.length; i++)
      if (this.codes[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** Whether entries a and b are the same string (a's decoded for the comparison if b is). */
  same(a: number, b: number): boolean {
    const other = this.strings[b];
    if (other !== undefined) return this.equals(a, other);
    return this.equals(b, this.get(a));
  }

  /** All entries packed, for storing (packed entries are copied as they are, not decoded). */
  pack(): PackedStrings {
    const n = this.strings.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const text = this.strings[i];
      total += text === undefined ? this.offsets[i + 1]! - this.offsets[i]! : text.length;
    }
    const codes = new Uint16Array(total);
    const offsets = new Uint32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = at;
      const text = this.strings[i];
      if (text === undefined) {
        codes.set(this.codes.subarray(this.offsets[i]!, this.offsets[i + 1]!), at);
        at += this.offsets[i + 1]! - this.offsets[i]!;
      } else for (let k = 0; k < text.length; k++) codes[at++] = text.charCodeAt(k);
    }
    offsets[n] = at;
    return { codes, offsets };
  }
}

/**
 * Id → the latest slot holding it, over a column of ids: an open-addressing hash table in typed
 * arrays, built on the first lookup (a worker start that answers nothing by id builds nothing).
 * An id added again points to its new slot; whether a slot is still alive is the owner's to say.
 */
export class SlotTable {
  /** Slot + 1 per bucket (0: empty), and the hash of its id. */
  private slots: Uint32Array | null = null;
  private hashes = new Uint32Array(0);
  private filled = 0;

  constructor(private readonly ids: StringColumn) {}

  get(id: string): number | undefined {
    const slots = this.table();
    const mask = slots.length - 1;
    const hash = hashString(id);
    for (let b = hash & mask; slots[b] !== 0; b = (b + 1) & mask)
      if (this.hashes[b] === hash && this.ids.equals(slots[b]! - 1, id)) return slots[b]! - 1;
    return undefined;
  }

  /** Files a slot just pushed onto the column. */
  added(slot: number): void {
    if (this.slots) this.insert(slot, this.ids.hashOf(slot));
  }

  private table(): Uint32Array {
    if (!this.slots) {
      this.resize(Math.max(64, this.ids.length * 2));
      for (let slot = 0; slot < this.ids.length; slot++) this.insert(slot, this.ids.hashOf(slot));
    }
    return this.slots!;
  }

  private insert(slot: number, hash: number): void {
    const slots = this.slots!;
    const mask = slots.length - 1;
    let b = hash & mask;
    for (; slots[b] !== 0; b = (b + 1) & mask)
      if (this.hashes[b] === hash && this.ids.same(slots[b]! - 1, slot)) {
        slots[b] = slot + 1;
        return;
      }
    slots[b] = slot + 1;
    this.hashes[b] = hash;
    if (++this.filled * 2 > slots.length) this.resize(slots.length * 2);
  }

  /** A table of at least `size` buckets (a power of two), holding what the old one held. */
  private resize(size: number): void {
    const old = this.slots;
    const oldHashes = this.hashes;
    let buckets = 64;
    while (buckets < size) buckets *= 2;
    this.slots = new Uint32Array(buckets);
    this.hashes = new Uint32Array(buckets);
    this.filled = 0;
    if (old)
      for (let b = 0; b < old.length; b++)
        if (old[b] !== 0) this.insert(old[b]! - 1, oldHashes[b]!);
  }
}
