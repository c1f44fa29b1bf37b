import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { glossaryEntrySchema } from '../../../lib/glossary/glossary';
import { termForms } from '../../../lib/glossary/term-forms';
import { buildTermMatcher, matchTerms } from '../../../lib/match/match-terms';
import { applyBoundaries, readBoundaryRules } from '../../../corpus/build/boundaries';
import { PATHS } from '../../../corpus/build/build-corpus';
import { loadGlossary } from '../../../corpus/build/load-glossary';
import { buildMapTrieMatcher, matchTermsMapTrie } from '../../reference/map-trie-matcher';

// The labelled boundary set (tests/fixtures/term-boundaries): the shipped glossary with its
// boundary rules must find every "yes" and no "no"; the matcher before the rules (the Map trie,
// no blocked words, no clause breaks) is scored on the same set for comparison.

interface Labelled {
  text: string;
  yes?: string[];
  no?: string[];
}

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'term-boundaries');
const sentences = parse(readFileSync(join(FIXTURES, 'sentences.yaml'), 'utf8')) as Labelled[];
const extraEntries = (
  parse(readFileSync(join(FIXTURES, 'fixture-entries.yaml'), 'utf8')) as unknown[]
).map((raw) => glossaryEntrySchema.parse(raw));

// The glossary as written (not the built bundle, which has the rules merged in already).
const { glossary } = applyBoundaries(
  [...loadGlossary(PATHS.glossary), ...extraEntries],
  readBoundaryRules(PATHS.boundaries),
);
const matcher = buildTermMatcher(glossary);
const before = buildMapTrieMatcher(glossary.map((e) => ({ id: e.id, forms: termForms(e) })));

const hitTexts = (text: string, find: typeof matchTerms | typeof matchTermsMapTrie): string[] =>
  (find === matchTerms ? matchTerms(text, matcher) : matchTermsMapTrie(text, before)).map((hit) =>
    text.slice(hit.start, hit.end),
  );

/** True and false positives and negatives over the labels: a "yes" found, a "no" found, … */
function score(find: typeof matchTerms | typeof matchTermsMapTrie) {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  for (const sentence of sentences) {
    const found = hitTexts(sentence.text, find);
    for (const yes of sentence.yes ?? []) {
      if (found.includes(yes)) tp++;
      else fn++;
    }
    for (const no of sentence.no ?? []) {
      if (found.includes(no)) fp++;
      else tn++;
    }
  }
  return { tp, fn, fp, tn, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

describe('term boundaries: the labelled set', () => {
  it('has at least 60 sentences, each with something to judge', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(60);
    for (const s of sentences)
      expect((s.yes?.length ?? 0) + (s.no?.length ?? 0)).toBeGreaterThan(0);
  });

  it.each(sentences.map((s) => [s.text, s] as const))('%s', (_text, sentence) => {
    const found = hitTexts(sentence.text, matchTerms);
    for (const yes of sentence.yes ?? []) expect(found, `must find ${yes}`).toContain(yes);
    for (const no of sentence.no ?? []) expect(found, `must not find ${no}`).not.toContain(no);
  });

  it('scores precision and recall 1 with the rules, better than the matcher without them', () => {
    const after = score(matchTerms);
    const without = score(matchTermsMapTrie);
    const line = (name: string, s: ReturnType<typeof score>): string =>
      `  ${name}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} ` +
      `(found ${s.tp} of ${s.tp + s.fn} terms, ${s.fp} of ${s.fp + s.tn} non-terms wrongly)`;
    console.log(
      `Term boundaries, ${sentences.length} labelled sentences:\n` +
        `${line('with the rules   ', after)}\n${line('without (before) ', without)}`,
    );
    expect(after.precision).toBe(1);
    expect(after.recall).toBe(1);
    expect(without.precision).toBeLessThan(0.8);
    expect(without.recall).toBeLessThan(0.9);
  });
});
