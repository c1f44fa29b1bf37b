/**
 * A glossary grown to a given size for the term-matching benchmarks: the real glossary's forms,
 * then synthetic terms cut from the seed articles' running text (2–8 Han characters, short ones
 * likelier, as real terms are), each with its Taiwan Traditional form where that differs. Cut from
 * the text the matcher then reads, so the text stays dense with terms and with term prefixes: the
 * hard case for a matcher. Deterministic: the same seed gives the same glossary.
 */
import { converterFor } from '../../lib/normalise/convert-script';
import type { TermFormsOf } from '../../lib/match/match-terms';
import { mulberry32 } from './synthetic-corpus';

const HAN_RUN = /[\u3400-\u9fff]{2,}/g;
/** Lengths of synthetic terms and their weights (the glossary's own forms are mostly 3–6). */
const LENGTHS = [2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8];

export function growGlossary(
  base: readonly TermFormsOf[],
  total: number,
  source: string,
  seed: number,
): TermFormsOf[] {
  const random = mulberry32(seed);
  const toTraditional = converterFor('traditional', 'tw');
  const runs = source.match(HAN_RUN) ?? [];
  if (runs.length === 0) throw new Error('no Han text to cut synthetic terms from');
  const taken = new Set(base.flatMap((entry) => entry.forms));
  const grown = [...base];
  for (let attempts = 0; grown.length < total; attempts++) {
    if (attempts > total * 50) throw new Error(`only ${grown.length} distinct synthetic terms`);
    const run = runs[Math.floor(random() * runs.length)]!;
    const length = LENGTHS[Math.floor(random() * LENGTHS.length)]!;
    if (run.length < length) continue;
    const at = Math.floor(random() * (run.length - length + 1));
    const form = run.slice(at, at + length);
    if (taken.has(form)) continue;
    taken.add(form);
    const traditional = toTraditional(form);
    grown.push({
      id: `synthetic-${grown.length}`,
      forms: traditional === form ? [form] : [form, traditional],
    });
  }
  return grown;
}
