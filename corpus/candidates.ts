/**
 * Term discovery: lists terms the glossary lacks, mined from the corpus sources.
 *   npm run corpus:candidates [-- --limit 40]
 * Three miners: quoted coinages (“…”, 「…」), numbered formulas (两个…, 四个…, 一…五…),
 * and jieba TF-IDF keywords. Each candidate comes with its count and an example sentence.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanArticle } from '../lib/clean/clean-article';
import { compactForMatch } from '../lib/normalise/fold-script';
import type { GlossaryEntry } from '../lib/glossary/glossary';
import { termForms } from '../lib/glossary/term-forms';
import { PATHS } from './build/build-corpus';
import { loadGlossary } from './build/load-glossary';
import { datasetFolders, readDatasets } from './read-datasets';
import { keywords, loadSegmenter, toSimplified } from './build/segment';

export type CandidateSource = 'quoted' | 'formula' | 'keyword';

export interface Candidate {
  term: string;
  source: CandidateSource;
  count: number;
  /** The first sentence the term occurs in, with its article's file name. */
  example: { file: string; sentence: string };
}

const QUOTED =
  /[“「『"]((?=[^”」』"]*[\u3400-\u9fff][^”」』"]*[\u3400-\u9fff])[\u3400-\u9fff0-9+·]{2,12})[”」』"]/g;
// Numbered formulas: 两个维护, 四个意识, 十三个坚持 (a count of 个 and a short head, ending at
// punctuation or a closing quote), and paired enumerations like 五谈、五看 or 一建设、五争当.
const NUMBERED =
  /(?:[一二两三四五六七八九十]{1,3}个[\u4e00-\u9fff]{2,4}(?=[”」』"、,，。;；])|(?<![一二两三四五六七八九十])[一二三四五六七八九十](?![一二三四五六七八九十])[\u4e00-\u9fff]{1,3}[、,][一二三四五六七八九十](?![一二三四五六七八九十])[\u4e00-\u9fff]{1,3}(?=[”」』"、,，。;；]))/g;
/** Keywords from each article's TF-IDF ranking that are considered. */
const KEYWORDS_PER_ARTICLE = 20;

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('。', index) + 1, text.lastIndexOf('\n', index) + 1);
  const endMark = text.slice(index).search(/[。\n]/);
  return text.slice(start, endMark < 0 ? text.length : index + endMark + 1).trim();
}

/** Mines candidates from clean articles, leaving out what the glossary already knows. */
export function mineCandidates(
  articles: { file: string; text: string }[],
  glossary: readonly GlossaryEntry[],
): Candidate[] {
  const known = new Set(glossary.flatMap(termForms).map(compactForMatch));
  const found = new Map<string, Candidate>();
  const record = (
    raw: string,
    source: CandidateSource,
    file: string,
    text: string,
    index: number,
  ): void => {
    const term = toSimplified(raw);
    const key = compactForMatch(term);
    if (key.length < 2 || known.has(key)) return;
    const existing = found.get(key);
    if (existing) existing.count++;
    else
      found.set(key, {
        term,
        source,
        count: 1,
        example: { file, sentence: sentenceAround(text, index) },
      });
  };
  for (const { file, text } of articles) {
    for (const m of text.matchAll(QUOTED)) record(m[1]!, 'quoted', file, text, m.index);
    for (const m of text.matchAll(NUMBERED)) record(m[0], 'formula', file, text, m.index);
    const simplified = toSimplified(text);
    for (const { word } of keywords(text, KEYWORDS_PER_ARTICLE)) {
      // Two-character keywords are everyday words (组织, 干部); coinages are longer.
      if (!/^[\u4e00-\u9fff]{3,}$/.test(word)) continue;
      const index = simplified.indexOf(word);
      if (index >= 0) record(word, 'keyword', file, simplified, index);
    }
  }
  // Occurrence counts over all articles, not only the mining hits.
  for (const candidate of found.values()) {
    const needle = compactForMatch(candidate.term);
    candidate.count = articles.reduce(
      (n, a) => n + compactForMatch(a.text).split(needle).length - 1,
      0,
    );
  }
  // Coinages and formulas first: they are what a glossary misses; keywords fill in after them.
  const rank: Record<CandidateSource, number> = { formula: 0, quoted: 0, keyword: 1 };
  return [...found.values()].sort(
    (a, b) => rank[a.source] - rank[b.source] || b.count - a.count || (a.term < b.term ? -1 : 1),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const limitArg = process.argv.indexOf('--limit');
  const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : 60;
  const glossary = loadGlossary(PATHS.glossary);
  loadSegmenter(glossary);
  const articles = readdirSync(PATHS.sources)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({
      file,
      text: cleanArticle(readFileSync(join(PATHS.sources, file), 'utf8')).text,
    }));
  const folders = datasetFolders();
  const datasets = readDatasets(folders).map((d) => ({
    file: d.file,
    text: cleanArticle(d.text, d.title).text,
  }));
  if (folders.length > 0)
    console.log(
      `${articles.length} sources and ${datasets.length} documents from ${folders.join(', ')}`,
    );
  const candidates = mineCandidates([...articles, ...datasets], glossary);
  console.log(
    `${candidates.length} candidate terms not in the glossary (showing ${Math.min(limit, candidates.length)}):\n`,
  );
  for (const c of candidates.slice(0, limit)) {
    console.log(
      `${c.term}  [${c.source}, ×${c.count}]  ${c.example.file}: ${c.example.sentence.slice(0, 70)}`,
    );
  }
}
