import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildMatcherFromForms,
  countTerms,
  countTermsIn,
  matchTerms,
  matchTermsPacked,
  readMatcher,
  serializeMatcher,
  type TermFormsOf,
  type TermMatcher,
} from '../../../lib/match/match-terms';
import { termForms } from '../../../lib/glossary/term-forms';
import { converterFor } from '../../../lib/normalise/convert-script';
import { foldCode } from '../../../lib/normalise/fold-script';
import { PATHS } from '../../../corpus/build/build-corpus';
import { parseBundle } from '../../../lib/bundle';
import { buildMapTrieMatcher, matchTermsMapTrie } from '../../reference/map-trie-matcher';
import { mulberry32 } from '../../bench/synthetic-corpus';
import { growGlossary } from '../../bench/synthetic-terms';
import { seed } from '../../seeds';
import { readReports, reportsPresent } from '../../reports-2026';

// The typed-array automaton must give exactly the answers of the Map trie it replaced (kept in
// tests/reference), wherever the features the old one lacked (blocked words, clause breaks) are
// off: on the seeds, the 2026 reports, and random text full of terms, term prefixes, Traditional
// forms and the characters a term reads through.

const bundle = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
if (!bundle.ok) throw new Error(bundle.error);
const glossaryForms: TermFormsOf[] = bundle.value.glossary.map((entry) => ({
  id: entry.id,
  forms: termForms(entry),
}));
const SEEDS = (['000', '001', '002', '003', '004'] as const).map(seed);
const grownForms = growGlossary(glossaryForms, 2000, SEEDS.join('\n'), 7);

function pair(forms: readonly TermFormsOf[]): {
  old: (text: string) => unknown;
  fresh: TermMatcher;
} {
  const reference = buildMapTrieMatcher(forms);
  return {
    old: (text) => matchTermsMapTrie(text, reference),
    fresh: buildMatcherFromForms(forms, { clauseBreaks: false }),
  };
}
const real = pair(glossaryForms);
const grown = pair(grownForms);

const toTraditional = converterFor('traditional', 'hk');
const READ_THROUGH = [
  '\u200b',
  '\ufeff',
  '\u00ad',
  '“',
  '”',
  '「',
  '』',
  '"',
  "'",
  '(fā)',
  '（zhì）',
  '(试行)',
  '(',
  '（',
  '、',
  '，',
  ' ',
  '＋',
  '+',
  'Ａ',
  '\n',
];

/** Random text: pieces of forms (whole, cut short, Traditional), of the seeds, and read-through characters. */
function randomText(random: () => number, forms: readonly TermFormsOf[], pieces: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let text = '';
  for (let p = 0; p < pieces; p++) {
    const roll = random();
    if (roll < 0.45) {
      let form = pick(pick(forms).forms);
      if (random() < 0.3) form = toTraditional(form);
      if (random() < 0.25) form = form.slice(0, 1 + Math.floor(random() * form.length));
      if (random() < 0.3) {
        const at = 1 + Math.floor(random() * Math.max(1, form.length - 1));
        form = form.slice(0, at) + pick(READ_THROUGH) + form.slice(at);
      }
      text += form;
    } else if (roll < 0.8) {
      const source = pick(SEEDS);
      const at = Math.floor(random() * source.length);
      text += source.slice(at, at + 1 + Math.floor(random() * 30));
    } else text += pick(READ_THROUGH);
  }
  return text;
}

describe('the automaton against the Map trie it replaced', () => {
  it.each(['000', '001', '002', '003', '004'] as const)('seed %s: the same hits', (prefix) => {
    const text = seed(prefix);
    const hits = matchTerms(text, real.fresh);
    expect(hits.length).toBeGreaterThan(5);
    expect(hits).toEqual(real.old(text));
    expect(matchTerms(text, grown.fresh)).toEqual(grown.old(text));
  });

  it('the seeds in Traditional script: the same hits', () => {
    const text = toTraditional(SEEDS.join('\n'));
    expect(matchTerms(text, real.fresh)).toEqual(real.old(text));
    expect(matchTerms(text, grown.fresh)).toEqual(grown.old(text));
  });

  it.skipIf(!reportsPresent)('the 2026 work reports: the same hits', () => {
    const reports = readReports();
    expect(reports.length).toBeGreaterThan(0);
    let total = 0;
    for (const report of reports) {
      const hits = matchTerms(report.fullText, real.fresh);
      total += hits.length;
      expect(hits).toEqual(real.old(report.fullText));
      expect(matchTerms(report.fullText, grown.fresh)).toEqual(grown.old(report.fullText));
    }
    expect(total).toBeGreaterThan(100);
  });

  it('1,500 random texts dense with forms, prefixes and read-through characters: the same hits', () => {
    const random = mulberry32(20261130);
    for (let round = 0; round < 1500; round++) {
      const forms = round % 2 ? glossaryForms : grownForms;
      const { old, fresh } = round % 2 ? real : grown;
      const text = randomText(random, forms, 5 + Math.floor(random() * 40));
      expect(matchTerms(text, fresh), text).toEqual(old(text));
    }
  });

  it('packed hits and counts agree with matchTerms', () => {
    const random = mulberry32(9);
    for (let round = 0; round < 200; round++) {
      const text = randomText(random, grownForms, 40);
      const hits = matchTerms(text, grown.fresh);
      const packed = matchTermsPacked(text, grown.fresh);
      expect(packed.length).toBe(3 * hits.length);
      hits.forEach((hit, h) => {
        expect(grown.fresh.termIds[packed[3 * h]!]).toBe(hit.termId);
        expect([packed[3 * h + 1], packed[3 * h + 2]]).toEqual([hit.start, hit.end]);
      });
      expect([...countTermsIn(text, grown.fresh)]).toEqual([...countTerms(hits)]);
    }
  });

  it('the pre-built file reads back to a matcher with the same answers', () => {
    const random = mulberry32(5);
    for (const { fresh, forms } of [
      { fresh: real.fresh, forms: glossaryForms },
      { fresh: grown.fresh, forms: grownForms },
    ]) {
      const bytes = serializeMatcher(fresh);
      const read = readMatcher(bytes.slice().buffer);
      expect(read.termIds).toEqual(fresh.termIds);
      expect(read.base).toEqual(fresh.base);
      expect(read.check).toEqual(fresh.check);
      for (let round = 0; round < 100; round++) {
        const text = randomText(random, forms, 30);
        expect(matchTerms(text, read)).toEqual(matchTerms(text, fresh));
      }
    }
  });

  it('classes every code unit as its folded form (built from the fold sources, not all 65,536)', () => {
    const { alphabet, classOf } = real.fresh;
    const classOfFolded = new Map([...alphabet].map((code, i) => [code, i + 1]));
    for (let code = 0; code < 0x10000; code++)
      expect(classOf[code]! & 0xffff, code.toString(16)).toBe(
        classOfFolded.get(foldCode(code)) ?? 0,
      );
  });

  it('refuses a file that is not a matcher', () => {
    expect(() => readMatcher(new Uint8Array(64).buffer)).toThrow(/not a Wenmai term matcher/);
    const bytes = serializeMatcher(real.fresh);
    expect(() => readMatcher(bytes.slice(0, bytes.length / 2).buffer)).toThrow(/truncated/);
  });
});
