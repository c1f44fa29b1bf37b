import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile, loadCorpus, readPage, readText } from '../corpus/analyze';
import { cleanArticle } from '../lib/clean/clean-article';
import { bigramF1, median } from './fixtures/bigram-f1';
import { encodedFixtures } from './fixtures/encode-fixtures';
import { PATHS } from '../corpus/build/build-corpus';
import type { PageState } from '../lib/page-state';

/** The expectations saved next to each fixture page (see tests/fixtures/README.md). */
interface Expected {
  description: string;
  lang: PageState['lang'];
  titleIncludes?: string;
  similar: { source: string; relation: 'duplicate' | 'reuse' | 'related' }[];
  similarExact: boolean;
  relatedAny?: boolean;
  termsInclude: string[];
  termsExclude?: string[];
  minChars?: number;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');
const pages = readdirSync(FIXTURES)
  .filter(
    (f) =>
      f.endsWith('.html') && existsSync(join(FIXTURES, f.replace(/\.html$/, '.expected.json'))),
  )
  .sort();
const corpus = loadCorpus(PATHS.bundle, ''); // the seeds alone, whatever WENMAI_DATASETS says

// Analysed once, before the tests read them (analysis reads texts asynchronously).
const states = new Map(
  await Promise.all(
    pages.map(async (page) => [page, await analyzeFile(join(FIXTURES, page), corpus)] as const),
  ),
);

describe('fixture pages', () => {
  it('has fixtures to check', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(pages)('%s', (page) => {
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, page.replace(/\.html$/, '.expected.json')), 'utf8'),
    ) as Expected;
    const state = states.get(page)!;
    const strong = state.similar.filter((s) => s.relation !== 'related');

    it(`is ${expected.lang}`, async () => {
      expect(state.lang).toBe(expected.lang);
    });

    it('has the expected article', async () => {
      if (expected.lang === 'other') return expect(state.article).toBeNull();
      expect(state.article).not.toBeNull();
      if (expected.titleIncludes) expect(state.article!.title).toContain(expected.titleIncludes);
      if (expected.minChars) expect(state.article!.chars).toBeGreaterThanOrEqual(expected.minChars);
    });

    it('finds the expected similar articles and no others', async () => {
      for (const want of expected.similar) {
        expect(state.similar).toContainEqual(
          expect.objectContaining({ source: want.source, relation: want.relation }),
        );
      }
      if (expected.similarExact) {
        const allowed = new Set(expected.similar.map((s) => s.source));
        expect(strong.filter((s) => !allowed.has(s.source))).toEqual([]);
        if (expected.similar.length === 0 && !expected.relatedAny)
          expect(state.similar).toEqual([]);
      }
      if (expected.relatedAny) {
        expect(state.similar.some((s) => s.relation === 'related')).toBe(true);
        expect(strong).toEqual([]);
      }
      for (const s of state.similar) {
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThanOrEqual(1);
      }
    });

    it('recognises the expected terms', async () => {
      const headwords = state.terms.map((t) => t.headword);
      expect(headwords).toEqual(expect.arrayContaining(expected.termsInclude));
      for (const absent of expected.termsExclude ?? []) expect(headwords).not.toContain(absent);
      if (expected.lang === 'other') expect(state.terms).toEqual([]);
    });
  });
});

/** Extraction is right when a page scores this F1 or more against its expected body… */
const MIN_PAGE_F1 = 0.8;
/** …and the fixture set's median is this or more (issue 12). */
const MIN_MEDIAN_F1 = 0.9;

describe('extraction against the expected bodies (<name>.body.txt)', () => {
  const withBody = pages.filter((page) =>
    existsSync(join(FIXTURES, page.replace(/\.html$/, '.body.txt'))),
  );
  // The article as the analysis compares it: extracted the extension's way, then cleaned.
  const scores = withBody.map((page) => {
    const path = join(FIXTURES, page);
    const article = readPage(path, readText(path).text).article;
    const extracted = article ? cleanArticle(article.text, article.title).text : '';
    const expected = readFileSync(path.replace(/\.html$/, '.body.txt'), 'utf8');
    return { page, f1: bigramF1(extracted, expected) };
  });

  it('prints the F1 of every page and the median', () => {
    const width = Math.max(...withBody.map((page) => page.length));
    const rows = scores.map(({ page, f1 }) => `  ${page.padEnd(width)}  ${f1.toFixed(3)}`);
    const mid = median(scores.map((s) => s.f1));
    console.log(
      [`Extraction F1 (character bigrams) over ${scores.length} fixture pages:`, ...rows]
        .concat(`  ${'median'.padEnd(width)}  ${mid.toFixed(3)}`)
        .join('\n'),
    );
    expect(scores.length).toBeGreaterThanOrEqual(12);
    expect(mid).toBeGreaterThanOrEqual(MIN_MEDIAN_F1);
  });

  it.each(scores)(`$page scores at least ${MIN_PAGE_F1}`, ({ f1 }) => {
    expect(f1).toBeGreaterThanOrEqual(MIN_PAGE_F1);
  });

  it('has the GBK and Big5 pages as encode-fixtures.ts writes them', () => {
    for (const { name, bytes } of encodedFixtures())
      expect(readFileSync(join(FIXTURES, name)).equals(bytes), name).toBe(true);
  });
});

describe('npm run analyze -- --json', () => {
  it('prints exactly one PageState JSON object', async () => {
    const page = join(FIXTURES, pages[0]!);
    const out = execFileSync('npx', ['tsx', 'corpus/analyze.ts', page, '--json'], {
      encoding: 'utf8',
    });
    const state = JSON.parse(out) as PageState;
    expect(Object.keys(state).sort()).toEqual([
      'article',
      'highlights',
      'lang',
      'parallels',
      'script',
      'similar',
      'terms',
      'url',
    ]);
    expect(state.url).toBe(page);
    expect(state.script).toBe('original');
  });

  it('says clearly what is wrong with a missing file', async () => {
    expect(() =>
      execFileSync('npx', ['tsx', 'corpus/analyze.ts', 'no/such/page.html'], {
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).toThrow(/no such file/);
  });
});
