import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBundle, type BundleArticle, type CorpusBundle } from '../../lib/bundle';
import { buildBundle, PATHS, serializeBundle } from '../../corpus/build/build-corpus';
import { datasetFolders, readDatasets } from '../../corpus/datasets';
import { REPORTS_DIR, reportsPresent } from '../reports-2026';

// Invented texts in the reports' shape (never dataset text): two rows, one multi-line and quoted.
const CSV =
  '\uFEFFprovince,year,title,source_url,publish_date,full_text\r\n' +
  '甲省,2026,2026年甲省政府工作报告,https://example.gov.cn/jia/report.html,2026-01-20,"各位代表：\r\n' +
  '现在，我代表省人民政府，向大会报告工作。过去一年，全省推进新型工业化，建设现代化产业体系。\r\n' +
  '今年要因地制宜发展新质生产力，持续推进城乡融合发展。"\r\n' +
  '乙省,2026,2026年乙省政府工作报告,https://example.gov.cn/yi/report.html,2026-01-28,"过去一年，全省经济运行稳中有进，粮食产量再创新高。\r\n' +
  '今年要扎实推进乡村全面振兴，办好民生实事。"\r\n';
const OTHER_CSV = 'name,score\n张三,90\n';
const TXT = '丙县基层治理札记\n社区网格员走家入户，把矛盾化解在基层，群众办事不出村。\n';
const HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>丁市推进政务服务改革 - 示例网</title>
<link rel="canonical" href="https://example.com/ding/news.html"></head><body>
<nav>首页 | 新闻 | 政务</nav>
<article><h1>丁市推进政务服务改革</h1>
<p>丁市今年推进政务服务“一网通办”，企业开办时间压缩到一个工作日以内，群众满意度持续提升。</p>
<p>市政务服务中心设立综合窗口，推行帮办代办，让数据多跑路、群众少跑腿，营商环境不断优化。</p>
<p>下一步，丁市将深化审批制度改革，推动更多事项网上办、掌上办、就近办，提升服务效能。</p>
</article><footer>版权所有 示例网</footer></body></html>`;

let dir: string;
let bundle: CorpusBundle;
const committedBefore = readFileSync(PATHS.bundle, 'utf8');
const seeds = {
  sourcesDir: PATHS.sources,
  glossaryDir: PATHS.glossary,
  boilerplatePath: PATHS.boilerplate,
};

const bySource = (source: string): BundleArticle => {
  const article = bundle.articles.find((a) => a.source === source);
  if (!article) throw new Error(`no article ${source}`);
  return article;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wenmai-datasets-'));
  writeFileSync(join(dir, 'reports.csv'), CSV);
  writeFileSync(join(dir, 'scores.csv'), OTHER_CSV);
  mkdirSync(join(dir, 'notes'));
  writeFileSync(join(dir, 'notes', 'county.txt'), TXT);
  writeFileSync(join(dir, 'page.html'), HTML);
  writeFileSync(join(dir, 'ignored.json'), '[]');
  bundle = buildBundle({ ...seeds, datasets: readDatasets([dir]).articles });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('datasets (WENMAI_DATASETS)', () => {
  it('reads folders from the variable, and refuses one that is not there', () => {
    expect(datasetFolders(undefined)).toEqual([]);
    expect(datasetFolders(` ${dir}${delimiter}${dir}/notes `)).toEqual([dir, join(dir, 'notes')]);
    expect(() => datasetFolders(join(dir, 'missing'))).toThrow(/is not a folder/);
  });

  it('takes every row of a reports-shaped CSV, .txt and .html, and says what it passed over', () => {
    const read = readDatasets([dir]);
    expect(read.articles.map((a) => a.source)).toEqual([
      'notes/county.txt',
      'page.html',
      'reports.csv [1]',
      'reports.csv [2]',
    ]);
    expect(read.skipped).toEqual([
      { file: join(dir, 'scores.csv'), reason: expect.stringMatching(/not the columns/) },
    ]);
    // Ids are stable from run to run.
    expect(readDatasets([dir]).articles.map((a) => a.id)).toEqual(read.articles.map((a) => a.id));
  });

  it('adds the articles after the seeds with their real title, URL, date and place', () => {
    expect(parseBundle(JSON.parse(serializeBundle(bundle))).ok).toBe(true);
    const seedIds = buildBundle(seeds).articles.map((a) => a.id);
    expect(bundle.articles.slice(0, seedIds.length).map((a) => a.id)).toEqual(seedIds);
    expect(bundle.articles).toHaveLength(seedIds.length + 4);

    const jia = bySource('reports.csv [1]');
    expect(jia).toMatchObject({
      title: '2026年甲省政府工作报告',
      url: 'https://example.gov.cn/jia/report.html',
      meta: { date: '2026-01-20', place: '甲省' },
    });
    expect(jia.text).toContain('因地制宜发展新质生产力');
    expect(jia.text).not.toContain('\r');
    expect(Object.keys(jia.terms)).toContain('chengxiang-ronghe-fazhan');
    expect(bySource('reports.csv [2]')).toMatchObject({
      title: '2026年乙省政府工作报告',
      meta: { date: '2026-01-28', place: '乙省' },
    });

    const page = bySource('page.html');
    expect(page.title).toContain('丁市推进政务服务改革');
    expect(page.url).toBe('https://example.com/ding/news.html');
    expect(page.text).toContain('一网通办');
    expect(page.text).not.toContain('版权所有');

    const txt = bySource('notes/county.txt');
    expect(txt.title).toBe('丙县基层治理札记');
    expect(txt.text).toContain('网格员');
  });

  it('leaves the committed bundle alone: it is still the seeds, byte for byte', () => {
    expect(readFileSync(PATHS.bundle, 'utf8')).toBe(committedBefore);
    expect(committedBefore).toBe(serializeBundle(buildBundle(seeds)));
    expect(committedBefore).not.toContain('甲省');
  });

  it('writes the run bundle only where --datasets-out says (what wxt build puts into .output)', () => {
    const out = join(dir, 'out', 'bundle.json');
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'corpus/build/build-corpus.ts', `--datasets-out=${out}`],
      { env: { ...process.env, WENMAI_DATASETS: dir }, stdio: 'pipe' },
    );
    expect(readFileSync(out, 'utf8')).toBe(serializeBundle(bundle));
    expect(readFileSync(PATHS.bundle, 'utf8')).toBe(committedBefore);
  }, 60_000);

  it.skipIf(!reportsPresent)('reads the 20 work reports of 2026 with their metadata', () => {
    const { articles, skipped } = readDatasets([REPORTS_DIR]);
    expect(skipped).toEqual([]);
    expect(articles).toHaveLength(20);
    for (const article of articles) {
      expect(article.title).toMatch(/^2026年.+政府工作报告$/);
      expect(article.url).toMatch(/^https?:\/\//);
      expect(article.date).toMatch(/^2026-\d\d-\d\d$/);
      expect(article.title).toContain(article.place);
    }
  });
});
