import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../../corpus/build/build-corpus';
import { parseBundle, type BundleArticle } from '../../../lib/bundle';
import { CorpusIndex } from '../../../lib/match/corpus-index';

const bundle = (() => {
  const parsed = parseBundle(JSON.parse(readFileSync(PATHS.bundle, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();
const seed = (prefix: string) => bundle.articles.find((a) => a.id.startsWith(prefix))!;
const passageText = (article: BundleArticle, passageId: string) => {
  const p = article.passages.find((x) => x.id === passageId)!;
  return article.text.slice(p.start, p.end);
};

describe('CorpusIndex.policyLine', () => {
  it('lists the 小马拉大车 line of seed 003 in the other seeds that carry it, by article', async () => {
    const corpus = CorpusIndex.fromBundle(bundle);
    const anchor = `${seed('003').id}#p8`;
    expect(passageText(seed('003'), anchor)).toContain('小马拉大车');
    const line = (await corpus.policyLine(anchor))!;
    expect(line.anchor).toMatchObject({ passageId: anchor, articleId: seed('003').id });
    expect(line.anchor.title).toBe(seed('003').title);
    const articles = line.articles.map((a) => a.articleId);
    expect(articles).toEqual(expect.arrayContaining([seed('001').id, seed('004').id]));
    // Never the anchor's own article; each passage once, with its text.
    expect(articles).not.toContain(seed('003').id);
    for (const article of line.articles) {
      expect(article.title).not.toBe('');
      for (const p of article.passages) {
        expect(p.passageId.startsWith(`${article.articleId}#`)).toBe(true);
        const source = bundle.articles.find((a) => a.id === article.articleId)!;
        expect(p.text).toBe(passageText(source, p.passageId));
      }
    }
    // The place a seed's metadata gives is shown with its article.
    expect(line.articles.find((a) => a.articleId === seed('004').id)?.place).toBe('山西省怀仁市');
    expect(line.truncated).toBe(false);
  });

  it('puts dated articles first, oldest first, and undated ones after, best first', async () => {
    const withDate = (article: BundleArticle, date: string): BundleArticle => ({
      ...article,
      meta: { ...article.meta, date },
    });
    // 004 dated before 001: the line lists 004 first, though 001 was added first.
    const corpus = CorpusIndex.fromBundle({
      ...bundle,
      articles: bundle.articles.map((a) =>
        a.id === seed('001').id
          ? withDate(a, '2025-03-01')
          : a.id === seed('004').id
            ? withDate(a, '2023-11-20')
            : a,
      ),
    });
    const line = (await corpus.policyLine(`${seed('003').id}#p8`))!;
    expect(line.articles.map((a) => [a.articleId, a.date])).toEqual([
      [seed('004').id, '2023-11-20'],
      [seed('001').id, '2025-03-01'],
    ]);
    // Seed 002's opening, paralleled in two undated seeds: the better parallel first.
    const undated = (await CorpusIndex.fromBundle(bundle).policyLine(`${seed('002').id}#p0`))!;
    expect(undated.articles.length).toBeGreaterThanOrEqual(2);
    expect(undated.articles.every((a) => a.date === undefined)).toBe(true);
    const scores = undated.articles.map((a) => a.passages[0]!.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('lists at most the limit, and says that more exist', async () => {
    const corpus = CorpusIndex.fromBundle(bundle);
    const all = (await corpus.policyLine(`${seed('003').id}#p8`))!;
    expect(all.truncated).toBe(false);
    const line = (await corpus.policyLine(`${seed('003').id}#p8`, 1))!;
    expect(line.articles.flatMap((a) => a.passages)).toHaveLength(1);
    expect(line.truncated).toBe(true);
  });

  it('answers null for a passage the corpus does not have', async () => {
    const corpus = CorpusIndex.fromBundle(bundle);
    expect(await corpus.policyLine('nope#p1')).toBeNull();
  });
});

describe('CorpusIndex.parallels and quoted exhortation', () => {
  const corpus = CorpusIndex.fromBundle(bundle);
  const linkedFrom = (passageId: string) => {
    const article = bundle.articles.find((a) => passageId.startsWith(`${a.id}#`))!;
    return corpus
      .parallels([passageText(article, passageId)], article.id)[0]!
      .map((m) => m.passageId);
  };

  it('does not link two passages that only quote the same formula (“两个维护”)', () => {
    const a = `${seed('000').id}#p9`;
    const b = `${seed('003').id}#p2`;
    expect(passageText(seed('000'), a)).toContain('“两个维护”');
    expect(passageText(seed('003'), b)).toContain('“两个维护”');
    expect(linkedFrom(a)).not.toContain(b);
    expect(linkedFrom(b)).not.toContain(a);
  });

  it('still links the passages that quote the same named line (“小马拉大车”)', () => {
    expect(linkedFrom(`${seed('003').id}#p8`)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${seed('001').id}#`))]),
    );
  });
});
