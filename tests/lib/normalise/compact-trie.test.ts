import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import {
  buildTrie,
  convertWith,
  deserializeTrie,
  dictGroupEntries,
  segmentWith,
  serializeTrie,
} from '../../../lib/normalise/compact-trie';
import { buildSToTTable } from '../../../lib/normalise/s2t-table';
import { openccConverter, type TraditionalVariant } from '../../../lib/normalise/script-converter';
import { readReports, reportsPresent } from '../../reports-2026';
import { SOURCES_DIR } from '../../seeds';

const VARIANTS: TraditionalVariant[] = ['tw', 'hk', 't'];
const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures');

// The table as the extension reads it: built, written and read back.
const table = deserializeTrie(serializeTrie(buildSToTTable()));

const seeds = (): string[] =>
  readdirSync(SOURCES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(SOURCES_DIR, f), 'utf8'));
/** The saved pages' markup as text: tags, scripts and all (a converter sees any text). */
const fixtures = (): string[] =>
  readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((f) => readFileSync(join(FIXTURES_DIR, f), 'utf8'));

/** Texts where opencc-js's rules at the edges show: description sequences, astral and compatibility ideographs. */
const EDGES = [
  '',
  'plain ASCII, no Han',
  '⿰车发发展⿱艹⿰门马干部', // ideographic description sequences: their parts stay as written
  '⿰氵', // an unfinished one
  '𠮷野家的发展𡃁仔', // astral characters
  '\uF900\uF901\uFA0E发展\u{2F800}', // compatibility ideographs (normalised first)
  '\uD842发展\uDFB7', // lone surrogates
  '一出戏一出剧场，头发和发展，干部与干燥，后来的皇后。',
];

function expectSameAsOpencc(texts: readonly string[]): void {
  for (const variant of VARIANTS) {
    const toTraditional = openccConverter('traditional', variant, () => table);
    const openccT = OpenCC.Converter({ from: 'cn', to: variant });
    const toSimplified = openccConverter('simplified', variant, () => table);
    const openccS = OpenCC.Converter({ from: variant, to: 'cn' });
    for (const text of texts) {
      const traditional = openccT(text);
      expect(toTraditional(text)).toBe(traditional);
      expect(toSimplified(traditional)).toBe(openccS(traditional));
      expect(toSimplified(text)).toBe(openccS(text));
    }
  }
}

describe('the compact OpenCC table', () => {
  it('converts exactly as opencc-js, both ways, in every variant: edge cases', () => {
    expectSameAsOpencc(EDGES);
  });

  it('converts exactly as opencc-js over the seeds and the saved pages', () => {
    expectSameAsOpencc([...seeds(), ...fixtures()]);
  });

  it.skipIf(!reportsPresent)('converts exactly as opencc-js over the 2026 work reports', () => {
    const reports = readReports();
    expect(reports.length).toBeGreaterThanOrEqual(20);
    expectSameAsOpencc(reports.map((r) => `${r.title}\n${r.fullText}`));
  });

  it('reads back what it wrote, array for array', () => {
    const built = buildSToTTable();
    const read = deserializeTrie(serializeTrie(built));
    const same = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
        Buffer.from(b.buffer, b.byteOffset, b.byteLength),
      );
    expect(same(read.labels, built.labels)).toBe(true);
    expect(same(read.childStart, built.childStart)).toBe(true);
    expect(same(read.terminal, built.terminal)).toBe(true);
    expect(same(read.valueStart, built.valueStart)).toBe(true);
    expect(same(read.rootChild, built.rootChild)).toBe(true);
    expect(read.values).toBe(built.values);
    expect(() => deserializeTrie(new Uint8Array(32))).toThrow(/not a Wenmai conversion table/);
  });

  it('resolves a dictionary group as opencc-js does: first dictionary wins, last line within one', () => {
    const trie = buildTrie(
      dictGroupEntries([{ dict: 'ab X|ab Y', marked: true }, { dict: 'ab Z|a 1|b 2|abc W' }]),
    );
    expect(convertWith(trie, 'abab')).toBe('YY');
    expect(convertWith(trie, 'abcba')).toBe('W21');
    // Segments cut at marked keys only; other text stays in runs.
    expect(segmentWith(trie, 'babcab', true)).toEqual(['b', 'ab', 'c', 'ab']);
    expect(segmentWith(trie, 'babcab')).toEqual(['b', 'abc', 'ab']);
  });
});
