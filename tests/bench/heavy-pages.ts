/**
 * Heavy pages for the browser benchmark's "Heavy pages" section (tests/bench/bench-heavy.ts) and
 * the e2e test of them: a page of 50,000 elements (a short article under thousands of comments), a
 * page of 3 million characters, and a page that mutates its own DOM without pause. Built from the
 * corpus sources; deterministic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chineseNewsPage, countHan } from './browser-pages';
import { mulberry32 } from './synthetic-corpus';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Corpus lines of at least 20 Han characters, in file order. */
function corpusLines(sourcesDir: string): string[] {
  return readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => readFileSync(join(sourcesDir, f), 'utf8').split(/\r?\n/))
    .map((l) => l.trim())
    .filter((l) => countHan(l) >= 20);
}

export interface HeavyPage {
  html: string;
  elements: number;
  textChars: number;
}

/**
 * A news article of ~40 paragraphs followed by `comments` comment blocks of 11 elements each (a
 * portal's comment wall): about 50,000 elements with the default.
 */
export function manyElementsPage(sourcesDir: string, comments = 4_550, seed = 11): HeavyPage {
  const random = mulberry32(seed);
  const lines = corpusLines(sourcesDir);
  const article = lines.slice(0, 40).map((l) => `<p>${escapeHtml(l)}</p>`);
  const pick = (): string => lines[Math.floor(random() * lines.length)]!;
  const wall: string[] = [];
  for (let i = 0; i < comments; i++) {
    const text = pick().slice(0, 20 + Math.floor(random() * 40));
    wall.push(
      `<div class="comment"><div class="meta"><a href="/u/${i}">网友${i}</a><span class="time">2024-07-0${1 + (i % 9)}</span>` +
        `<span class="floor">${i + 1}楼</span></div><p class="text">${escapeHtml(text)}</p>` +
        `<div class="actions"><a href="#r${i}">回复</a><a href="#l${i}">点赞</a><a href="#s${i}">分享</a><a href="#x${i}">举报</a></div></div>`,
    );
  }
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>万条评论 - 新闻网</title></head>
<body><header><a href="/">首页</a></header>
<main><h1>深入推进新时代党的建设新的伟大工程</h1>
<div class="content">${article.join('\n')}</div>
<section class="comments">${wall.join('\n')}</section></main>
<footer>版权所有 新闻网</footer></body></html>`;
  const textChars = lines.slice(0, 40).reduce((n, l) => n + l.length, 0);
  // body, header, a, main, h1, div.content, section, footer + paragraphs + 11 per comment
  return { html, elements: 8 + article.length + 11 * comments, textChars };
}

/** A news page whose article holds about `chars` characters (3 million by default). */
export function millionsOfCharsPage(sourcesDir: string, chars = 3_000_000): HeavyPage {
  // Han are ~87 % of these paragraphs' characters.
  const page = chineseNewsPage(sourcesDir, Math.round(chars * 0.87), 3);
  return { html: page.html, elements: page.paragraphs, textChars: page.textChars };
}

/**
 * A live-ticker page: every 5 ms its own timer rewrites 20 Chinese text nodes and adds and removes 4
 * elements with Chinese text (about 5,000 mutation records a second), and notes when it ran in
 * `window.__stormRuns` (page time, ms).
 */
export function mutationStormPage(sourcesDir: string): HeavyPage {
  const lines = corpusLines(sourcesDir);
  const article = lines.slice(0, 30).map((l) => `<p>${escapeHtml(l)}</p>`);
  const ticker = lines.slice(30, 50).map((l) => `<li>${escapeHtml(l.slice(0, 30))}</li>`);
  const feed = JSON.stringify(lines.slice(50, 150).map((l) => l.slice(0, 40)));
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>实时滚动 - 新闻网</title></head>
<body><main><h1>深入推进新时代党的建设新的伟大工程</h1>
<article>${article.join('\n')}</article>
<ul id="ticker">${ticker.join('')}</ul><div id="feed"></div></main>
<script>
(() => {
  const feed = ${feed};
  const runs = (window.__stormRuns = []);
  const items = Array.from(document.querySelectorAll('#ticker li'));
  const box = document.getElementById('feed');
  let n = 0;
  setInterval(() => {
    runs.push(performance.now());
    for (const item of items) item.firstChild.data = feed[n++ % feed.length];
    for (let i = 0; i < 4; i++) {
      const div = document.createElement('div');
      div.textContent = feed[n++ % feed.length];
      box.appendChild(div);
      if (box.childElementCount > 40) box.firstElementChild.remove();
    }
  }, 5);
})();
</script></body></html>`;
  return {
    html,
    elements: article.length + ticker.length + 40,
    textChars: lines.slice(0, 30).join('').length,
  };
}
