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
 * A shared run whose characters are on average this much likelier (natural log) in the
 * glossary's exhortations than in its measures reads as a stock phrase (把人民放在心中最高位置,
 * 坚持尽力而为量力而行), not as a reused measure. Tuned on tests/fixtures/passage-pairs.yaml with
 * `npm run corpus:quality`.
 */
export const EXHORTATION_THRESHOLD = 0.3;
/** A shared run this long (characters) is copying whatever it says (the Jiangsu delegation quote). */
export const LONG_RUN_CHARS = 16;

/**
 * How much likelier each character is in the glossary's exhortations than in its measures, as a
 * log-likelihood ratio per UTF-16 code unit of folded text (add-half smoothing). Learnt from the
 * glossary's own terms and definitions, so each new entry teaches it: no word list.
 */
export function exhortationModel(entries: readonly GlossaryEntry[]): Float32Array {
  const counts = { exhortation: new Map<number, number>(), measures: new Map<number, number>() };
  const totals = { exhortation: 0, measures: 0 };
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
        const code = compact.charCodeAt(i);
        counts[side].set(code, (counts[side].get(code) ?? 0) + 1);
        totals[side]++;
      }
    }
  }
  const codes = new Set([...counts.exhortation.keys(), ...counts.measures.keys()]);
  const rate = (side: 'exhortation' | 'measures', code: number) =>
    ((counts[side].get(code) ?? 0) + 0.5) / (totals[side] + 0.5 * codes.size);
  const model = new Float32Array(0x10000);
  // A character neither side uses gets the ratio of the sides' sizes: next to nothing.
  model.fill(Math.log(rate('exhortation', -1) / rate('measures', -1)));
  for (const code of codes)
    model[code] = Math.log(rate('exhortation', code) / rate('measures', code));
  return model;
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * For one passage's text: how many of the shingles it shares with another passage are evidence
 * of reuse. The shared shingles are taken as the runs of text they make in this passage; a run
 * counts unless it reads as exhortation (EXHORTATION_THRESHOLD) and is short of LONG_RUN_CHARS.
 * Numbers are data, not wording: a shingle with a digit is no evidence (two reports sharing
 * 从2020年的…提高到2025年的 share a frame for figures), and digits do not make a run long.
 * The passage is read only when a candidate asks (most passages of a page have none that does).
 */
export function sharedEvidence(
  text: string,
  model: Float32Array,
): (shared: ReadonlySet<number>) => number {
  let read: { hashes: Uint32Array; sums: Float64Array; digits: Uint32Array } | undefined;
  const readPassage = () => {
    const compact = compactForMatch(text);
    const hashes = new Uint32Array(Math.max(0, compact.length - SHINGLE_SIZE + 1));
    for (let i = 0; i < hashes.length; i++) hashes[i] = hashRange(compact, i, i + SHINGLE_SIZE);
    const sums = new Float64Array(compact.length + 1);
    // digits[i]: digits among the first i characters.
    const digits = new Uint32Array(compact.length + 1);
    for (let i = 0; i < compact.length; i++) {
      const code = compact.charCodeAt(i);
      sums[i + 1] = sums[i]! + model[code]!;
      digits[i + 1] = digits[i]! + (isDigit(code) ? 1 : 0);
    }
    return { hashes, sums, digits };
  };
  return (shared) => {
    const { hashes, sums, digits } = (read ??= readPassage());
    const counted = new Set<number>();
    for (let i = 0; i < hashes.length;) {
      if (!shared.has(hashes[i]!)) {
        i++;
        continue;
      }
      let end = i;
      while (end < hashes.length && shared.has(hashes[end]!)) end++;
      const chars = end - i + SHINGLE_SIZE - 1;
      const exhortation = (sums[i + chars]! - sums[i]!) / chars;
      const wording = chars - (digits[i + chars]! - digits[i]!);
      if (exhortation <= EXHORTATION_THRESHOLD || wording >= LONG_RUN_CHARS)
        for (let k = i; k < end; k++)
          if (digits[k + SHINGLE_SIZE] === digits[k]) counted.add(hashes[k]!);
      i = end;
    }
    return counted.size;
  };
}
