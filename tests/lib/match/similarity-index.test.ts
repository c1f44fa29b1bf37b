import { describe, expect, it } from 'vitest';
import { articleFeatures } from '../../../lib/match/article-features';
import { cleanArticle } from '../../../lib/clean/clean-article';
import { corpusStopShingles } from '../../../lib/match/corpus-index';
import { buildTermMatcher } from '../../../lib/match/match-terms';
import { SimilarityIndex } from '../../../lib/match/similarity-index';
import { testGlossary } from '../../glossary-fixture';
import { seed } from '../../seeds';

const glossary = testGlossary([
  { headword: '新质生产力' },
  { headword: '高质量发展' },
  { headword: '小马拉大车' },
  { headword: '三个区分开来' },
  { headword: '基层治理' },
  { headword: '选贤任能' },
  { headword: '党建引领' },
]);
const matcher = buildTermMatcher(glossary);
const stop = corpusStopShingles(['习近平新时代中国特色社会主义思想', '中华民族伟大复兴'], glossary);
const features = (text: string) => articleFeatures(cleanArticle(text).text, stop, matcher);

const exact = new Map<string, Uint32Array>();
const index = new SimilarityIndex((id) => exact.get(id));
for (const prefix of ['000', '001', '002', '003', '004'] as const) {
  const f = features(seed(prefix));
  exact.set(prefix, f.shingles!);
  index.add(prefix, f);
}

describe('SimilarityIndex', () => {
  it('finds a repost with collapsed paragraphs and page clutter as duplicate', () => {
    const repost = `首页 新闻 评论\n${seed('003').replace(/\n/g, '')}\n相关阅读:今日天气晴\n版权所有`;
    expect(index.query(features(repost))[0]).toMatchObject({
      articleId: '003',
      relation: 'duplicate',
    });
  });

  it('finds an excerpt as reuse, with a high share of the excerpt found', () => {
    const excerpt = seed('003').split('\n').slice(2, 4).join('\n');
    const hit = index.query(features(excerpt))[0]!;
    expect(hit).toMatchObject({ articleId: '003', relation: 'reuse' });
    expect(hit.score).toBeGreaterThan(0.7);
  });

  it('does not call two texts reuse for sharing only slogans and terms', () => {
    const slogans =
      '坚持以习近平新时代中国特色社会主义思想为指导,发展新质生产力,推动高质量发展,实现中华民族伟大复兴。' +
      '要着力破解基层治理小马拉大车难题,落实三个区分开来,坚持选贤任能,党建引领。' +
      '今年我县举办了秋季运动会,共有两千名中小学生参加了田径、游泳和球类比赛。';
    const results = index.query(features(slogans));
    expect(results.filter((r) => r.relation !== 'related')).toEqual([]);
  });

  it('lists an unrelated text nowhere', () => {
    const unrelated =
      '秋天的茶市格外热闹。清晨六点,茶农们挑着竹篓从山上下来,新炒的绿茶香气扑鼻。'.repeat(6);
    expect(index.query(features(unrelated))).toEqual([]);
  });

  it('answers through the index exactly what a scan over all signatures answers', () => {
    for (const prefix of ['000', '001', '002', '003', '004'] as const) {
      const f = features(seed(prefix).slice(0, 1500));
      expect(index.query(f)).toEqual(index.scan(f));
    }
  });

  it('can exclude the article being compared with itself', () => {
    expect(index.query(features(seed('001')), '001').some((r) => r.articleId === '001')).toBe(
      false,
    );
  });
});
