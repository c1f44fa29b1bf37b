/**
 * Exact term boundaries (issue 10): where a glossary form sits inside a longer word that means
 * something else (组织部 in 组织部署 "organise and deploy", 二十大 in 共青团二十大), the matcher leaves
 * it alone. The rules for existing entries live in corpus/boundaries.yaml, keyed by form
 * (so an entry another file adds later picks its rule up); an entry may also carry its own
 * `blockedIn`. The build merges both into each entry's `blockedIn` and checks every blocked word:
 * it must contain the form it is listed under, be longer, and not be a form of the same entry.
 * `onlyIn` is the converse, for a form that is the term only inside some longer phrases (首要任务
 * in 高质量发展是…的首要任务): merged and checked the same way.
 * `npm run corpus:boundaries` lists jieba's evidence for new rules (boundary-evidence.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { GlossaryEntry } from '../../lib/glossary/glossary';
import { termForms } from '../../lib/glossary/term-forms';
import { foldText } from '../../lib/normalise/fold-script';
import { GlossaryError } from './load-glossary';

const han = z
  .string()
  .trim()
  .regex(/[\u3400-\u9fff]/, 'must contain Chinese characters');

export const boundaryRuleSchema = z
  .object({
    /** A form of some glossary entry (Simplified; Traditional text is matched through folding). */
    form: han,
    /** Longer words containing the form that are not the term. */
    blockedIn: z.array(han).default([]),
    /**
     * Longer phrases outside which the form is not the term (a formula's own wording, where the
     * form alone is an everyday phrase): the form is matched only inside one of them.
     */
    onlyIn: z.array(han).default([]),
    /**
     * Longer words jieba segments across the form but that are the term all the same (reviewed:
     * jieba is wrong there), so `npm run corpus:boundaries` stops listing them.
     */
    accepted: z.array(han).default([]),
    /** Why, in a few words (the reviewer's note). */
    why: z.string().trim().min(1),
  })
  .strict();
export type BoundaryRule = z.output<typeof boundaryRuleSchema>;

/** Reads corpus/boundaries.yaml (none when it is absent); throws naming the rule. */
export function readBoundaryRules(path: string): BoundaryRule[] {
  if (!existsSync(path)) return [];
  const shown = relative(process.cwd(), path);
  const parsed: unknown = parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new GlossaryError(`${shown}: must be a YAML list of rules`);
  return parsed.map((raw: unknown, i) => {
    const result = boundaryRuleSchema.safeParse(raw);
    if (!result.success) {
      const issues = result.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`);
      throw new GlossaryError(`${shown}: rule ${i + 1}: ${issues.join('; ')}`);
    }
    return result.data;
  });
}

export interface AppliedBoundaries {
  glossary: GlossaryEntry[];
  /** Rules whose form no entry has (yet): reported, not an error (other files add entries). */
  unused: BoundaryRule[];
}

/**
 * Merges the rules into the entries' blockedIn and checks every blocked word against its entry;
 * throws a GlossaryError naming the entry or rule.
 */
export function applyBoundaries(
  glossary: readonly GlossaryEntry[],
  rules: readonly BoundaryRule[],
): AppliedBoundaries {
  const folded = (text: string): string => foldText(text);
  const unused: BoundaryRule[] = [];
  const extra = new Map<string, string[]>();
  const extraOnly = new Map<string, string[]>();
  for (const rule of rules) {
    const form = folded(rule.form);
    const owners = glossary.filter((entry) => termForms(entry).some((f) => folded(f) === form));
    if (owners.length === 0) {
      unused.push(rule);
      continue;
    }
    for (const [kind, words] of [
      ['blocked word', rule.blockedIn],
      ['only-in phrase', rule.onlyIn],
    ] as const) {
      for (const word of words) {
        if (!folded(word).includes(form) || folded(word).length <= form.length)
          throw new GlossaryError(
            `boundaries: rule for "${rule.form}": ${kind} "${word}" must contain "${rule.form}" and be longer`,
          );
      }
    }
    for (const owner of owners) {
      extra.set(owner.id, [...(extra.get(owner.id) ?? []), ...rule.blockedIn]);
      extraOnly.set(owner.id, [...(extraOnly.get(owner.id) ?? []), ...rule.onlyIn]);
    }
  }
  const merged = glossary.map((entry) => {
    const words = [...new Set([...(entry.blockedIn ?? []), ...(extra.get(entry.id) ?? [])])];
    const phrases = [...new Set([...(entry.onlyIn ?? []), ...(extraOnly.get(entry.id) ?? [])])];
    const forms = termForms(entry).map(folded);
    for (const [kind, list] of [
      ['blocked word', words],
      ['only-in phrase', phrases],
    ] as const) {
      for (const word of list) {
        if (!forms.some((form) => folded(word).includes(form) && folded(word).length > form.length))
          throw new GlossaryError(
            `entry "${entry.id}": ${kind} "${word}" contains none of its forms (or is no longer)`,
          );
        if (forms.includes(folded(word)))
          throw new GlossaryError(`entry "${entry.id}": "${word}" is both a form and a ${kind}`);
      }
    }
    return {
      ...entry,
      ...(words.length > 0 ? { blockedIn: words } : {}),
      ...(phrases.length > 0 ? { onlyIn: phrases } : {}),
    };
  });
  return { glossary: merged, unused };
}
