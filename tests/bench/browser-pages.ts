/**
 * Page generators for the browser benchmark (tests/bench/bench-browser.ts): a ~100,000-Han-character
 * Chinese news page built from the corpus articles (Simplified and Traditional paragraphs mixed,
 * shuffled and repeated), and an English news page of about the same number of text characters.
 * Both are static HTML with a realistic news layout (header, nav, article, sidebar, footer) and no
 * scripts of their own. Deterministic: the same seed gives the same pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { mulberry32 } from './synthetic-corpus';

export interface GeneratedPage {
  html: string;
  /** Characters of readable text in the article (paragraphs only). */
  textChars: number;
  hanChars: number;
  paragraphs: number;
}

const HAN = /\p{Script=Han}/gu;
export const countHan = (text: string): number => text.match(HAN)?.length ?? 0;

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function shuffle<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Splits a corpus line into paragraph-sized pieces (~120–400 characters) at sentence ends. */
function paragraphsOf(line: string): string[] {
  const sentences = line.match(/[^。！？!?]+[。！？!?”」』]*|[^。！？!?]+$/g) ?? [line];
  const out: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    current += sentence;
    if (current.length >= 120) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) {
    if (out.length && current.length < 60) out[out.length - 1] += current.trim();
    else out.push(current.trim());
  }
  return out.filter((p) => p.length > 0);
}

interface Layout {
  lang: string;
  title: string;
  siteName: string;
  nav: string[];
  byline: string;
  sidebarTitle: string;
  sidebar: string[];
  footer: string;
  /** Article body HTML (paragraphs and subheads). */
  body: string;
}

function newsLayout(l: Layout): string {
  const nav = l.nav.map((n, i) => `<li><a href="/section/${i}">${escapeHtml(n)}</a></li>`).join('');
  const side = l.sidebar
    .map((s, i) => `<li><a href="/news/${1000 + i}.html">${escapeHtml(s)}</a></li>`)
    .join('\n        ');
  return `<!doctype html>
<html lang="${l.lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(l.title)} - ${escapeHtml(l.siteName)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 16px/1.75 system-ui, sans-serif; color: #222; background: #f6f6f6; }
  header.site { background: #9b1c1c; color: #fff; padding: 12px 24px; }
  header.site .brand { font-size: 24px; font-weight: bold; }
  nav.main ul { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 16px; }
  nav.main a { color: #fff; text-decoration: none; }
  .wrap { display: flex; gap: 24px; max-width: 1180px; margin: 16px auto; padding: 0 16px; }
  main { flex: 1; background: #fff; padding: 24px 32px; }
  aside { width: 280px; background: #fff; padding: 16px; font-size: 14px; }
  aside ul { padding-left: 18px; }
  .meta { color: #777; font-size: 14px; border-bottom: 1px solid #eee; padding-bottom: 8px; }
  article p { text-indent: 2em; margin: 0 0 1em; }
  footer.site { text-align: center; color: #888; font-size: 13px; padding: 24px; }
</style>
</head>
<body>
<header class="site">
  <div class="brand">${escapeHtml(l.siteName)}</div>
  <nav class="main"><ul>${nav}</ul></nav>
</header>
<div class="wrap">
  <main>
    <div class="breadcrumb"><a href="/">${escapeHtml(l.nav[0]!)}</a> &gt; <a href="/section/1">${escapeHtml(l.nav[1]!)}</a></div>
    <article>
      <h1>${escapeHtml(l.title)}</h1>
      <div class="meta">${escapeHtml(l.byline)}</div>
${l.body}
    </article>
  </main>
  <aside>
    <h3>${escapeHtml(l.sidebarTitle)}</h3>
    <ul>
        ${side}
    </ul>
  </aside>
</div>
<footer class="site">${escapeHtml(l.footer)}</footer>
</body>
</html>
`;
}

/**
 * The Chinese page: corpus paragraphs, each shown in Simplified or Traditional (about half each,
 * converted with OpenCC where the source has the other script), shuffled and repeated until the
 * article holds `targetHan` Han characters.
 */
export function chineseNewsPage(
  sourcesDir: string,
  targetHan = 100_000,
  seed = 20240901,
): GeneratedPage {
  const random = mulberry32(seed);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const files = readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const pool: { simplified: string; traditional: string }[] = [];
  for (const file of files) {
    const lines = readFileSync(join(sourcesDir, file), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => countHan(l) >= 20);
    for (const line of lines) {
      for (const p of paragraphsOf(line)) {
        const simplified = toSimplified(p);
        pool.push({ simplified, traditional: toTraditional(simplified) });
      }
    }
  }
  if (pool.length === 0) throw new Error(`no paragraphs in ${sourcesDir}`);

  const parts: string[] = [];
  let han = 0;
  let chars = 0;
  let paragraphs = 0;
  while (han < targetHan) {
    for (const p of shuffle(pool, random)) {
      if (han >= targetHan) break;
      const text = random() < 0.5 ? p.simplified : p.traditional;
      if (paragraphs > 0 && paragraphs % 18 === 0) {
        parts.push(`      <h2>${escapeHtml(text.slice(0, 14).replace(/[，,。、；]+$/, ''))}</h2>`);
      }
      parts.push(`      <p>${escapeHtml(text)}</p>`);
      han += countHan(text);
      chars += text.length;
      paragraphs++;
    }
  }
  const html = newsLayout({
    lang: 'zh-CN',
    title: '深入推进新时代党的建设新的伟大工程 组织工作服务发展新质生产力综述',
    siteName: '新闻网',
    nav: ['首页', '时政', '要闻', '地方', '理论', '评论', '国际', '财经', '社会', '图片', '视频'],
    byline: '2024-07-04 09:18 来源：新闻网 编辑：王明 字号：大 中 小 打印本页 分享到',
    sidebarTitle: '热点新闻',
    sidebar: [
      '全国组织部长会议在京召开',
      '以高质量党建引领高质量发展',
      '各地扎实推进主题教育走深走实',
      '習近平總書記關於黨的建設的重要思想綜述',
      '基层减负工作取得阶段性成效',
      '培养选拔优秀年轻干部工作综述',
      '新質生產力的科學內涵和實踐要求',
      '人才强国战略深入实施',
      '乡村振兴一线见闻',
      '专家解读：深化改革的重点任务',
    ],
    footer: '版权所有 新闻网 未经授权禁止复制或建立镜像 联系我们 网站地图 举报中心',
    body: parts.join('\n'),
  });
  return { html, textChars: chars, hanChars: han, paragraphs };
}

const WORDS = (
  'the government council minister economy market growth policy report officials city county ' +
  'province development industry investment reform committee local national plan year quarter ' +
  'percent workers families schools hospitals roads energy climate water housing prices trade ' +
  'exports budget spending taxes agency program public private sector companies technology ' +
  'research students teachers farmers police court judge election voters mayor governor ' +
  'spokesperson statement announced said according data survey analysts expected increase ' +
  'decline rise fall record level support funding project construction infrastructure network ' +
  'service community residents region district meeting talks agreement proposal law bill ' +
  'parliament senate opposition party leader campaign health care insurance pension banks ' +
  'interest rates inflation jobs unemployment wages rural urban transport railway airport port ' +
  'weather storm flood drought harvest crops supply chain factory production output demand'
).split(/\s+/);

/** An English news page with lorem-like sentences, about `targetChars` characters of article text. */
export function englishNewsPage(targetChars = 100_000, seed = 7): GeneratedPage {
  const random = mulberry32(seed);
  const word = (): string => WORDS[Math.floor(random() * WORDS.length)]!;
  const sentence = (): string => {
    const n = 8 + Math.floor(random() * 18);
    const words = Array.from({ length: n }, word);
    if (random() < 0.3)
      words.splice(3 + Math.floor(random() * (n - 4)), 0, `${Math.floor(random() * 900) + 10}`);
    const s = words.join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + (random() < 0.1 ? '?' : '.');
  };
  const parts: string[] = [];
  let chars = 0;
  let paragraphs = 0;
  while (chars < targetChars) {
    const text = Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(' ');
    if (paragraphs > 0 && paragraphs % 18 === 0) {
      const head = sentence().split(' ').slice(0, 6).join(' ');
      parts.push(`      <h2>${escapeHtml(head)}</h2>`);
    }
    parts.push(`      <p>${escapeHtml(text)}</p>`);
    chars += text.length;
    paragraphs++;
  }
  const html = newsLayout({
    lang: 'en',
    title: 'Council approves regional development plan as budget talks continue',
    siteName: 'The Daily Record',
    nav: [
      'Home',
      'Politics',
      'World',
      'Business',
      'Local',
      'Opinion',
      'Science',
      'Sport',
      'Culture',
    ],
    byline: 'By Jane Doe, Staff Reporter · July 4, 2024, 9:18 a.m. · Updated 11:02 a.m.',
    sidebarTitle: 'Most read',
    sidebar: [
      'Rail strike talks resume on Monday',
      'Harvest forecast cut after dry spring',
      'What the new budget means for renters',
      'City unveils plan for riverside park',
      'Interest rates: what analysts expect next',
      'School funding formula under review',
      'Storm damage bill passes committee',
      'Airport expansion faces fresh challenge',
    ],
    footer: '© 2024 The Daily Record. All rights reserved. Contact · Privacy · Terms',
    body: parts.join('\n'),
  });
  return { html, textChars: chars, hanChars: 0, paragraphs };
}
