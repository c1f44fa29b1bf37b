/**
 * A deterministic synthetic corpus for the similarity index: Chinese-like paragraphs (Han
 * characters drawn with the character frequencies of corpus/sources, glossary-like terms inserted
 * with a Zipf-like frequency) combined into articles.
 *
 * Speed trick (exact): the MinHash signature of a union of shingle sets is the element-wise minimum
 * of the parts' signatures. A pool of paragraphs is fingerprinted once; an article is a random set
 * of pool paragraphs, its signature the minimum of theirs, its shingle count their sum (random
 * paragraphs share practically no 5-character shingle) and its terms their merged counts.
 *
 * Long on purpose: the generator and the real-sentence shapes it draws from belong together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopShinglesFrom, type ArticleFeatures } from '../../lib/match/article-features';
import { compactForMatch } from '../../lib/normalise/fold-script';
import { mulberry32 } from './random';
import { minhashSignature, SIGNATURE_SIZE } from '../../lib/match/minhash';
import { shingleHashes } from '../../lib/match/shingles';
import type { Relation } from '../../lib/match/similarity-index';

export type QueryKind = 'duplicate' | 'excerpt' | 'related' | 'unrelated';
export const QUERY_KINDS: readonly QueryKind[] = ['duplicate', 'excerpt', 'related', 'unrelated'];

export interface SyntheticArticle {
  id: string;
  features: ArticleFeatures;
}

export interface SyntheticQuery {
  kind: QueryKind;
  features: ArticleFeatures;
  /** The article the query was built from (not for `unrelated`). */
  sourceId?: string;
  /** The relation that article must have to the query (not for `unrelated`). */
  expected?: Relation;
}

export interface SyntheticCorpus {
  articles: SyntheticArticle[];
  queries: SyntheticQuery[];
}

export interface SyntheticOptions {
  /** Paragraphs in the shared pool (default 4,000). */
  poolSize?: number;
  /** Queries, split evenly over the four kinds (default 200). */
  queries?: number;
  /** Terms inserted per paragraph: uniform in 0..this (default 3, about 12 per article). */
  maxTermsPerParagraph?: number;
  /** Reuse the pool built for the same seed and options (default true; false rebuilds it). */
  cache?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Randomness

export { mulberry32 } from './random';

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
/** Derives an independent stream seed from a seed and a stream number. */
const subSeed = (seed: number, stream: number): number =>
  (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(stream + 1, 0x85ebca6b)) >>> 0;

/** k distinct integers in [0, n), in drawing order. */
function sampleDistinct(rng: Rng, n: number, k: number): number[] {
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(rng() * n));
  return [...picked];
}

// ---------------------------------------------------------------------------------------------
// Characters and terms

const SOURCES_DIR = join(import.meta.dirname, '..', '..', 'corpus', 'sources');
/** Used only when corpus/sources has no text: common characters of policy writing. */
const FALLBACK_CHARS =
  '的发展工作建设推动党组织新质生产力高质量基层治理干部服务经济社会创新体系能力全面加强提升坚持实施战略改革开放现代化人民群众';

function isHanChar(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

let seedChars: string | null = null;
/** Every Han character of the seed corpus, in order: sampling it uniformly samples their frequency. */
export function seedCharacters(): string {
  if (seedChars !== null) return seedChars;
  let chars = '';
  try {
    for (const file of readdirSync(SOURCES_DIR)
      .filter((f) => /\.(txt|md)$/.test(f))
      .sort()) {
      const text = readFileSync(join(SOURCES_DIR, file), 'utf8');
      for (let i = 0; i < text.length; i++) if (isHanChar(text.charCodeAt(i))) chars += text[i];
    }
  } catch {
    // No sources: fall back below.
  }
  seedChars = chars.length >= 500 ? chars : FALLBACK_CHARS;
  return seedChars;
}

function randomHan(rng: Rng, chars: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(rng() * chars.length)];
  return out;
}

/** Number of fake glossary terms the articles use. */
export const VOCABULARY_SIZE = 300;
/** Extra terms only `unrelated` queries use: no indexed article has them. */
const QUERY_ONLY_TERMS = 20;
/** Zipf exponent of term frequency: term of rank r is drawn ∝ 1 / r^s. */
const ZIPF_EXPONENT = 1.0;

interface Vocabulary {
  ids: string[];
  forms: string[];
  /** Cumulative Zipf weights over the first VOCABULARY_SIZE terms, normalised to end at 1. */
  cumulative: Float64Array;
}

function makeVocabulary(rng: Rng, chars: string): Vocabulary {
  const total = VOCABULARY_SIZE + QUERY_ONLY_TERMS;
  const ids: string[] = [];
  const forms: string[] = [];
  const seen = new Set<string>();
  while (forms.length < total) {
    const form = randomHan(rng, chars, int(rng, 4, 7));
    if (seen.has(form)) continue;
    seen.add(form);
    const i = forms.length;
    ids.push(i < VOCABULARY_SIZE ? `term-${String(i).padStart(3, '0')}` : `qterm-${i}`);
    forms.push(form);
  }
  const cumulative = new Float64Array(VOCABULARY_SIZE);
  let sum = 0;
  for (let r = 0; r < VOCABULARY_SIZE; r++) cumulative[r] = sum += 1 / (r + 1) ** ZIPF_EXPONENT;
  for (let r = 0; r < VOCABULARY_SIZE; r++) cumulative[r] = cumulative[r]! / sum;
  return { ids, forms, cumulative };
}

function zipfTerm(rng: Rng, vocabulary: Vocabulary): number {
  const x = rng();
  const c = vocabulary.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

interface Paragraph {
  signature: Uint32Array;
  shingleCount: number;
  /** Term index → occurrences. */
  terms: Map<number, number>;
}

interface Pool {
  chars: string;
  vocabulary: Vocabulary;
  stop: Set<number>;
  maxTerms: number;
  paragraphs: Paragraph[];
}

/** Paragraph length in characters (terms and punctuation included, roughly). */
const PARAGRAPH_CHARS = [150, 400] as const;

/** A paragraph of clauses of random characters with the given terms inserted, and its features. */
function makeParagraph(
  rng: Rng,
  pool: Pick<Pool, 'chars' | 'vocabulary' | 'stop'>,
  terms: number[],
): Paragraph {
  const target = int(rng, PARAGRAPH_CHARS[0], PARAGRAPH_CHARS[1]);
  const clauses: string[] = [];
  let length = 0;
  for (const term of terms) length += pool.vocabulary.forms[term]!.length;
  while (length < target) {
    const clause = randomHan(rng, pool.chars, Math.min(int(rng, 5, 18), target - length));
    clauses.push(clause);
    length += clause.length + 1;
  }
  if (clauses.length === 0) clauses.push(randomHan(rng, pool.chars, 5));
  const counts = new Map<number, number>();
  for (const term of terms) {
    const at = Math.floor(rng() * clauses.length);
    const clause = clauses[at]!;
    const cut = Math.floor(rng() * (clause.length + 1));
    clauses[at] = clause.slice(0, cut) + pool.vocabulary.forms[term]! + clause.slice(cut);
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  let text = '';
  for (const clause of clauses) text += clause + (rng() < 0.3 ? '。' : '，');
  const shingles = shingleHashes(compactForMatch(text.slice(0, -1) + '。'), pool.stop);
  return {
    signature: minhashSignature(shingles),
    shingleCount: shingles.length,
    terms: counts,
  };
}

/** 0–max terms drawn from the Zipf-distributed vocabulary. */
function randomTerms(rng: Rng, vocabulary: Vocabulary, max: number): number[] {
  const terms: number[] = [];
  for (let n = int(rng, 0, max); n > 0; n--) terms.push(zipfTerm(rng, vocabulary));
  return terms;
}

const pools = new Map<string, Pool>();

function getPool(seed: number, poolSize: number, maxTerms: number, cache: boolean): Pool {
  const key = `${seed}:${poolSize}:${maxTerms}`;
  const cached = cache ? pools.get(key) : undefined;
  if (cached) return cached;
  const chars = seedCharacters();
  const vocabulary = makeVocabulary(mulberry32(subSeed(seed, 0)), chars);
  // Glossary forms are stop shingles in the real corpus (corpusStopShingles): the same here.
  const base = { chars, vocabulary, stop: stopShinglesFrom(vocabulary.forms) };
  const rng = mulberry32(subSeed(seed, 1));
  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < poolSize; i++)
    paragraphs.push(makeParagraph(rng, base, randomTerms(rng, vocabulary, maxTerms)));
  const pool = { ...base, maxTerms, paragraphs };
  if (cache) pools.set(key, pool);
  return pool;
}

// ---------------------------------------------------------------------------------------------
// Articles and queries

/** Features of a set of paragraphs: MinHash of the union = element-wise minimum. */
export function combineParagraphs(
  parts: readonly {
    signature: Uint32Array;
    shingleCount: number;
    terms: ReadonlyMap<number, number>;
  }[],
  termIds: readonly string[],
): ArticleFeatures {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  let shingleCount = 0;
  const counts = new Map<number, number>();
  for (const part of parts) {
    const s = part.signature;
    for (let i = 0; i < SIGNATURE_SIZE; i++) if (s[i]! < signature[i]!) signature[i] = s[i]!;
    shingleCount += part.shingleCount;
    for (const [term, count] of part.terms) counts.set(term, (counts.get(term) ?? 0) + count);
  }
  // Sorted by id, as articleFeatures writes them.
  const terms: Record<string, number> = {};
  for (const [id, count] of [...counts]
    .map(([term, count]) => [termIds[term]!, count] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    terms[id] = count;
  return { signature, shingleCount, terms };
}

/** Paragraphs per article. */
const ARTICLE_PARAGRAPHS = [4, 12] as const;
/** A duplicate query's new paragraph is at most 1/this of the article (so ≥ 80% of it is the article). */
const MIN_DUPLICATE_SHARE_FACTOR = 4;
/** An excerpt is at most this share of its article's shingles, so it is reuse, not a duplicate. */
const MAX_EXCERPT_SHARE = 0.45;

/**
 * A synthetic corpus of n articles and about 200 queries with known answers. Article i is the same
 * for every n (so a smaller corpus is a prefix of a larger one); the queries depend on n.
 */
export function syntheticCorpus(
  n: number,
  seed: number,
  options: SyntheticOptions = {},
): SyntheticCorpus {
  const poolSize = options.poolSize ?? 4000;
  const queryCount = options.queries ?? 200;
  const pool = getPool(seed, poolSize, options.maxTermsPerParagraph ?? 3, options.cache ?? true);
  const termIds = pool.vocabulary.ids;

  const articleRng = mulberry32(subSeed(seed, 2));
  const articleParagraphs: number[][] = [];
  const articles: SyntheticArticle[] = [];
  for (let i = 0; i < n; i++) {
    const picks = sampleDistinct(
      articleRng,
      poolSize,
      Math.min(poolSize, int(articleRng, ARTICLE_PARAGRAPHS[0], ARTICLE_PARAGRAPHS[1])),
    );
    articleParagraphs.push(picks);
    articles.push({
      id: `syn-${String(i).padStart(6, '0')}`,
      features: combineParagraphs(
        picks.map((p) => pool.paragraphs[p]!),
        termIds,
      ),
    });
  }

  const rng = mulberry32(subSeed(seed, 3 + n));
  const fresh = (terms: number[]): Paragraph => makeParagraph(rng, pool, terms);
  const queries: SyntheticQuery[] = [];
  const perKind = Math.ceil(queryCount / QUERY_KINDS.length);
  const pickArticle = (accept: (i: number) => boolean): number => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const i = Math.floor(rng() * n);
      if (accept(i)) return i;
    }
    throw new Error('syntheticCorpus: no article fits the query kind (corpus too small?)');
  };

  for (let q = 0; q < queryCount; q++) {
    const kind = QUERY_KINDS[Math.min(QUERY_KINDS.length - 1, Math.floor(q / perKind))]!;
    if (kind === 'duplicate') {
      // The article's paragraphs plus one new one, small enough that the article stays well over
      // the duplicate thresholds (most of each text is in the other).
      const extra = fresh(randomTerms(rng, pool.vocabulary, pool.maxTerms));
      const i = pickArticle(
        (candidate) =>
          articles[candidate]!.features.shingleCount >=
          MIN_DUPLICATE_SHARE_FACTOR * extra.shingleCount,
      );
      const parts = articleParagraphs[i]!.map((p) => pool.paragraphs[p]!);
      parts.push(extra);
      queries.push({
        kind,
        features: combineParagraphs(parts, termIds),
        sourceId: articles[i]!.id,
        expected: 'duplicate',
      });
    } else if (kind === 'excerpt') {
      // Two or three of the article's paragraphs: well under half of it.
      let excerpt: Paragraph[] = [];
      const i = pickArticle((candidate) => {
        const own = articleParagraphs[candidate]!;
        if (own.length < 6) return false;
        const take = int(rng, 2, 3);
        excerpt = sampleDistinct(rng, own.length, take).map((k) => pool.paragraphs[own[k]!]!);
        const size = excerpt.reduce((sum, p) => sum + p.shingleCount, 0);
        return size <= MAX_EXCERPT_SHARE * articles[candidate]!.features.shingleCount;
      });
      queries.push({
        kind,
        features: combineParagraphs(excerpt, termIds),
        sourceId: articles[i]!.id,
        expected: 'reuse',
      });
    } else if (kind === 'related') {
      // New text, the same terms (and counts) as the article.
      const i = pickArticle(
        (candidate) => Object.keys(articles[candidate]!.features.terms).length >= 3,
      );
      const paragraphCount = int(rng, 3, 6);
      const placed: number[][] = Array.from({ length: paragraphCount }, () => []);
      for (const p of articleParagraphs[i]!)
        for (const [term, count] of pool.paragraphs[p]!.terms)
          for (let c = 0; c < count; c++) placed[Math.floor(rng() * paragraphCount)]!.push(term);
      queries.push({
        kind,
        features: combineParagraphs(placed.map(fresh), termIds),
        sourceId: articles[i]!.id,
        expected: 'related',
      });
    } else {
      // New text whose terms no indexed article uses.
      const parts: Paragraph[] = [];
      for (let k = int(rng, 3, 8); k > 0; k--) {
        const terms: number[] = [];
        for (let t = int(rng, 0, 2); t > 0; t--)
          terms.push(VOCABULARY_SIZE + Math.floor(rng() * QUERY_ONLY_TERMS));
        parts.push(fresh(terms));
      }
      queries.push({ kind, features: combineParagraphs(parts, termIds) });
    }
  }
  return { articles, queries };
}
