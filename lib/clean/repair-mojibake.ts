/**
 * Finds mojibake runs, the damage a wrong or shifted GBK decoding leaves in Chinese text
 * ("?!捌咭弧逼陂g" for “七一”期間), and repairs a run when re-decoding its bytes gives clean text.
 * Uses the platform's TextDecoder('gbk'), the same in Node and in browsers.
 */

export interface MojibakeRun {
  /** Offset of the run in the text it was found in. */
  offset: number;
  original: string;
  /** The re-decoded text, when a re-decoding was clean; the run is flagged otherwise. */
  repaired?: string;
}

/** Longest stretch after a stray "?" that is examined as one run. */
const MAX_RUN = 14;
/** A repair must read at least this well (share of common characters). */
const MIN_REPAIRED_QUALITY = 0.85;

let gbkTable: Map<string, number> | null = null;

/** Character → GBK code (two bytes as one number), built on first use from the platform decoder. */
function gbkEncodeTable(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const char = decoder.decode(pair);
      if (char.length === 1 && char !== '\ufffd' && !table.has(char))
        table.set(char, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

function encodeGbk(text: string): number[] | null {
  const table = gbkEncodeTable();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const gbk = table.get(char);
      if (gbk === undefined) return null;
      bytes.push(gbk >> 8, gbk & 0xff);
    }
  }
  return bytes;
}

/** How ordinary a character is: GB2312 level-1 hanzi and CJK punctuation read as clean text. */
function commonness(
  char: string,
  gbk: number | undefined,
  documentChars: ReadonlySet<string>,
): number {
  if (/[0-9]/.test(char)) return 1;
  if (gbk === undefined) return 0;
  const lead = gbk >> 8;
  const trail = gbk & 0xff;
  if (lead === 0xa1 || lead === 0xa3) return 1; // CJK and full-width punctuation
  if (trail >= 0xa1 && lead >= 0xb0 && lead <= 0xd7) return 1; // GB2312 level 1: the 3,755 common hanzi
  // Rarer characters (level 2, GBK extension with the Traditional forms) count when the rest of
  // the document uses them too.
  return documentChars.has(char) ? 0.9 : trail >= 0xa1 && lead >= 0xd8 && lead <= 0xf7 ? 0.4 : 0.2;
}

function quality(text: string, documentChars: ReadonlySet<string>): number {
  const table = gbkEncodeTable();
  const chars = [...text];
  if (chars.length === 0) return 0;
  let sum = 0;
  for (const char of chars) sum += commonness(char, table.get(char), documentChars);
  return sum / chars.length;
}

const NOISE = /^[?!\ufffd]+/;
const HAN = /[\u3400-\u9fff]/;
const RUN_END = /[,，。;；:：、\s]/;
// GBK lead bytes that a one-byte shift most often eats: the punctuation rows.
const LOST_LEAD_BYTES = [0xa1, 0xa3];

function tryRepair(body: string, documentChars: ReadonlySet<string>): string | undefined {
  const bytes = encodeGbk(body);
  if (!bytes) return undefined;
  const decoder = new TextDecoder('gbk');
  const candidates = [...LOST_LEAD_BYTES.map((lead) => [lead, ...bytes]), bytes.slice(1)];
  let best: { text: string; quality: number } | undefined;
  for (const candidate of candidates) {
    const text = decoder.decode(new Uint8Array(candidate));
    // Stray ASCII bytes or U+FFFD left over mean the bytes did not realign: not clean.
    // eslint-disable-next-line no-control-regex
    if (/[\ufffd\x00-\x2f\x3a-\x7f]/.test(text)) continue;
    const q = quality(text, documentChars);
    if (!best || q > best.quality) best = { text, quality: q };
  }
  if (!best || best.quality < MIN_REPAIRED_QUALITY) return undefined;
  return best.quality > quality(body, documentChars) + 0.15 ? best.text : undefined;
}

/**
 * A shifted "。“…" reads as "?!…": 。 is A1 A3 and the next punctuation starts with A1, so the
 * shift pairs A3 with that A1 as a full-width "！" (A3 A1, often folded to "!") and leaves A1 of 。
 * as a stray "?". When the noise ends so and the repair starts in the A1 row (its lead byte the
 * one the "！" took), the full stop was there.
 */
function lostFullStop(noise: string, repaired: string): boolean {
  if (!/[?\ufffd][!！]$/.test(noise)) return false;
  const first = gbkEncodeTable().get(repaired[0] ?? '');
  return first !== undefined && first >> 8 === 0xa1;
}

/** Finds mojibake runs in a Chinese text and repairs those that re-decode cleanly. */
export function findMojibake(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  const suspect = /[?\ufffd]/g;
  let match: RegExpExecArray | null;
  let documentChars: Set<string> | null = null;
  while ((match = suspect.exec(text))) {
    const start = match.index;
    // A stray "?" only signals damage next to Han text: Chinese writes the full-width "？".
    const around = text.slice(Math.max(0, start - 2), start + 3);
    if (!HAN.test(around)) continue;
    let end = start + 1;
    while (end < text.length && end - start < MAX_RUN && !RUN_END.test(text[end] ?? '')) end++;
    const original = text.slice(start, end);
    documentChars ??= new Set(text.slice(0, start) + text.slice(start + MAX_RUN));
    const body = original.replace(NOISE, '');
    let repaired = body ? tryRepair(body, documentChars) : undefined;
    if (repaired && lostFullStop(original.slice(0, original.length - body.length), repaired))
      repaired = `。${repaired}`;
    runs.push(repaired ? { offset: start, original, repaired } : { offset: start, original });
    suspect.lastIndex = end;
  }
  return runs;
}

/** Replaces the repairable runs in a text; flagged runs stay as they are (nothing is lost). */
export function applyMojibakeRepairs(text: string, runs: readonly MojibakeRun[]): string {
  let out = '';
  let cursor = 0;
  for (const run of runs) {
    if (run.repaired === undefined) continue;
    out += text.slice(cursor, run.offset) + run.repaired;
    cursor = run.offset + run.original.length;
  }
  return out + text.slice(cursor);
}
