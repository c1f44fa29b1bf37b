import type { GlossaryEntry, TermCategory } from '../glossary/glossary';
import { termForms } from '../glossary/term-forms';
import { compactForMatch } from '../normalise/fold-script';
import { hashRange } from './hash';
import { SHINGLE_SIZE } from './shingles';

/** The glossary's vocabulary of exhortation: its formulas, slogans and concepts (两个维护, 共建共治共享). */
export const EXHORTATION: ReadonlySet<TermCategory> = new Set(['formula', 'slogan', 'concept']);
/** The glossary's vocabulary of measures: its programmes, policies and local brands (以旧换新, 千万工程). */
const MEASURES: ReadonlySet<TermCategory> = new Set(['programme', 'policy', 'local-brand']);

/**
 * A shared run whose adjacent characters are on average this much likelier (natural log) in the
 * glossary's exhortations than in its measures reads as a stock phrase (把人民放在心中最高位置,
 * 坚持好运用好贯穿其中的立场观点方法), not as a reused measure. Tuned on
 * tests/fixtures/passage-pairs.yaml with `npm run corpus:quality` (0.25–0.4 all give ≥ 0.8 / 0.8).
 */
export const EXHORTATION_THRESHOLD = 0.35;
/** A shared run this long (characters) is copying whatever it says (the Jiangsu delegation quote). */
export const LONG_RUN_CHARS = 16;

/**
 * How much likelier text is in the glossary's exhortations than in its measures, learnt from the
 * glossary's own terms and definitions (each new entry teaches it: no word list), as
 * log-likelihood ratios with add-half smoothing. Pairs of adjacent characters say it better than
 * characters alone (观点 and 方法 are set-phrase pairs; 观 and 方 alone are anyone's): a pair
 * neither side has backs off to the mean of its two characters.
 */
export interface ExhortationModel {
  /** Per UTF-16 code unit of folded text. */
  chars: Float32Array;
  /** Per adjacent pair of code units, keyed first * 0x10000 + second. */
  pairs: Map<number, number>;
}

type Side = 'exhortation' | 'measures';

/** Log-likelihood ratios of the keys two count tables hold, add-half smoothed. */
function ratios(counts: Record<Side, Map<number, number>>): {
  of: (key: number) => number;
  keys: Set<number>;
} {
  const total = (side: Side) => [...counts[side].values()].reduce((a, b) => a + b, 0);
  const totals = { exhortation: total('exhortation'), measures: total('measures') };
  const keys = new Set([...counts.exhortation.keys(), ...counts.measures.keys()]);
  const rate = (side: Side, key: number) =>
    ((counts[side].get(key) ?? 0) + 0.5) / (totals[side] + 0.5 * keys.size);
  return { of: (key) => Math.log(rate('exhortation', key) / rate('measures', key)), keys };
}

export function exhortationModel(entries: readonly GlossaryEntry[]): ExhortationModel {
  const chars = { exhortation: new Map<number, number>(), measures: new Map<number, number>() };
  const pairs = { exhortation: new Map<number, number>(), measures: new Map<number, number>() };
  const add = (table: Map<number, number>, key: number) =>
    table.set(key, (table.get(key) ?? 0) + 1);
  for (const entry of entries) {
    const side = EXHORTATION.has(entry.category)
      ? 'exhortation'
      : MEASURES.has(entry.category)
        ? 'measures'
        : undefined;
    if (!side) continue;
    for (const text of [...termForms(entry), entry.definition.zh]) {
      const compact = compactForMatch(text);
      for (let i = 0; i < compact.length; i++) {
        add(chars[side], compact.charCodeAt(i));
        if (i + 1 < compact.length) add(pairs[side], pairKey(compact, i));
      }
    }
  }
  const charRatios = ratios(chars);
  const model: ExhortationModel = { chars: new Float32Array(0x10000), pairs: new Map() };
  // A character neither side uses gets the ratio of the sides' sizes: next to nothing.
  model.chars.fill(charRatios.of(-1));
  for (const code of charRatios.keys) model.chars[code] = charRatios.of(code);
  const pairRatios = ratios(pairs);
  for (const key of pairRatios.keys) model.pairs.set(key, pairRatios.of(key));
  return model;
}

const pairKey = (compact: string, i: number) =>
  compact.charCodeAt(i) * 0x10000 + compact.charCodeAt(i + 1);

/** The ratio of the pair of compact characters at i, i + 1. */
function pairRatio(model: ExhortationModel, compact: string, i: number): number {
  return (
    model.pairs.get(pairKey(compact, i)) ??
    (model.chars[compact.charCodeAt(i)]! + model.chars[compact.charCodeAt(i + 1)]!) / 2
  );
}

/** How exhorting a run of compact text reads: the mean ratio of its adjacent pairs. */
export function exhortationOf(model: ExhortationModel, compact: string): number {
  if (compact.length < 2) return compact.length === 1 ? model.chars[compact.charCodeAt(0)]! : 0;
  let sum = 0;
  for (let i = 0; i + 1 < compact.length; i++) sum += pairRatio(model, compact, i);
  return sum / (compact.length - 1);
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * For one passage's text: how many of the shingles it shares with another passage are evidence
 * of reuse. The shared shingles are taken as the runs of text they make in this passage; a run
 * counts unless it reads as exhortation (EXHORTATION_THRESHOLD) and is short of LONG_RUN_CHARS.
 * Numbers are data, not wording: a shingle with a digit is no evidence (two reports sharing
 * 从2020年的…提高到2025年的 share a frame for figures), digits do not make a run long, and pairs
 * with a digit are left out of its average (a year beside a stock phrase does not dilute it).
 * The passage is read only when a candidate asks (most passages of a page have none that does).
 */
export function sharedEvidence(
  text: string,
  model: ExhortationModel,
): (shared: ReadonlySet<number>) => number {
  let read:
    | { hashes: Uint32Array; sums: Float64Array; digits: Uint32Array; worded: Uint32Array }
    | undefined;
  const readPassage = () => {
    const compact = compactForMatch(text);
    const hashes = new Uint32Array(Math.max(0, compact.length - SHINGLE_SIZE + 1));
    for (let i = 0; i < hashes.length; i++) hashes[i] = hashRange(compact, i, i + SHINGLE_SIZE);
    // Among the first i characters: digits[i] digits; among the first i pairs, worded[i] without
    // a digit, and sums[i] their ratios.
    const sums = new Float64Array(compact.length + 1);
    const digits = new Uint32Array(compact.length + 1);
    const worded = new Uint32Array(compact.length + 1);
    for (let i = 0; i < compact.length; i++) {
      const digit = isDigit(compact.charCodeAt(i));
      digits[i + 1] = digits[i]! + (digit ? 1 : 0);
      const pair = i + 1 < compact.length && !digit && !isDigit(compact.charCodeAt(i + 1));
      sums[i + 1] = sums[i]! + (pair ? pairRatio(model, compact, i) : 0);
      worded[i + 1] = worded[i]! + (pair ? 1 : 0);
    }
    return { hashes, sums, digits, worded };
  };
  return (shared) => {
    const { hashes, sums, digits, worded } = (read ??= readPassage());
    const counted = new Set<number>();
    for (let i = 0; i < hashes.length;) {
      if (!shared.has(hashes[i]!)) {
        i++;
        continue;
      }
      let end = i;
      while (end < hashes.length && shared.has(hashes[end]!)) end++;
      const chars = end - i + SHINGLE_SIZE - 1;
      const pairs = worded[i + chars - 1]! - worded[i]!;
      const exhortation = pairs > 0 ? (sums[i + chars - 1]! - sums[i]!) / pairs : 0;
      const wording = chars - (digits[i + chars]! - digits[i]!);
      if (exhortation <= EXHORTATION_THRESHOLD || wording >= LONG_RUN_CHARS)
        for (let k = i; k < end; k++)
          if (digits[k + SHINGLE_SIZE] === digits[k]) counted.add(hashes[k]!);
      i = end;
    }
    return counted.size;
  };
}
