/**
 * Term discovery: ranks terms the glossary lacks, mined from the corpus sources (and dataset
 * folders: `--datasets <folder>[:<folder>…]` or WENMAI_DATASETS).
 *   npm run corpus:candidates [-- --limit 50] [--datasets ../shared/datasets/gov-work-reports-2026]
 *
 * Candidates come from quoted strings (“…”, 「…」), numbered formulas (两个…, 五谈、五看) and runs of
 * one to four jieba words in text whose glossary terms are masked out (so a fragment of a known
 * term is never proposed). Each is scored on signals, none of them a list of answers:
 *  - recurrence: occurrences and, above all, how many documents use it;
 *  - nesting (C-value): a string that nearly always sits inside a longer candidate is a fragment;
 *  - cohesion: the entropy of the characters on its left and right (a term stands between many
 *    different neighbours; a fragment has one) and PMI between its words;
 *  - general vocabulary: how often jieba's own dictionary (general Chinese) saw the word, and
 *    jieba's stop words and person-name tags (习近平 is a name, not a term);
 *  - form: quotation marks when the quoted string recurs, numbered formulas (两个…, 五篇…), the heads
 *    of programmes and campaigns (…行动, …工程, …经济), 新… and …+; a word jieba keeps whole that
 *    its dictionary lacks (碳达峰);
 *  - what is not a name: runs that open or end with a verb or adverb (提质升级, 兜牢基层, 多措并举),
 *    qualities (…性), everyday words even when quoted, and fragments whose uses nearly all have the
 *    same neighbour (业态新模式 after 新).
 * `corpus/candidates-labels.yaml` holds an analyst's term/noise judgement of the top of the list;
 * the command ends with the precision of its first 50 against it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cleanArticle } from '../lib/clean/clean-article';
import type { GlossaryEntry } from '../lib/glossary/glossary';
import { termForms } from '../lib/glossary/term-forms';
import { PATHS } from './build/build-corpus';
import { loadGlossary } from './build/load-glossary';
import {
  generalFrequency,
  generalTag,
  isStopWord,
  loadSegmenter,
  tagWords,
  toSimplified,
} from './build/segment';
import { datasetFolders, readDatasets } from './datasets';

export type CandidateSource = 'quoted' | 'formula' | 'phrase';

/** The evidence behind a candidate's score. */
export interface CandidateSignals {
  /** Documents (articles, report rows) that use it. */
  documents: number;
  /** Occurrences inside quotation marks, and in how many documents. */
  quoted: number;
  quotedDocuments: number;
  /** Entropy (bits) of the characters just before and just after it. */
  leftEntropy: number;
  rightEntropy: number;
  /** Lowest PMI (bits) over the ways to split it into two runs of words; Infinity for one word. */
  cohesion: number;
  /** The share of its occurrences inside its most frequent longer candidate (C-value nesting). */
  nested: number;
  /** jieba's general-dictionary frequency of the whole string (0: not an everyday word). */
  general: number;
  /**
   * Whether it is only everyday words put together (组织+工作, 人才+发展): each word frequent in
   * jieba's general dictionary. Such a phrase is vocabulary unless quoted or of a formula's form.
   */
  compositional: boolean;
  /** Whether a stop word (的, 和, 与) joins its words: a stretch of a sentence more often than a name. */
  joined: boolean;
  /** Whether it opens or ends with a plain verb (推动…, 加强…, …增长). */
  verbLed: boolean;
  /** Which formula pattern it has, if any. */
  pattern: 'numbered' | 'programme' | 'new' | 'plus' | null;
  /** Whether jieba keeps it as one word that its general dictionary lacks (碳达峰, 数智化). */
  wholeNewWord: boolean;
}

export interface Candidate {
  term: string;
  source: CandidateSource;
  /** Occurrences in all documents (outside the glossary's own terms). */
  count: number;
  score: number;
  signals: CandidateSignals;
  /** The first sentence the term occurs in, with its document's name. */
  example: { file: string; sentence: string };
}

const HAN = /[\u3400-\u9fff]/;
const QUOTED =
  /[“「『"]((?=[^”」』"]*[\u3400-\u9fff][^”」』"]*[\u3400-\u9fff])[\u3400-\u9fff0-9+·]{2,12})[”」』"]/g;
// Numbered formulas: 两个维护, 四个意识, 十三个坚持 (a count of 个 and a short head, ending at
// punctuation or a closing quote), and paired enumerations like 五谈、五看 or 一建设、五争当.
const NUMBERED =
  /(?:[一二两三四五六七八九十]{1,3}个[\u4e00-\u9fff]{2,4}(?=[”」』"、,，。;；])|(?<![一二两三四五六七八九十])[一二三四五六七八九十](?![一二三四五六七八九十])[\u4e00-\u9fff]{1,3}[、,][一二三四五六七八九十](?![一二三四五六七八九十])[\u4e00-\u9fff]{1,3}(?=[”」』"、,，。;；]))/g;
/** A count and a measure word at the start: 两个更好统筹, 五篇大文章, 三张清单 (not 一是, 二是). */
const NUMBERED_FORM = /^[一二两三四五六七八九十]{1,3}(?:个|篇|项|大|张|条|种|方面)[\u4e00-\u9fff]/;
/** A count alone at the start, a formula when it is quoted: “两新”, “三北”, “十五五”. */
const COUNTED = /^[一二两三四五六七八九十]{1,3}[\u4e00-\u9fff]/;
// The heads that name programmes, campaigns, mechanisms and economies in policy writing.
// Not 改革 or 体系: "reform of X" (公立医院改革), "the X system" (社会保障体系) name an area of
// policy, not a programme.
const PROGRAMME_HEAD =
  /(?:行动|工程|计划|战略|经济|机制|模式|攻坚|清单|试点|示范区|工作法|经验|品牌|一件事)$/;
/** The words a 新… coinage opens with (新型储能, 新农人); 新能源, 新一轮 are older dictionary words. */
const NEW_HEADS = new Set(['新', '新型']);
/** A word joined to the run of words before it by at most this many words. */
const MAX_WORDS = 4;
const MAX_CHARS = 12;
/** A term recurs: it is used at least this many times. */
const MIN_COUNT = 2;
/** Everyday words are in jieba's general dictionary with at least this frequency (底气 96, 一体化 1178). */
const EVERYDAY_FREQUENCY = 10;
/** How many candidates the precision is measured on (issue 10's goal: ≥ 60 % of the top 50). */
export const PRECISION_AT = 50;

/** Function characters a term's neighbour often is (实现碳达峰 aside): they say nothing of a fragment. */
const FUNCTION_CHARS = new Set('的和与及或、是在为对把将等了并以');
/** One neighbour on a side in this share of uses, or more, marks a fragment (业态新模式 after 新). */
const FRAGMENT_SHARE = 0.8;
/** … counted on at least this many uses. */
const FRAGMENT_MIN_USES = 5;

/**
 * A verb by jieba's general dictionary (v; or vn where a verbal noun ends a run: 升级, 改革), or a
 * two-character word the dictionary lacks whose first character is a verb (做优, 兜牢, 提质, 发力):
 * policy writing coins such verb-complement words freely.
 */
function isVerbLike(word: string, atEnd: boolean): boolean {
  const tag = generalTag(word);
  if (tag === 'v' || (atEnd && tag === 'vn')) return true;
  // An adverb at either edge (多措并举, 并举 "simultaneously") makes a clause too.
  if (tag === 'd') return true;
  return word.length === 2 && generalFrequency(word) === 0 && generalTag(word[0]!) === 'v';
}

/** The share of uses with the most frequent neighbour on one side (edges count apart, as their own). */
function dominantShare(counts: Map<string, number>, edges: number): number {
  let top = 0;
  let total = edges;
  for (const [c, n] of counts) {
    total += n;
    if (!FUNCTION_CHARS.has(c)) top = Math.max(top, n);
  }
  return total === 0 ? 0 : top / total;
}

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('。', index) + 1, text.lastIndexOf('\n', index) + 1);
  const endMark = text.slice(index).search(/[。\n]/);
  return text.slice(start, endMark < 0 ? text.length : index + endMark + 1).trim();
}

function entropy(counts: Map<string, number>, boundaries: number): number {
  // Each edge of a sentence or of a masked term counts as a neighbour of its own.
  const total = [...counts.values()].reduce((a, b) => a + b, 0) + boundaries;
  if (total === 0) return 0;
  let h = 0;
  for (const n of counts.values()) h -= (n / total) * Math.log2(n / total);
  h -= boundaries * (1 / total) * Math.log2(1 / total);
  return h;
}

/** The formula pattern of a term, if it has one. */
export function formulaPattern(term: string, quoted = false): CandidateSignals['pattern'] {
  if (NUMBERED_FORM.test(term) || (quoted && COUNTED.test(term))) return 'numbered';
  if (term.endsWith('+')) return 'plus';
  // A head after a name of at least three characters (not 体制机制, 工作机制).
  if (PROGRAMME_HEAD.test(term) && term.replace(PROGRAMME_HEAD, '').length >= 3) return 'programme';
  if (/^新[\u4e00-\u9fff]{2,}/.test(term)) return 'new';
  return null;
}

/** The score of a candidate from its count and signals (higher: more likely a term). */
export function scoreCandidate(count: number, s: CandidateSignals, length: number): number {
  let score = Math.log2(1 + count) + 2.5 * Math.log2(s.documents) + Math.log2(Math.min(length, 8));
  // A term stands between many neighbours on both sides; a fragment has one on its open side.
  score += 0.8 * Math.min(Math.min(s.leftEntropy, s.rightEntropy), 3);
  if (s.quotedDocuments >= 2 || s.quoted >= 3) score += 2;
  else if (s.quoted > 0) score += 0.5;
  if (s.pattern === 'numbered' || s.pattern === 'plus') score += 2;
  else if (s.pattern) score += 1;
  // General vocabulary: jieba's dictionary (general Chinese) lists it (党员干部, 贯彻落实), or lists
  // every word of it (组织+工作). Policy coinages are mostly newer than that dictionary.
  if (s.general > 0 || (s.compositional && !s.pattern)) score -= s.quotedDocuments >= 2 ? 1 : 4;
  if (s.joined) score -= 3;
  if (s.cohesion < 2) score -= 2;
  if (s.verbLed) score -= 2;
  // jieba kept it whole as a word its general dictionary lacks (碳达峰, 数智化): a coinage.
  if (s.wholeNewWord) score += 1.5;

  return score;
}

interface Tally {
  count: number;
  documents: Set<number>;
  left: Map<string, number>;
  right: Map<string, number>;
  edges: [number, number];
  words: string[];
  verbLed?: boolean;
  firstAt?: { doc: number; index: number };
}

/** Ranks candidate terms in clean articles, leaving out what the glossary already knows. */
export function mineCandidates(
  articles: { file: string; text: string }[],
  glossary: readonly GlossaryEntry[],
): Candidate[] {
  const forms = [...new Set(glossary.flatMap(termForms).map((form) => toSimplified(form)))].filter(
    (form) => form.length >= 2,
  );
  const known = new Set(forms.map((form) => form.replace(/[\s、，,·]/g, '')));
  // Longest first, so 新质生产力 is masked whole before 生产力.
  const formPattern = new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const texts = articles.map((a) => toSimplified(a.text));
  // Known terms become a boundary: nothing is proposed across or inside them.
  const masked = texts.map((text) => text.replace(formPattern, (m) => '\u0000'.repeat(m.length)));

  // Pass 1: every run of 1–4 words, counted; names and stop words marked.
  const names = new Set<string>();
  const runs: { doc: number; start: number; words: { word: string; tag: string; at: number }[] }[] =
    [];
  masked.forEach((text, doc) => {
    for (const m of text.matchAll(/[\u3400-\u9fff]+/g)) {
      let at = m.index;
      const words = tagWords(m[0]).map(({ word, tag }) => {
        const w = { word, tag, at };
        at += word.length;
        if (tag.startsWith('nr')) names.add(word);
        return w;
      });
      runs.push({ doc, start: m.index, words });
    }
  });
  const ngramCounts = new Map<string, number>();
  const forEachNgram = (
    visit: (
      key: string,
      words: string[],
      from: number,
      to: number,
      doc: number,
      leadTag: string,
    ) => void,
  ): void => {
    for (const { doc, words } of runs) {
      for (let i = 0; i < words.length; i++) {
        let key = '';
        for (let n = 1; n <= MAX_WORDS && i + n <= words.length; n++) {
          key += words[i + n - 1]!.word;
          if (key.length > MAX_CHARS) break;
          const last = words[i + n - 1]!;
          visit(
            key,
            words.slice(i, i + n).map((w) => w.word),
            words[i]!.at,
            last.at + last.word.length,
            doc,
            words[i]!.tag,
          );
        }
      }
    }
  };
  forEachNgram((key) => ngramCounts.set(key, (ngramCounts.get(key) ?? 0) + 1));
  const totalWords = runs.reduce((n, r) => n + r.words.length, 0);

  // Pass 2: neighbours and documents of the runs that could be terms.
  const tallies = new Map<string, Tally & { source: CandidateSource }>();
  const tally = (
    key: string,
    source: CandidateSource,
    words: string[],
  ): Tally & { source: CandidateSource } => {
    let t = tallies.get(key);
    if (!t) {
      t = {
        count: 0,
        documents: new Set(),
        left: new Map(),
        right: new Map(),
        edges: [0, 0],
        words,
        source,
      };
      tallies.set(key, t);
    } else if (source !== 'phrase' && t.source === 'phrase') t.source = source;
    return t;
  };
  const observe = (t: Tally, doc: number, text: string, from: number, to: number): void => {
    t.count++;
    t.documents.add(doc);
    t.firstAt ??= { doc, index: from };
    const before = text[from - 1];
    const after = text[to];
    if (before && HAN.test(before)) t.left.set(before, (t.left.get(before) ?? 0) + 1);
    else t.edges[0]++;
    if (after && HAN.test(after)) t.right.set(after, (t.right.get(after) ?? 0) + 1);
    else t.edges[1]++;
  };
  const isEligible = (key: string, words: string[]): boolean =>
    key.length >= 2 &&
    (ngramCounts.get(key) ?? 0) >= MIN_COUNT &&
    !known.has(key) &&
    !isStopWord(words[0]!) &&
    !isStopWord(words.at(-1)!) &&
    !words.some((w) => names.has(w)) &&
    // One character on either edge is a particle or a verb's object far more often than a term's part.
    !(words.length > 1 && (words[0]!.length === 1 || words.at(-1)!.length === 1)) &&
    // One everyday word (人才, 发展, 底气) is vocabulary, not a term.
    !(words.length === 1 && generalFrequency(key) >= EVERYDAY_FREQUENCY);
  forEachNgram((key, words, from, to, doc, leadTag) => {
    if (!isEligible(key, words)) return;
    const t = tally(key, 'phrase', words);
    // 推动…, 加强…, …增长: a run that opens or ends with a plain verb is a clause, not a name.
    if (
      words.length > 1 &&
      (leadTag === 'v' || generalTag(words[0]!) === 'v' || generalTag(words.at(-1)!) === 'v')
    )
      t.verbLed = true;
    observe(t, doc, masked[doc]!, from, to);
  });

  // Quoted strings and numbered formulas: counted wherever they occur (they may span masked terms).
  const quoted = new Map<string, { count: number; documents: Set<number> }>();
  texts.forEach((text, doc) => {
    const mined: [string, CandidateSource][] = [
      ...[...text.matchAll(QUOTED)].map((m): [string, CandidateSource] => [m[1]!, 'quoted']),
      ...[...text.matchAll(NUMBERED)].map((m): [string, CandidateSource] => [m[0], 'formula']),
    ];
    for (const [term, source] of mined) {
      if (source === 'quoted') {
        const q = quoted.get(term) ?? { count: 0, documents: new Set<number>() };
        q.count++;
        q.documents.add(doc);
        quoted.set(term, q);
      }
      if (tallies.has(term) || known.has(term.replace(/[、，,·]/g, ''))) continue;
      if (names.has(term) || isStopWord(term)) continue;
      // A piece of a known term (质生产) is not a candidate.
      if (forms.some((form) => form.includes(term))) continue;
      const t = tally(term, source, [term]);
      texts.forEach((other, d) => {
        for (let at = other.indexOf(term); at >= 0; at = other.indexOf(term, at + term.length))
          observe(t, d, other, at, at + term.length);
      });
    }
  });

  // C-value nesting: how much of a candidate's use is inside its most frequent longer candidate.
  const nested = new Map<string, number>();
  for (const [key, t] of tallies) {
    for (let i = 0; i < key.length; i++)
      for (let j = i + 2; j <= key.length; j++) {
        if (j - i === key.length) continue;
        const inner = key.slice(i, j);
        const it = tallies.get(inner);
        if (it) nested.set(inner, Math.max(nested.get(inner) ?? 0, t.count / it.count));
      }
  }

  const pmi = (words: string[]): number => {
    if (words.length < 2) return Infinity;
    const p = (ws: string[]): number => (ngramCounts.get(ws.join('')) ?? 0) / totalWords;
    let lowest = Infinity;
    for (let k = 1; k < words.length; k++) {
      const joint = p(words);
      const split = Math.log2(joint / (p(words.slice(0, k)) * p(words.slice(k))));
      lowest = Math.min(lowest, split);
    }
    return lowest;
  };

  const candidates: Candidate[] = [];
  for (const [term, t] of tallies) {
    // Phrases must recur; a quotation or a numbered formula is its own evidence of a coinage.
    if (t.source === 'phrase' && t.count < MIN_COUNT) continue;
    // A quoted count is a formula only for a word the general dictionary lacks: “一站式”, “九五”
    // (of “九五”普法) are everyday words set off by quotation marks.
    let pattern = formulaPattern(term, t.source !== 'phrase' && generalFrequency(term) === 0);
    // A quotation or a formula is one unit (五谈、五看 is no clause for ending in 看); jieba's own
    // cut of it still says how it opens and whether it keeps it whole.
    const words = t.source === 'phrase' ? t.words : [term];
    const cut = t.source === 'phrase' ? t.words : tagWords(term).map((w) => w.word);
    // 新… is a coinage when 新 or 新型 heads it, not when an older dictionary word does (新能源汽车,
    // 新一轮, 新兴产业).
    if (pattern === 'new' && !NEW_HEADS.has(cut[0]!) && generalFrequency(cut[0]!) > 0)
      pattern = null;
    // Two characters are nearly always a word of the language; a count (两重, 三北) or a recurring
    // quotation makes them a term.
    if (term.length === 2 && pattern !== 'numbered' && (quoted.get(term)?.documents.size ?? 0) < 2)
      continue;
    const nestedShare = Math.min(nested.get(term) ?? 0, 1);
    // …性 names a quality (普惠性, 系统性), not a thing a card could explain.
    if (term.endsWith('性') && !pattern) continue;
    // A fragment: nearly every use of it is inside one longer candidate (C-value's nested term),
    // or nearly every use has the same character beside it (业态新模式 is 新业态新模式's tail).
    if (nestedShare >= 0.8) continue;
    if (
      t.count >= FRAGMENT_MIN_USES &&
      Math.max(dominantShare(t.left, t.edges[0]), dominantShare(t.right, t.edges[1])) >=
        FRAGMENT_SHARE
    )
      continue;
    const q = quoted.get(term);
    const signals: CandidateSignals = {
      documents: t.documents.size,
      quoted: q?.count ?? 0,
      quotedDocuments: q?.documents.size ?? 0,
      leftEntropy: entropy(t.left, t.edges[0]),
      rightEntropy: entropy(t.right, t.edges[1]),
      cohesion: pmi(t.words),
      nested: nestedShare,
      general: generalFrequency(term),
      // …升级, …改革: a run that ends with a verb or verbal noun (jieba's general tags v, vn) is a
      // clause or a description (提质升级, 公立医院改革); a programme's head (…行动) is a name.
      verbLed:
        (t.verbLed ?? false) ||
        (words.length > 1 &&
          pattern !== 'programme' &&
          (isVerbLike(words[0]!, false) || isVerbLike(words.at(-1)!, true))),
      wholeNewWord: cut.length === 1 && generalFrequency(term) === 0,
      compositional: t.words.length > 1 && t.words.every((w) => generalFrequency(w) > 0),
      // A stop word between words, or glued by jieba to the front of an unknown word (和量 in
      // 有效提升和量): a stretch of a sentence.
      joined:
        t.words.slice(1, -1).some(isStopWord) ||
        words.slice(1).some((w) => w.length > 1 && isStopWord(w[0]!) && generalFrequency(w) === 0),
      pattern,
    };
    // General vocabulary (干部队伍, 组织+工作) is a candidate only when it is quoted or has a formula's
    // form: in a handful of articles on one subject, recurrence alone cannot tell it from a term.
    if ((signals.general > 0 || signals.compositional) && !pattern && signals.quoted === 0)
      continue;
    // An everyday word stays one when quoted (“家门口”, “示范区”): quotation marks set off emphasis
    // as often as coinage. Only a count (“九五”, “两山”) makes a quoted word a formula.
    if (signals.general >= EVERYDAY_FREQUENCY && pattern !== 'numbered') continue;
    // Unquoted runs that open with a plain verb (深化…, 获批建设) or join words with 的/和 are
    // stretches of sentences.
    if ((signals.verbLed || signals.joined) && signals.quoted === 0) continue;
    const free = Math.max(1, t.count * (1 - nestedShare));
    const at = t.firstAt!;
    candidates.push({
      term,
      source: t.source,
      count: t.count,
      score: scoreCandidate(free, signals, term.length),
      signals,
      // The sentence as written (Simplified conversion keeps positions: OpenCC maps character by character here).
      example: {
        file: articles[at.doc]!.file,
        sentence: sentenceAround(articles[at.doc]!.text, at.index),
      },
    });
  }
  return candidates.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
}

/** An analyst's judgement of candidates: term (a glossary card is wanted) or noise. */
export type CandidateLabel = { label: 'term' | 'noise'; why: string };

export const LABELS_PATH = fileURLToPath(new URL('candidates-labels.yaml', import.meta.url));

/** Reads the labels file: `candidate: { label: term|noise, why: … }`. */
export function readLabels(path = LABELS_PATH): Map<string, CandidateLabel> {
  const parsed = parse(readFileSync(path, 'utf8')) as Record<string, CandidateLabel> | null;
  return new Map(Object.entries(parsed ?? {}));
}

/** Precision of the first `at` candidates against the labels: real terms, and how many are unlabelled. */
export function precisionAt(
  candidates: readonly Candidate[],
  labels: ReadonlyMap<string, CandidateLabel>,
  at = PRECISION_AT,
): { real: number; unlabelled: string[]; of: number } {
  const top = candidates.slice(0, at);
  return {
    real: top.filter((c) => labels.get(c.term)?.label === 'term').length,
    unlabelled: top.filter((c) => !labels.has(c.term)).map((c) => c.term),
    of: top.length,
  };
}

/** The seed articles of corpus/sources, cleaned. */
export function readSources(dir = PATHS.sources): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: cleanArticle(readFileSync(join(dir, file), 'utf8')).text }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const limitArg = process.argv.indexOf('--limit');
  const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : 60;
  const glossary = loadGlossary(PATHS.glossary);
  loadSegmenter(glossary);
  const articles = readSources();
  const at = process.argv.indexOf('--datasets');
  const folders = datasetFolders(at >= 0 ? process.argv[at + 1] : undefined);
  const datasets = readDatasets(folders).articles.map((d) => ({
    file: d.source,
    text: cleanArticle(d.raw, d.title).text,
  }));
  if (folders.length > 0)
    console.log(
      `${articles.length} sources and ${datasets.length} documents from ${folders.join(', ')}`,
    );
  const candidates = mineCandidates([...articles, ...datasets], glossary);
  console.log(
    `${candidates.length} candidate terms not in the glossary (showing ${Math.min(limit, candidates.length)}):\n`,
  );
  const labels = readLabels();
  candidates.slice(0, limit).forEach((c, i) => {
    const s = c.signals;
    const mark = { term: '+', noise: '-' }[labels.get(c.term)?.label ?? 'term'] ?? '?';
    console.log(
      `${String(i + 1).padStart(3)} ${labels.has(c.term) ? mark : '?'} ${c.term}  [${c.source}, ×${c.count} in ${s.documents}, score ${c.score.toFixed(1)}]  ${c.example.file}: ${c.example.sentence.slice(0, 60)}`,
    );
  });
  const { real, unlabelled, of } = precisionAt(candidates, labels);
  console.log(
    `\nprecision@${PRECISION_AT}: ${real}/${of} labelled real (${unlabelled.length} unlabelled)${unlabelled.length ? `: ${unlabelled.join(' ')}` : ''}`,
  );
}
