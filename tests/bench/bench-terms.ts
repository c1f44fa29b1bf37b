/**
 * Term matching throughput: the typed-array automaton (lib/match/match-terms.ts) against the Map
 * trie it replaced (tests/reference, "before") and a plain flat trie (the same Map without reading
 * through zero-width characters, quotes or pinyin: the yardstick), at the real glossary and at
 * 2,000 and 10,000 terms (tests/bench/synthetic-terms.ts). Also: build time, the pre-built file's
 * size, and what a page pays to get a matcher (read the file vs parse forms and build the Map trie).
 * Part of `npm run bench`; alone: `npm run bench:terms`. Prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { parseBundle } from '../../lib/bundle';
import { termForms } from '../../lib/glossary/term-forms';
import {
  buildMatcherFromForms,
  matchTerms,
  matchTermsPacked,
  readMatcher,
  serializeMatcher,
  type TermFormsOf,
} from '../../lib/match/match-terms';
import { packTerms, parseBundledTerms } from '../../lib/quick-start';
import { PATHS } from '../../corpus/build/build-corpus';
import {
  buildMapTrieMatcher,
  matchTermsMapTrie,
  matchTermsPlainTrie,
} from '../reference/map-trie-matcher';
import { SOURCES_DIR } from '../seeds';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { growGlossary } from './synthetic-terms';
import { printTable } from './print-table';

const SIZES = [2000, 10_000];
const TEXT_CHARS = 1_000_000;
const ROUNDS = 7;
const TARGET_MCHARS = 30;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

/**
 * Median over rounds of one call's CPU time (ms), after a warm-up call. CPU time, not wall time:
 * on a machine shared with other work, wall time counts the moments this process waits for a core.
 */
function time(run: () => unknown, rounds = ROUNDS): number {
  run();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

/** The seeds' text, every other paragraph in Traditional, repeated to about `chars` characters. */
function denseText(chars: number): { text: string; seeds: string } {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const seeds = readdirSync(SOURCES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(SOURCES_DIR, f), 'utf8'))
    .join('\n');
  const mixed = seeds
    .split('\n')
    .map((line, i) => (i % 2 ? toTraditional(line) : line))
    .join('\n');
  let text = '';
  while (text.length < chars) text += mixed + '\n';
  return { text, seeds };
}

export interface TermBenchRow {
  terms: number;
  before: number;
  after: number;
  plain: number;
}

export function benchTermMatching(out: (line?: string) => void = console.log): TermBenchRow[] {
  const bundle = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!bundle.ok) throw new Error(bundle.error);
  const glossary = bundle.value.glossary;
  const base: TermFormsOf[] = glossary.map((e) => ({ id: e.id, forms: termForms(e) }));
  const withRules: TermFormsOf[] = glossary.map((e) => ({
    id: e.id,
    forms: termForms(e),
    blockedIn: e.blockedIn,
  }));
  const { text, seeds } = denseText(TEXT_CHARS);
  const mchars = (ms: number): number => text.length / 1000 / ms;
  out(
    `Term matching — ${text.length.toLocaleString('en')} characters of the seeds' text ` +
      `(Simplified and Traditional paragraphs), median CPU time of ${ROUNDS} runs; M chars/s`,
  );
  const glossaries = [
    { label: `real (${base.length})`, forms: base, rules: withRules },
    ...SIZES.map((n) => {
      const grown = growGlossary(base, n, seeds, n);
      return {
        label: n.toLocaleString('en'),
        forms: grown,
        rules: [...withRules, ...grown.slice(withRules.length)],
      };
    }),
  ];
  const rows: string[][] = [];
  const costRows: string[][] = [];
  const results: TermBenchRow[] = [];
  for (const { label, forms, rules } of glossaries) {
    const reference = buildMapTrieMatcher(forms);
    const automaton = buildMatcherFromForms(forms, { clauseBreaks: false });
    const production = buildMatcherFromForms(rules);
    const hits = matchTerms(text, automaton).length;
    if (hits !== matchTermsMapTrie(text, reference).length)
      throw new Error(`${label}: the automaton and the Map trie disagree`);
    const before = mchars(time(() => matchTermsMapTrie(text, reference)));
    const plain = mchars(time(() => matchTermsPlainTrie(text, reference)));
    const after = mchars(time(() => matchTerms(text, automaton)));
    const packed = mchars(time(() => matchTermsPacked(text, automaton)));
    const withBoundaries = mchars(time(() => matchTermsPacked(text, production)));
    results.push({ terms: forms.length, before, after, plain });
    rows.push([
      label,
      (hits / (text.length / 1000)).toFixed(0),
      before.toFixed(1),
      plain.toFixed(1),
      after.toFixed(1),
      packed.toFixed(1),
      withBoundaries.toFixed(1),
      `${(after / before).toFixed(2)}×`,
      `${(after / plain).toFixed(2)}×`,
      `${(packed / plain).toFixed(2)}×`,
    ]);
    const packedForms = packTerms(forms);
    const bytes = serializeMatcher(automaton);
    const buffer = bytes.slice().buffer;
    costRows.push([
      label,
      String(automaton.check.filter((c) => c !== 0).length),
      String(automaton.check.length - automaton.alphabet.length - 1),
      String(automaton.alphabet.length),
      (new TextEncoder().encode(packedForms).length / 1024).toFixed(1),
      (bytes.length / 1024).toFixed(1),
      time(() => buildMapTrieMatcher(parseBundledTerms(packedForms)), 5).toFixed(1),
      time(() => buildMatcherFromForms(forms), 5).toFixed(1),
      time(() => readMatcher(buffer), 5).toFixed(2),
    ]);
  }
  printTable(
    out,
    [
      'glossary',
      'hits/1k chars',
      'before (Map trie)',
      'plain flat trie',
      'after: matchTerms',
      'after: packed',
      'packed + boundaries',
      'after/before',
      'after/plain',
      'packed/plain',
    ],
    rows,
  );
  out(
    '  before, after and packed give identical hits; "matchTerms" makes an object per hit, "packed"' +
      ' (matchTermsPacked, countTermsIn) does not, nor does the plain trie (it only counts);' +
      ' "packed + boundaries" is the shipped configuration (blocked words, clause breaks).',
  );
  out('Getting a matcher (ms of CPU, median of 5):');
  printTable(
    out,
    [
      'glossary',
      'nodes',
      'slots',
      'alphabet',
      'forms as text KB',
      'pre-built file KB',
      'parse + Map trie',
      'build automaton',
      'read pre-built file',
    ],
    costRows,
  );
  const real = results[0]!;
  const largest = results[results.length - 1]!;
  out(
    `  target ≥ ${TARGET_MCHARS} M chars/s at the real glossary: ${real.after.toFixed(1)}  ${real.after >= TARGET_MCHARS ? 'PASS' : 'MISS'}; ` +
      `at ${largest.terms.toLocaleString('en')} terms: ${largest.after.toFixed(1)}  ${largest.after >= TARGET_MCHARS ? 'PASS' : 'MISS'}`,
  );
  return results;
}

if (process.argv[1]?.endsWith('bench-terms.ts')) benchTermMatching();
