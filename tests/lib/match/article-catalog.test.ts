import { describe, expect, it } from 'vitest';
import {
  ArticleCatalog,
  MAX_LIST_ROWS,
  type CatalogArticle,
} from '../../../lib/match/article-catalog';

const article = (i: number, extra: Partial<CatalogArticle> = {}): CatalogArticle => ({
  id: `a-${i}`,
  title: `第${i}号文件`,
  source: `file-${i}.txt`,
  lang: 'zh-Hans',
  text: '文'.repeat(100 + i),
  passages: [],
  meta: {
    pinyinRemoved: 0,
    mojibake: [],
    date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
  },
  origin: i % 2 === 0 ? 'user' : 'bundle',
  ...extra,
});

describe('ArticleCatalog', () => {
  const catalog = new ArticleCatalog();
  for (let i = 0; i < 1200; i++) catalog.add(article(i));
  catalog.add(
    article(5000, {
      title: '江蘇省2026年政府工作報告',
      meta: { pinyinRemoved: 0, mojibake: [], place: '江苏省', date: '2026-01-28' },
    }),
  );

  it('finds a title in either script, and says how many match', () => {
    const list = catalog.list({ search: '江苏省2026年政府工作报告' });
    expect(list.rows.map((r) => r.id)).toEqual(['a-5000']);
    expect(list).toMatchObject({ total: 1201, matching: 1 });
    expect(catalog.list({ search: 'FILE-7.TXT' }).rows.map((r) => r.id)).toEqual(['a-7']);
  });

  it('pages through a long list in windows of bounded size', () => {
    const first = catalog.list({ sort: 'added', limit: 100 });
    const next = catalog.list({ sort: 'added', offset: 100, limit: 100 });
    expect(first.rows[0]!.id).toBe('a-0');
    expect(next.rows[0]!.id).toBe('a-100');
    expect(catalog.list({ limit: 100_000 }).rows.length).toBe(MAX_LIST_ROWS);
  });

  it('filters by origin, place and date, and sorts newest first', () => {
    expect(catalog.list({ origin: 'user' }).matching).toBe(601);
    expect(catalog.list({}).userTotal).toBe(601);
    const places = catalog.list({});
    expect(places.places).toEqual([{ name: '江苏省', count: 1 }]);
    expect(catalog.list({ place: '江苏省' }).rows.map((r) => r.id)).toEqual(['a-5000']);
    const newest = catalog.list({ sort: 'date', descending: true, limit: 3 });
    expect(newest.rows.map((r) => r.date)).toEqual(['2026-01-28', '2026-01-28', '2026-01-28']);
    expect(
      catalog
        .list({ from: '2026-01-27', to: '2026-01-27' })
        .rows.every((r) => r.date === '2026-01-27'),
    ).toBe(true);
  });

  it('filters by outlet and year, each facet counting what the other filters leave', () => {
    const small = new ArticleCatalog();
    const meta = (outlet: string, date: string, place: string) => ({
      pinyinRemoved: 0,
      mojibake: [],
      outlet,
      date,
      place,
    });
    small.add(article(1, { meta: meta('人民日报', '2024-7-4 09:18:46', '北京市') }));
    small.add(article(2, { meta: meta('人民日报', '2026-02-01', '上海市') }));
    small.add(article(3, { meta: meta('新华社', '2026-02-03', '上海市') }));
    const all = small.list({});
    expect(all.outlets).toEqual([
      { name: '人民日报', count: 2 },
      { name: '新华社', count: 1 },
    ]);
    expect(all.years).toEqual([
      { name: '2026', count: 2 },
      { name: '2024', count: 1 },
    ]);
    const people = small.list({ outlet: '人民日报' });
    expect(people.rows.map((r) => r.id).sort()).toEqual(['a-1', 'a-2']);
    // The outlet facet still offers every outlet; the years are those of this outlet.
    expect(people.outlets.map((o) => o.name)).toEqual(['人民日报', '新华社']);
    expect(people.years).toEqual([
      { name: '2026', count: 1 },
      { name: '2024', count: 1 },
    ]);
    const in2026 = small.list({ from: '2026', to: '2026', place: '上海市' });
    expect(in2026.rows.map((r) => r.id).sort()).toEqual(['a-2', 'a-3']);
    expect(in2026.places).toEqual([{ name: '上海市', count: 2 }]);
  });

  it('forgets removed articles, also after a snapshot round trip', () => {
    const copy = ArticleCatalog.fromSnapshot(catalog.snapshot());
    copy.remove(['a-5000', 'a-0']);
    expect(copy.list({ search: '江苏' }).matching).toBe(0);
    expect(copy.size).toBe(1199);
    expect(ArticleCatalog.fromSnapshot(copy.snapshot()).list({}).total).toBe(1199);
  });
});
