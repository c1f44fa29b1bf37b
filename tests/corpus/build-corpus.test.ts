import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundle, type CorpusBundle } from '../../lib/bundle';
import {
  buildBundle,
  bundledTermsModule,
  PATHS,
  quickTermsFile,
  firstScreenModule,
  firstScreenMatcher,
  FIRST_SCREEN_BYTES,
  serializeBundle,
  readSourceMetadata,
} from '../../corpus/build/build-corpus';
import { isoDate } from '../../lib/prepare-article';
import { loadGlossary } from '../../corpus/build/load-glossary';
import { buildTermMatcher, matchTerms, readMatcher } from '../../lib/match/match-terms';
import { termForms } from '../../lib/glossary/term-forms';

const input = {
  sourcesDir: PATHS.sources,
  glossaryDir: PATHS.glossary,
  boilerplatePath: PATHS.boilerplate,
};
let bundle: CorpusBundle;

beforeAll(() => {
  bundle = buildBundle(input);
});

describe('corpus build', () => {
  it('gives byte-identical bundles for the same inputs', () => {
    expect(serializeBundle(buildBundle(input))).toBe(serializeBundle(bundle));
  });

  it('matches the bundle committed in public/ (run npm run corpus:build after changing the corpus)', () => {
    expect(readFileSync(PATHS.bundle, 'utf8')).toBe(serializeBundle(bundle));
  });

  it("matches the background's bundled term list (run npm run corpus:build after changing the glossary)", () => {
    expect(readFileSync(PATHS.bundledTerms, 'utf8')).toBe(bundledTermsModule(bundle));
  });

  it("matches the detector's pre-built matcher file (run npm run corpus:build after changing the glossary)", () => {
    expect(new Uint8Array(readFileSync(PATHS.quickTerms))).toEqual(quickTermsFile(bundle));
  });

  it("matches the detector's compiled-in first-screen matcher (run npm run corpus:build after changing the glossary)", () => {
    expect(readFileSync(PATHS.firstScreen, 'utf8')).toBe(firstScreenModule(bundle));
  });

  it('keeps the first-screen matcher within its budget, the most used terms first, marked partial when short', () => {
    const formsOf = (glossary: typeof bundle.glossary) =>
      glossary.map((e) => ({ id: e.id, forms: termForms(e) }));
    const whole = firstScreenMatcher({ ...bundle, glossary: formsOf(bundle.glossary) });
    expect(whole.bytes.length).toBeLessThanOrEqual(FIRST_SCREEN_BYTES);
    // A glossary ten times larger (copies under new ids) no longer fits: the budget holds, the
    // matcher says it is partial, and the terms the seeds use most are in it.
    const copies = Array.from({ length: 10 }, (_, copy) =>
      bundle.glossary.map((entry) => ({
        ...entry,
        id: `${entry.id}-${copy}`,
        headword: `${entry.headword}${'甲乙丙丁戊己庚辛壬癸'[copy]}`,
        aliases: [],
        traditional: [],
      })),
    ).flat();
    const grown = { ...bundle, glossary: formsOf([...bundle.glossary, ...copies]) };
    const part = firstScreenMatcher(grown);
    expect(part.bytes.length).toBeLessThanOrEqual(FIRST_SCREEN_BYTES);
    expect(part.terms).toBeLessThan(grown.glossary.length);
    const matcher = readMatcher(part.bytes.slice().buffer);
    expect(matcher.partial).toBe(true);
    expect(readMatcher(whole.bytes.slice().buffer).partial).toBe(
      whole.terms < bundle.glossary.length,
    );
    const text = bundle.articles.map((a) => a.text).join('\n');
    expect(matchTerms(text, matcher).length).toBe(
      matchTerms(text, buildTermMatcher(bundle.glossary)).length,
    );
  });

  it('writes a bundle that validates, with every seed under its file name and a stable id', () => {
    expect(parseBundle(JSON.parse(serializeBundle(bundle))).ok).toBe(true);
    expect(bundle.articles.map((a) => [a.id, a.source])).toEqual([
      ['000_3f81ec7e54077723', '000_3f81ec7e54077723.txt'],
      ['001_012235bad5547e84', '001_012235bad5547e84.txt'],
      ['002_e53861ccea28f2a4', '002_e53861ccea28f2a4.txt'],
      ['003_fb24d1789acc4997', '003_fb24d1789acc4997.txt'],
      ['004_bfd4e0d355f25b94', '004_bfd4e0d355f25b94.txt'],
    ]);
    for (const article of bundle.articles) {
      article.passages.forEach((p, i) => expect(p.id).toBe(`${article.id}#p${i}`));
    }
  });

  it('gives every seed a real title, never a cut first sentence, and says which an editor wrote', () => {
    for (const article of bundle.articles) {
      expect(article.title, article.source).not.toMatch(/…$/);
      expect(article.text.startsWith(article.title) && article.meta.titleBy !== 'editor').toBe(
        false,
      );
    }
    const byEditor = bundle.articles.filter((a) => a.meta.titleBy === 'editor');
    expect(byEditor.map((a) => a.source.slice(0, 3))).toEqual(['000', '001', '003', '004']);
    // 002 has its thread's own title; its forum date is kept as an ISO date.
    const thread = bundle.articles.find((a) => a.source.startsWith('002'))!;
    expect(thread.meta.titleBy).toBeUndefined();
    expect(thread.meta.date).toBe('2024-07-04');
  });

  it('refuses seed metadata that leaves a source out or names a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenmai-meta-'));
    cpSync(PATHS.sources, dir, { recursive: true });
    writeFileSync(join(dir, 'metadata.yaml'), '000_3f81ec7e54077723.txt: {}\n');
    expect(() => readSourceMetadata(dir, ['000_3f81ec7e54077723.txt', 'new.txt'])).toThrow(
      /no entry for new\.txt/,
    );
    writeFileSync(join(dir, 'metadata.yaml'), 'gone.txt: { title: 旧文 }\n');
    expect(() => readSourceMetadata(dir, [])).toThrow(/gone\.txt is not in/);
    writeFileSync(join(dir, 'metadata.yaml'), 'a.txt: { titel: 旧文 }\n');
    expect(() => readSourceMetadata(dir, ['a.txt'])).toThrow(/metadata\.yaml/);
  });

  it('writes dates as ISO dates, whatever form the source used', () => {
    expect(isoDate('2024-7-4 09:18:46')).toBe('2024-07-04');
    expect(isoDate('2024/07/04')).toBe('2024-07-04');
    expect(isoDate('2024年7月4日')).toBe('2024-07-04');
    expect(isoDate('2026-02')).toBe('2026-02');
    expect(isoDate('2026')).toBe('2026');
    expect(isoDate('去年')).toBe('去年');
  });

  it('keeps cleaning results as metadata', () => {
    const byId = new Map(bundle.articles.map((a) => [a.id.slice(0, 3), a]));
    expect(byId.get('001')!.meta.author).toBe('馬獻軍');
    expect(byId.get('002')!.meta.forum).toMatchObject({
      author: '秘途杂谈',
      date: '2024-7-4 09:18:46',
    });
    expect(byId.get('002')!.title).toBe(
      '组织部长在市委理论学习中心组集体学习会上的交流发言(新质生产力专题)',
    );
    expect(byId.get('004')!.meta.mojibake[0]).toMatchObject({ repaired: '。“七一”期間' });
    // 291 annotations, and the orphan "lián)" that 001's garbled run left behind.
    expect(bundle.articles.reduce((n, a) => n + a.meta.pinyinRemoved, 0)).toBe(292);
    expect(byId.get('001')!.text).not.toMatch(/[a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/);
  });

  it("keeps a site's name out of keywords: 002's 老秘网 (written over the city's name) gives no 老秘 or 网市", () => {
    const byId = new Map(bundle.articles.map((a) => [a.id.slice(0, 3), a]));
    expect(byId.get('002')!.text).toContain('我老秘网市');
    expect(byId.get('002')!.keywords).not.toContain('老秘');
    expect(byId.get('002')!.keywords).not.toContain('网市');
    expect(byId.get('002')!.keywords).toContain('新质生产力');
  });

  const linked = (from: string, to: string, needle: string) => {
    const links = bundle.passageLinks.filter((l) => l.from.startsWith(from) && l.to.startsWith(to));
    const texts = links.map((l) => {
      const article = bundle.articles.find((a) => l.from.startsWith(`${a.id}#`))!;
      const passage = article.passages.find((p) => p.id === l.from)!;
      return article.text.slice(passage.start, passage.end);
    });
    return texts.some((t) => t.includes(needle));
  };

  it.each([
    ['001', '004', '小馬拉大車'],
    ['004', '001', '小馬拉大車'],
    ['003', '004', '小马拉大车'],
    ['003', '001', '小马拉大车'],
    ['001', '003', '三個區分開來'],
    ['003', '001', '三个区分开来'],
    ['000', '002', '江苏代表团'],
    ['002', '000', '江苏代表团'],
  ])('links the passage of %s to %s about %s', (from, to, needle) => {
    expect(linked(from, to, needle)).toBe(true);
  });
});

describe('glossary', () => {
  const glossary = loadGlossary(PATHS.glossary);

  it('gives every entry a source and links every related pair both ways', () => {
    const byId = new Map(glossary.map((e) => [e.id, e]));
    for (const entry of glossary) {
      expect(entry.sources?.length ?? 0, entry.id).toBeGreaterThan(0);
      for (const related of entry.related)
        expect(byId.get(related)?.related, entry.id).toContain(entry.id);
    }
  });

  it.each([
    ['民主生活会', 'www.idcpc.org.cn'],
    ['二十届二中全会', 'en.people.cn'],
    ['全国组织工作会议', 'en.people.cn'],
    ['十三个坚持', 'en.people.cn'],
    ['伟大建党精神', 'en.qstheory.cn'],
    ['党章', 'en.people.cn'],
    ['十九届四中全会', 'english.scio.gov.cn'],
    ['党和国家机构改革方案', 'www.news.cn'],
    ['五个必须', 'en.people.cn'],
    ['三严三实', 'subsites.chinadaily.com.cn'],
    ['政治三力', 'english.www.gov.cn'],
    ['枫桥经验', 'news.xinhuanet.com'],
    ['两个永远在路上', 'www.gov.cn'],
    ['具身智能', 'kpzg.people.com.cn'],
  ])('cites an official page for %s (%s), not only the press', (headword, host) => {
    const entry = glossary.find((e) => e.headword === headword)!;
    const hosts = (entry.sources ?? []).flatMap((source) =>
      'url' in source && source.url && !source.kind ? [new URL(source.url).hostname] : [],
    );
    expect(hosts).toContain(host);
    expect(entry.secondaryOnly).toBeUndefined();
  });

  it('marks the press as secondary and says why an entry has nothing else', () => {
    const sources = glossary.flatMap((e) => e.sources ?? []);
    const onHost = (host: string) =>
      sources.filter((s) => 'url' in s && s.url && new URL(s.url).hostname.endsWith(host));
    for (const host of ['hk01.com', 'udn.com', 'crntt.com'])
      for (const source of onHost(host)) expect(source, host).toMatchObject({ kind: 'secondary' });
    const pressOnly = glossary.filter((e) => e.sources?.every((s) => 'kind' in s && s.kind));
    expect(pressOnly.length).toBeGreaterThan(0);
    for (const entry of pressOnly) expect(entry.secondaryOnly, entry.id).toBeTruthy();
    // Each says what its own claim rests on: no reason stands in for several entries.
    const reasons = pressOnly.map((entry) => entry.secondaryOnly);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it('keeps the corrected facts of issue 10', () => {
    const get = (headword: string) => glossary.find((e) => e.headword === headword)!;
    for (const headword of [
      '党章',
      '中国共产党纪律处分条例',
      '中央八项规定',
      '中共中央关于党的百年奋斗重大成就和历史经验的决议',
    ])
      expect(get(headword).category, headword).toBe('document');
    expect(get('千万工程').englishName?.name).toBe('Green Rural Revival Program');
    expect(get('千万工程').scope).toBe('national');
    expect(get('枫桥经验').gloss).toContain('Fengqiao Experience');
    expect(get('五个必由之路').gloss).not.toContain('Five Musts');
    expect(get('五个必须').related).toEqual(
      expect.arrayContaining(['ying-daoli', 'zuida-de-zhengzhi']),
    );
    expect(get('新质生产力').definition.zh).toContain('以全要素生产率大幅提升为核心标志');
    expect(get('十三个坚持').definition.zh).toContain('十三个方面');
    expect(get('四个全面').gloss).toBe('the Four Comprehensives');
    expect(get('学纪、知纪、明纪、守纪').aliases).toContain('学纪知纪明纪守纪');
    for (const headword of ['双招双引', '数字组工', '三张清单'])
      expect(get(headword).scope, headword).toBe('national');
    expect(get('五星支部').scope).toBe('河南省');
  });

  it('has at least 150 valid entries with Traditional forms generated', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(150);
    const entry = glossary.find((e) => e.headword === '新质生产力')!;
    expect(entry.traditional).toContain('新質生產力');
  });

  it.each([
    '新质生产力',
    '两个确立',
    '两个维护',
    '四个意识',
    '四个自信',
    '三个区分开来',
    '小马拉大车',
    '第一议题',
    '关键少数',
    '一把手',
    '十三个坚持',
    '中央八项规定',
    '形式主义',
    '官僚主义',
    '中国式现代化',
    '高质量发展',
    '新发展格局',
    '国内大循环',
    '双循环',
    '因地制宜',
    '全面深化改革',
    '二十届三中全会',
    '乡村振兴',
    '党建引领',
    '基层治理',
    '网格化管理',
    '互联网+党建',
    '党建+产业链',
    '产业链党委',
    '卡脖子',
    '最后一公里',
    '主题教育',
    '腾笼换鸟',
    '墩苗赋能',
    '青苗培优',
    '双招双引',
    '465现代产业集群',
    '六新六特六优',
    '琢璞计划',
    '秦聚英才',
    '右玉精神',
    '五星支部',
    '接诉即办',
    '数字组工',
    '传帮带',
    '选贤任能',
  ])('covers %s', (headword) => {
    expect(glossary.some((e) => e.headword === headword)).toBe(true);
  });

  const brokenGlossary = (yaml: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'wenmai-glossary-'));
    cpSync(PATHS.glossary, dir, { recursive: true });
    // Appended to a category file, so every other entry and its related links stay valid.
    writeFileSync(
      join(dir, 'jargon.yaml'),
      readFileSync(join(dir, 'jargon.yaml'), 'utf8') + '\n' + yaml,
    );
    return dir;
  };

  it.each([
    [
      'a malformed entry',
      '- id: bad-entry\n  headword: abc\n',
      /jargon\.yaml: entry \d+ \(id "bad-entry"\): .*headword/,
    ],
    ['broken YAML', '- id: [unclosed\n', /jargon\.yaml: (not valid YAML|entry \d+)/],
    [
      'an unknown related id',
      '- id: lone\n  headword: 孤立词条\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  related: [no-such-id]\n  sources: [{ outlet: X }]\n',
      /related id "no-such-id" does not exist/,
    ],
    [
      'a wrong category',
      '- id: misplaced\n  headword: 放错位置\n  category: concept\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ outlet: X }]\n',
      /category "concept" does not belong in jargon\.yaml/,
    ],
    [
      'an entry without sources',
      '- id: unsourced\n  headword: 无源词条\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n',
      /id "unsourced"\): no sources/,
    ],
    [
      'a related link without its link back',
      '- id: one-way\n  headword: 单向链接\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  related: [xinzhi-shengchanli]\n  sources: [{ outlet: X }]\n',
      /id "one-way"\): related "xinzhi-shengchanli" does not link back: add "one-way" to the related list of .*concept\.yaml: entry \d+ \(id "xinzhi-shengchanli"\)/,
    ],
    [
      'a corpus source that does not contain the term',
      '- id: not-there\n  headword: 不在语料\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ corpus: 000_3f81ec7e54077723.txt }]\n',
      /entry "not-there": source corpus: 000_3f81ec7e54077723\.txt does not contain "不在语料"/,
    ],
    [
      'a corpus source that is not a seed',
      '- id: no-seed\n  headword: 没有种子\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ corpus: 999_missing.txt }]\n',
      /entry "no-seed": source corpus: 999_missing\.txt is not a seed/,
    ],
    [
      'a source on a mirror host',
      '- id: mirrored\n  headword: 镜像来源\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ outlet: X, url: "https://m.fx361.cc/news/2022/0205/1.html" }]\n',
      /id "mirrored"\): source https:\/\/m\.fx361\.cc\/\S+ is on fx361\.cc, a mirror/,
    ],
    [
      'a first appearance sourced to a mirror host',
      '- id: mirrored-first\n  headword: 镜像首现\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ outlet: X }]\n  firstAppeared: { date: "2022", source: { outlet: Y, url: "http://www.handmsg.com/page/1.shtml" } }\n',
      /id "mirrored-first"\): source \S+ is on handmsg\.com/,
    ],
    [
      'a source on an unjudged host not marked secondary',
      '- id: unmarked\n  headword: 未标来源\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ outlet: X }, { outlet: Y, url: "https://www.hk01.com/a/1" }]\n',
      /id "unmarked"\): source https:\/\/www\.hk01\.com\/a\/1 is not on an official host \(official-hosts\.txt\): mark it kind: secondary/,
    ],
    [
      'an English name sourced to an unjudged host not marked secondary',
      '- id: unmarked-name\n  headword: 未标英文名\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ outlet: X }]\n  englishName: { name: Y, source: { outlet: Z, url: "https://udn.com/news/1" } }\n',
      /id "unmarked-name"\): source https:\/\/udn\.com\/news\/1 is not on an official host/,
    ],
    [
      'only secondary sources and no reason',
      '- id: press-only\n  headword: 只有二手\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ outlet: Y, url: "https://www.hk01.com/a/1", kind: secondary }]\n',
      /id "press-only"\): every source is secondary: cite a primary one .*or say why not in secondaryOnly/,
    ],
    [
      'a secondaryOnly reason beside a primary source',
      '- id: needless-reason\n  headword: 多余理由\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  secondaryOnly: none found\n  sources: [{ outlet: Xinhua, url: "https://www.news.cn/a.htm" }, { outlet: Y, url: "https://www.hk01.com/a/1", kind: secondary }]\n',
      /id "needless-reason"\): secondaryOnly is set but a source is primary/,
    ],
    [
      'one secondaryOnly reason copied onto three entries',
      [1, 2, 3]
        .map(
          (n) =>
            `- id: same-reason-${n}\n  headword: 同一理由${'甲乙丙'[n - 1]}\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  secondaryOnly: "No official page found."\n  sources: [{ outlet: Y, url: "https://www.hk01.com/a/${n}", kind: secondary }]\n`,
        )
        .join('\n'),
      /id "same-reason-3"\): the same secondaryOnly reason is given by 3 entries \(same-reason-1, same-reason-2, same-reason-3; at most 2\)/,
    ],
    [
      'a source URL that is not http(s)',
      '- id: bad-url\n  headword: 坏链接\n  category: jargon\n  scope: national\n  gloss: x\n  definition: { zh: 甲。, en: A. }\n  sources: [{ outlet: X, url: "javascript:alert(1)" }]\n',
      /id "bad-url"\): sources\.0/,
    ],
  ])('fails the build with a message naming the file and entry for %s', (_name, yaml, message) => {
    const dir = brokenGlossary(yaml);
    expect(() => buildBundle({ ...input, glossaryDir: dir })).toThrow(message);
  });
});
