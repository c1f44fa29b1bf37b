import { describe, expect, it } from 'vitest';
import { PassageIndex } from '../../../lib/match/passage-index';
import { passageFeatures } from '../../../lib/match/corpus-index';
import { buildTermMatcher } from '../../../lib/match/match-terms';
import { sortPairs } from '../../../lib/match/typed-arrays';
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

function indexOf(maxShingles?: number): PassageIndex {
  const index = new PassageIndex(maxShingles);
  for (const { article, passages } of seeds)
    passages.forEach((text, ordinal) =>
      index.add({ article, ordinal, ...passageFeatures(text, matcher) }),
    );
  return index;
}

const ranked = (index: PassageIndex, text: string, exclude?: number) => {
  const { shingles, terms } = passageFeatures(text, matcher);
  return index
    .query(shingles, terms, exclude)
    .sort((a, b) => b.score - a.score || a.article - b.article || a.ordinal - b.ordinal)
    .map((h) => `${h.article}#${h.ordinal} ${h.score}`);
};

describe('sortPairs', () => {
  it('sorts keys and carries values along, like a comparison sort', () => {
    const keys = Uint32Array.from(
      { length: 5000 },
      (_, i) => (Math.imul(i, 2654435761) >>> 0) % 100000,
    );
    const values = Uint32Array.from(keys, (_, i) => i);
    const expected = [...keys].map((k, i) => [k, i]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    sortPairs(keys, values);
    expect([...keys]).toEqual(expected.map((p) => p[0]));
    expect([...values]).toEqual(expected.map((p) => p[1]));
  });
});

describe('PassageIndex', () => {
  const full = indexOf();
  const copied = seeds[3]!.passages[2]!;

  it('finds the passage a copied paragraph came from, first and nearly whole', () => {
    const [best] = ranked(full, `按照要求，${copied}`);
    expect(best).toMatch(/^3#2 (0\.9|1)/);
  });

  it('gives the same answers after a snapshot round trip', () => {
    const restored = PassageIndex.fromSnapshot(full.snapshot());
    for (const { passages } of seeds)
      for (const text of passages.slice(0, 6))
        expect(ranked(restored, text)).toEqual(ranked(full, text));
  });

  it('forgets a removed article, and weighs the rest as if it had never been there', () => {
    const without = indexOf();
    without.removeArticles(new Set([3]));
    const rebuilt = new PassageIndex();
    for (const { article, passages } of seeds)
      if (article !== 3)
        passages.forEach((text, ordinal) =>
          rebuilt.add({ article, ordinal, ...passageFeatures(text, matcher) }),
        );
    expect(ranked(without, copied).some((hit) => hit.startsWith('3#'))).toBe(false);
    for (const text of seeds[1]!.passages.slice(0, 6))
      expect(ranked(without, text)).toEqual(ranked(rebuilt, text));
  });

  it('keeps within its memory budget by sampling, and still finds copied text', () => {
    const total = full.indexedShingles;
    const small = indexOf(Math.floor(total / 3));
    expect(small.samplingRate).toBe(4);
    expect(small.indexedShingles).toBeLessThanOrEqual(total / 3);
    expect(ranked(small, `按照要求，${copied}`)[0]).toMatch(/^3#2 /);
    // Unrelated text still finds nothing.
    expect(
      ranked(small, '秋天的茶市格外热闹，茶农们挑着竹篓从山上下来，新炒的绿茶香气扑鼻。'),
    ).toEqual([]);
  });
});

describe('what counts as evidence of a parallel', () => {
  // Han text that no other call repeats: article k's own wording.
  let next = 0;
  const filler = (length: number) =>
    Array.from({ length }, () => String.fromCharCode(0x5000 + ((next++ * 37) % 8000))).join('');
  const template = filler(40); // central wording: in every article
  const fillIn = filler(10); // a local fill-in: in two articles only
  const shingles = (text: string) => passageFeatures(text, buildTermMatcher([])).shingles;

  function corpus(
    passages: { text: string; terms?: string[] }[],
    namesLine?: (t: string) => boolean,
  ) {
    const index = new PassageIndex(undefined, namesLine);
    passages.forEach(({ text, terms = [] }, article) =>
      index.add({ article, ordinal: 0, shingles: shingles(text), terms }),
    );
    return index;
  }
  const others = Array.from({ length: 4 }, () => ({ text: template + filler(60) }));

  it('a rare fill-in of a shared template is not a line of its own; the same clause alone is', () => {
    const index = corpus([
      { text: template + fillIn + filler(60) },
      { text: template + fillIn + filler(60) },
      ...others,
    ]);
    const query = shingles(template + fillIn + filler(60));
    expect(index.query(query, [], 1).filter((h) => h.article === 0)).toEqual([]);

    const alone = corpus([
      { text: filler(20) + fillIn + filler(60) },
      { text: filler(30) + fillIn + filler(40) },
      ...others,
    ]);
    const hits = alone.query(shingles(filler(20) + fillIn + filler(60)), [], 1);
    expect(hits.map((h) => h.article)).toEqual([0]);
  });

  it('a quoted programme links its passages however many articles quote it; a slogan does not', () => {
    const quoting = Array.from({ length: 5 }, () => ({ text: filler(80), terms: ['programme'] }));
    const named = corpus([...quoting, { text: filler(80) }], (t) => t === 'programme');
    expect(named.query(shingles(filler(80)), ['programme']).length).toBe(5);
    const slogan = corpus([...quoting, { text: filler(80) }]);
    expect(slogan.query(shingles(filler(80)), ['programme'])).toEqual([]);
  });

  it('links two provinces heading the same task with a named line, however many articles state it', () => {
    const glossary = buildTermMatcher(testGlossary([{ headword: '新质生产力' }]));
    const features = (text: string) => passageFeatures(text, glossary);
    // The line is in every article (common wording: it weighs nothing); two open a task with it.
    const line = '因地制宜发展新质生产力';
    const texts = [
      `（二）奋力推进${line}。${filler(40)}`,
      `三是聚焦${line}，${filler(6)}。${filler(40)}`,
      ...Array.from({ length: 4 }, () => `${filler(20)}${line}${filler(40)}`),
    ];
    const index = new PassageIndex();
    texts.forEach((text, article) => index.add({ article, ordinal: 0, ...features(text) }));
    const query = (i: number, at = index) => {
      const { shingles, terms, heading } = features(texts[i]!);
      return at.query(shingles, terms, i, undefined, heading).map((h) => h.article);
    };
    expect(query(0)).toEqual([1]);
    expect(query(1)).toEqual([0]);
    // A paragraph that only uses the line links nothing.
    expect(query(2)).toEqual([]);
    expect(query(0, PassageIndex.fromSnapshot(index.snapshot()))).toEqual([1]);
    index.removeArticles(new Set([1]));
    expect(query(0)).toEqual([]);
  });

  it('takes a term as quoted when its match starts inside the quotation marks', () => {
    const glossary = buildTermMatcher(
      testGlossary([{ headword: '人工智能+', aliases: ['人工智能+行动'] }]),
    );
    expect(passageFeatures('拓展实施“人工智能+”行动。', glossary).terms).toEqual(['term-0']);
    expect(passageFeatures('拓展实施人工智能+行动。', glossary).terms).toEqual([]);
  });
});
