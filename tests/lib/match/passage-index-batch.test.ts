import { describe, expect, it } from 'vitest';
import { PassageIndex, type IndexedPassage } from '../../../lib/match/passage-index';
import { CorpusIndex, passageFeatures } from '../../../lib/match/corpus-index';
import { buildTermMatcher } from '../../../lib/match/match-terms';
import { splitPassages } from '../../../lib/clean/passages';
import { cleanArticle } from '../../../lib/clean/clean-article';
import type { CorpusBundle } from '../../../lib/bundle';
import { readFileSync } from 'node:fs';
import { PATHS } from '../../../corpus/build/build-corpus';
import { testGlossary } from '../../glossary-fixture';
import { seed } from '../../seeds';

const matcher = buildTermMatcher(
  testGlossary([{ headword: '小马拉大车' }, { headword: '新质生产力' }]),
);
// The seeds ten times over, as articles of their own: ~100,000 postings, so that passages added
// one by one are sorted in several runs and merged (MAX_UNSORTED is 16,384).
const passages: IndexedPassage[] = Array.from({ length: 10 }, (_, copy) =>
  (['000', '001', '002', '003', '004'] as const).flatMap((prefix, k) =>
    splitPassages(cleanArticle(seed(prefix)).text).map((p, ordinal) => ({
      article: copy * 5 + k,
      ordinal,
      ...passageFeatures(p.text, matcher),
    })),
  ),
).flat();

const oneByOne = (maxShingles?: number): PassageIndex => {
  const index = new PassageIndex(maxShingles);
  for (const passage of passages) index.add(passage);
  return index;
};

describe('PassageIndex.addAll (one sort for a batch)', () => {
  it('holds exactly what adding the passages one by one holds', () => {
    expect(passages.reduce((n, p) => n + p.shingles.length, 0)).toBeGreaterThan(50_000);
    const batch = new PassageIndex();
    batch.addAll(passages);
    expect(batch.snapshot()).toEqual(oneByOne().snapshot());
  });

  it('holds the same in batches, and when the memory budget makes it sample mid-batch', () => {
    const batches = new PassageIndex();
    batches.addAll(passages.slice(0, 70));
    batches.addAll(passages.slice(70));
    expect(batches.snapshot()).toEqual(oneByOne().snapshot());
    const sampled = new PassageIndex(20_000);
    sampled.addAll(passages);
    expect(sampled.samplingRate).toBeGreaterThan(1);
    expect(sampled.snapshot()).toEqual(oneByOne(20_000).snapshot());
  });

  it('answers queries after a batch as after passages added one by one', () => {
    const batch = new PassageIndex();
    batch.addAll(passages);
    const single = oneByOne();
    const probe = passages[3]!;
    expect(batch.query(probe.shingles, probe.terms)).toEqual(
      single.query(probe.shingles, probe.terms),
    );
  });
});

describe('CorpusIndex.addArticles', () => {
  const bundle = JSON.parse(readFileSync(PATHS.bundle, 'utf8')) as CorpusBundle;

  it('indexes a list of articles as adding them one at a time does; a repeated or indexed id counts once, the last', () => {
    const fromBundle = CorpusIndex.fromBundle(bundle);
    const oneAtATime = CorpusIndex.fromBundle({ ...bundle, articles: [] });
    for (const article of bundle.articles) oneAtATime.addArticle(article);
    expect(fromBundle.snapshot()).toEqual(oneAtATime.snapshot());

    const [first, ...rest] = bundle.articles;
    const renamed = { ...first!, title: '改过的标题' };
    const repeated = CorpusIndex.fromBundle({ ...bundle, articles: [] });
    repeated.addArticles([first!, ...rest, renamed]);
    expect(repeated.size).toBe(bundle.articles.length);
    expect(repeated.catalog.get(first!.id)?.title).toBe('改过的标题');

    // An article indexed already is replaced, its passages with it.
    const again = CorpusIndex.fromBundle(bundle);
    again.addArticles([renamed]);
    expect(again.size).toBe(bundle.articles.length);
    expect(again.catalog.get(first!.id)?.title).toBe('改过的标题');
    const passages = bundle.articles.reduce((n, a) => n + a.passages.length, 0);
    expect(again.snapshot().passages.alive.reduce((n, alive) => n + alive, 0)).toBe(passages);
  });
});
