import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../corpus/build/build-corpus';
import {
  analyzeArticle,
  compareArticle,
  MAX_ANALYZED_CHARS,
  MAX_PARALLEL_PASSAGES,
} from '../../lib/analyze-page';
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

describe('compareArticle where the passage index samples (a large corpus)', () => {
  // A budget far below the seeds' shingles: the passage index keeps one shingle in many, as it
  // does past 4 M shingles (~40,000 articles).
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  const sampled = CorpusIndex.fromBundle(parsed.value, [], 400);
  const source = parsed.value.articles.find((a) => a.id.startsWith('003_'))!;
  const copied = source.passages.slice(3, 7).map((p) => source.text.slice(p.start, p.end));

  it('still links each copied passage to its source, first', async () => {
    expect(sampled.passageSamplingRate).toBeGreaterThan(4);
    const excerpt = [...copied, '本报记者补充：会后各地结合实际制定了落实方案。'].join('\n');
    const { similar, parallels } = await compareArticle(excerpt, sampled);
    expect(similar[0]).toMatchObject({ articleId: source.id, relation: 'reuse' });
    const linked = parallels.map((p) => p.matches[0]);
    expect(linked).toHaveLength(copied.length);
    for (const [i, match] of linked.entries()) {
      expect(match?.passageId).toBe(source.passages[3 + i]!.id);
      expect(match?.score).toBeGreaterThan(0.9);
    }
  });
});
