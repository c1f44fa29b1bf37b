import { describe, expect, it } from 'vitest';
import { PassageIndex } from '../../../lib/match/passage-index';
import { passageFeatures } from '../../../lib/match/corpus-index';
import { buildTermMatcher } from '../../../lib/match/match-terms';
import { splitPassages } from '../../../lib/clean/passages';
import { cleanArticle } from '../../../lib/clean/clean-article';
import { testGlossary } from '../../glossary-fixture';
import { seed } from '../../seeds';

const matcher = buildTermMatcher(
  testGlossary([{ headword: '小马拉大车' }, { headword: '新质生产力' }]),
);
const seeds = (['000', '001', '002', '003', '004'] as const).map((prefix, article) => ({
  article,
  passages: splitPassages(cleanArticle(seed(prefix)).text).map((p) => p.text),
}));

function indexOf(articles: typeof seeds): PassageIndex {
  const index = new PassageIndex();
  for (const { article, passages } of articles)
    passages.forEach((text, ordinal) =>
      index.add({ article, ordinal, ...passageFeatures(text, matcher) }),
    );
  return index;
}

/** Every seed passage's hits, as text. */
const answers = (index: PassageIndex): string[][] =>
  seeds.flatMap(({ passages }) =>
    passages.map((text) => {
      const { shingles, terms } = passageFeatures(text, matcher);
      return index
        .query(shingles, terms)
        .sort((a, b) => b.score - a.score || a.article - b.article || a.ordinal - b.ordinal)
        .map((h) => `${h.article}#${h.ordinal} ${h.score}`);
    }),
  );

/** Warms in the smallest slices (each call returns after a few passages), as the worker does. */
function warmAll(index: PassageIndex): number {
  let from = 0;
  let calls = 0;
  while (from >= 0) {
    from = index.warmWeights(from, 0);
    calls++;
  }
  return calls;
}

describe('PassageIndex.warmWeights', () => {
  it('weighs passages ahead of queries, slice by slice, without changing an answer', () => {
    const cold = answers(indexOf(seeds));
    expect(cold.flat().length).toBeGreaterThan(0);
    // Passages just added wait unsorted: warming must weigh them with their postings.
    const warmed = indexOf(seeds);
    expect(warmAll(warmed)).toBeGreaterThan(1);
    expect(answers(warmed)).toEqual(cold);
  });

  it('weighs again after the corpus changed', () => {
    const index = indexOf(seeds.slice(0, 3));
    warmAll(index);
    answers(index);
    for (const { article, passages } of seeds.slice(3))
      passages.forEach((text, ordinal) =>
        index.add({ article, ordinal, ...passageFeatures(text, matcher) }),
      );
    warmAll(index);
    expect(answers(index)).toEqual(answers(indexOf(seeds)));
  });
});
