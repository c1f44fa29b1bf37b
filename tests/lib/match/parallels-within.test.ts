import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../../corpus/build/build-corpus';
import { parseBundle, type BundleArticle } from '../../../lib/bundle';
import { CorpusIndex, SOURCE_PASSAGE_SHARE } from '../../../lib/match/corpus-index';
import { countShared, shingleHashes } from '../../../lib/match/shingles';
import { compactForMatch } from '../../../lib/normalise/fold-script';
import { splitPassages } from '../../../lib/clean/passages';

const bundle = (() => {
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();

/** The definition, pair by pair: every page passage against every passage of the sources. */
function pairByPair(pagePassages: readonly string[], sources: readonly BundleArticle[]) {
  const shingles = (text: string) => shingleHashes(compactForMatch(text));
  return pagePassages.map((text) => {
    const ours = shingles(text);
    if (ours.length < 8) return [];
    return sources.flatMap((article) =>
      article.passages.flatMap((p) => {
        const theirs = shingles(article.text.slice(p.start, p.end));
        const smaller = Math.min(ours.length, theirs.length);
        if (smaller < 8) return [];
        const score = countShared(ours, theirs) / smaller;
        return score >= SOURCE_PASSAGE_SHARE
          ? [{ articleId: article.id, passageId: p.id, score }]
          : [];
      }),
    );
  });
}

describe('CorpusIndex.parallelsWithin', () => {
  const corpus = CorpusIndex.fromBundle(bundle);
  // A page made of two seeds' paragraphs, one of them edited: copies, near copies, and others.
  const [a, b, c] = bundle.articles;
  const pageText = [
    ...a!.passages.map((p) => a!.text.slice(p.start, p.end)),
    ...b!.passages.map((p) => b!.text.slice(p.start, p.end).replace(/。/g, '，').slice(0, 60)),
  ].join('\n');
  const page = splitPassages(pageText).map((p) => p.text);

  it.each([
    ['one source', [a!]],
    ['two sources and an unrelated article', [a!, b!, c!]],
  ])('finds exactly the pairs the pair-by-pair count finds (%s)', async (_what, sources) => {
    const found = await corpus.parallelsWithin(
      page,
      sources.map((s) => s.id),
    );
    const expected = pairByPair(page, sources);
    expect(found.flat().length).toBeGreaterThan(0);
    expect(found).toEqual(expected);
    // Asked again (the sources' passages now cached), the same answer.
    expect(
      await corpus.parallelsWithin(
        page,
        sources.map((s) => s.id),
      ),
    ).toEqual(expected);
  });
});
