import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../corpus/build/build-corpus';
import { analyzeArticle, MAX_ANALYZED_CHARS, MAX_PARALLEL_PASSAGES } from '../../lib/analyze-page';
import { parseBundle } from '../../lib/bundle';
import { CorpusIndex } from '../../lib/match/corpus-index';
import { seed } from '../seeds';

const corpus = (() => {
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return CorpusIndex.fromBundle(parsed.value);
})();

describe('analyzeArticle on a huge page', () => {
  // Seed paragraphs again and again: every passage has parallels in the corpus.
  const paragraphs = seed('003')
    .split('\n')
    .filter((p) => p.length > 40);
  const huge = Array.from({ length: 3000 }, (_, i) => paragraphs[i % paragraphs.length]).join('\n');

  it('compares the first part, says so, and answers with a bounded list', async () => {
    expect(huge.length).toBeGreaterThan(2 * MAX_ANALYZED_CHARS);
    const analysis = await analyzeArticle({ title: '长文', text: huge }, corpus);
    expect(analysis.article?.chars).toBeGreaterThan(2 * MAX_ANALYZED_CHARS);
    expect(analysis.article?.analyzedChars).toBe(MAX_ANALYZED_CHARS);
    expect(analysis.parallels.length).toBe(MAX_PARALLEL_PASSAGES);
    expect(analysis.similar[0]?.articleId).toMatch(/^003_/);
    // What the page receives does not grow with the page.
    expect(JSON.stringify(analysis).length).toBeLessThan(2_000_000);
  });

  it('says nothing of a cut for an article of ordinary length', async () => {
    const analysis = await analyzeArticle({ title: '', text: seed('001') }, corpus);
    expect(analysis.article?.analyzedChars).toBeUndefined();
  });
});
