import { describe, expect, it } from 'vitest';
import { minhashSignature } from '../lib/match/minhash';
import { SimilarityIndex, type SimilarArticle } from '../lib/match/similarity-index';
import { mulberry32, syntheticCorpus } from './bench/synthetic-corpus';

// No timing assertions here: the benchmark (npm run bench) reports times, this checks its inputs.

const key = (hit: SimilarArticle): string => `${hit.articleId}|${hit.relation}`;

describe('synthetic benchmark corpus', () => {
  it('is deterministic: the same seed gives identical signatures, another seed does not', () => {
    const options = { poolSize: 300, queries: 20, cache: false };
    const a = syntheticCorpus(200, 7, options);
    const b = syntheticCorpus(200, 7, options);
    const c = syntheticCorpus(200, 8, options);
    expect(b.articles.map((x) => x.id)).toEqual(a.articles.map((x) => x.id));
    a.articles.forEach((article, i) => {
      expect(b.articles[i]!.features.signature).toEqual(article.features.signature);
      expect(b.articles[i]!.features.shingleCount).toBe(article.features.shingleCount);
      expect(b.articles[i]!.features.terms).toEqual(article.features.terms);
    });
    a.queries.forEach((query, i) => {
      expect(b.queries[i]!.kind).toBe(query.kind);
      expect(b.queries[i]!.features.signature).toEqual(query.features.signature);
    });
    expect(c.articles[0]!.features.signature).not.toEqual(a.articles[0]!.features.signature);
  });

  it('a smaller corpus is a prefix of a larger one', () => {
    const options = { poolSize: 300, queries: 20 };
    const small = syntheticCorpus(50, 3, options);
    const large = syntheticCorpus(120, 3, options);
    small.articles.forEach((article, i) =>
      expect(large.articles[i]!.features.signature).toEqual(article.features.signature),
    );
  });

  it('relies on an exact identity: the MinHash of a union is the element-wise minimum', () => {
    const rng = mulberry32(11);
    const part = (): Uint32Array =>
      Uint32Array.from({ length: 200 }, () => Math.floor(rng() * 2 ** 32)).sort();
    const x = part();
    const y = part();
    const union = Uint32Array.from(new Set([...x, ...y])).sort();
    const sx = minhashSignature(x);
    const sy = minhashSignature(y);
    expect(minhashSignature(union)).toEqual(sx.map((v, i) => Math.min(v, sy[i]!)));
  });

  describe('a 2,000-article index', () => {
    const corpus = syntheticCorpus(2000, 20240901);
    const index = new SimilarityIndex();
    for (const article of corpus.articles) index.add(article.id, article.features);
    const built = corpus.queries.filter((q) => q.kind === 'duplicate' || q.kind === 'excerpt');

    it('has duplicate and excerpt queries', () => {
      expect(built.filter((q) => q.kind === 'duplicate').length).toBeGreaterThanOrEqual(40);
      expect(built.filter((q) => q.kind === 'excerpt').length).toBeGreaterThanOrEqual(40);
    });

    it('finds the article each duplicate / excerpt query was built from', () => {
      for (const query of built) {
        const hit = index.query(query.features).find((h) => h.articleId === query.sourceId);
        expect(hit?.relation, `${query.kind} of ${query.sourceId}`).toBe(
          query.kind === 'duplicate' ? 'duplicate' : 'reuse',
        );
      }
    });

    it('answers through the index what a scan answers: nothing more, and nearly all of it', () => {
      // The index looks up 64 of the 128 signature positions (half the memory); a scan compares
      // all 128, so it can also find a weak reuse whose signatures agree only elsewhere. In the
      // extension the articles of parallel passages are candidates too (CorpusIndex.similar).
      let found = 0;
      let total = 0;
      for (const query of built) {
        const byIndex = index.query(query.features).map(key);
        const byScan = new Set(index.scan(query.features).map(key));
        for (const hit of byIndex) expect(byScan.has(hit)).toBe(true);
        found += byIndex.length;
        total += byScan.size;
      }
      expect(found / total).toBeGreaterThanOrEqual(0.97);
    });

    it('finds nothing for unrelated queries and, for most related ones, the source article', () => {
      // Terms in more than 2% of articles do not count towards `related`, so a related query whose
      // shared terms are all common ones may miss its source; most share rarer terms.
      const df = new Map<string, number>();
      for (const a of corpus.articles)
        for (const t of Object.keys(a.features.terms)) df.set(t, (df.get(t) ?? 0) + 1);
      const distinctive = (terms: Record<string, number>) =>
        Object.keys(terms).filter(
          (t) => (df.get(t) ?? 0) <= Math.max(20, 0.02 * corpus.articles.length),
        ).length;
      const related = corpus.queries.filter(
        (q) => q.kind === 'related' && distinctive(q.features.terms) >= 3,
      );
      expect(related.length).toBeGreaterThan(10);
      const found = related.filter(
        (q) =>
          index.query(q.features).find((h) => h.articleId === q.sourceId)?.relation === 'related',
      );
      expect(found.length / related.length).toBeGreaterThanOrEqual(0.95);
      for (const query of corpus.queries) {
        if (query.kind === 'unrelated') expect(index.query(query.features)).toEqual([]);
      }
    });
  });
});
