import { describe, expect, it } from 'vitest';
import { mineCandidates, precisionAt, readLabels } from '../../corpus/candidates';
import { readDatasets } from '../../corpus/datasets';
import { REPORTS_DIR, reportsPresent } from '../reports-2026';
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

describe('ranking against the labelled candidates (corpus/candidates-labels.yaml)', () => {
  const labels = readLabels();

  it('has every seed candidate of its top 50 labelled, and a floor on its precision', () => {
    const { real, unlabelled, of } = precisionAt(candidates, labels);
    expect(unlabelled).toEqual([]);
    // The seeds are five short articles whose terms are mostly in the glossary already: 29
    // candidates survive, 10 of them real (34.5 %; 10 of 35 before the second rework, 9 of 50
    // before the first). Issue 10's 60 % is met by no honest labelling of the seeds alone; this
    // floor keeps the ranking from sliding.
    expect(real / of).toBeGreaterThanOrEqual(0.34);
    expect(terms).not.toContain('习近平');
    expect(terms).not.toContain('党员干部');
  });

  it.skipIf(!reportsPresent)('ranks 60 % real terms in its top 50 with the 2026 reports', () => {
    const reports = readDatasets([REPORTS_DIR]).articles.map((d) => ({
      file: d.source,
      text: cleanArticle(d.raw, d.title).text,
    }));
    const ranked = mineCandidates([...articles, ...reports], glossary);
    const { real, unlabelled, of } = precisionAt(ranked, labels);
    expect(unlabelled).toEqual([]);
    expect(of).toBe(50);
    // 31/50 (21/50 before the second rework, 14/50 before the first): issue 10's goal.
    expect(real / of).toBeGreaterThanOrEqual(0.6);
    // Quoted everyday words and dictionary words behind a 新 or a count stay out.
    for (const noise of ['示范区', '家门口', '一站式', '新能源', '新一轮'])
      expect(ranked.slice(0, 50).map((c) => c.term)).not.toContain(noise);
  });
});
