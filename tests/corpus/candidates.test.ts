import { describe, expect, it } from 'vitest';
import { mineCandidates } from '../../corpus/candidates';
import { PATHS } from '../../corpus/build/build-corpus';
import { loadGlossary } from '../../corpus/build/load-glossary';
import { loadSegmenter } from '../../corpus/build/segment';
import { cleanArticle } from '../../lib/clean/clean-article';
import { seed } from '../seeds';

const glossary = loadGlossary(PATHS.glossary);
loadSegmenter(glossary);
const articles = (['000', '001', '002', '003', '004'] as const).map((p) => ({
  file: p,
  text: cleanArticle(seed(p)).text,
}));
const candidates = mineCandidates(articles, glossary);
const terms = candidates.map((c) => c.term);

describe('term discovery', () => {
  it('lists quoted coinages and numbered formulas the glossary lacks, with count and example', () => {
    expect(terms).toEqual(expect.arrayContaining(['五谈、五看', '科产城人']));
    const formula = candidates.find((c) => c.term === '五谈、五看')!;
    expect(formula.source).toBe('formula');
    expect(formula.count).toBeGreaterThanOrEqual(1);
    expect(formula.example.sentence).toContain('五談、五看');
  });

  it('converts Traditional finds to Simplified and leaves out what the glossary already has', () => {
    expect(terms).toContain('同步课堂'); // from 同步課堂 in a Traditional seed
    for (const known of ['小马拉大车', '两个维护', '三个区分开来', '墩苗赋能', '新质生产力'])
      expect(terms).not.toContain(known);
    expect(terms.some((t) => /[發質產]/.test(t))).toBe(false);
  });
});
