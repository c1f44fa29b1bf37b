/**
 * Full-text synthetic articles for the scale benchmark (npm run bench:scale): every sentence has
 * the shape of a real seed sentence (its length, punctuation, and the terms that survive), with
 * about a third of its Han characters redrawn, so that no two articles share running text by
 * chance while the text still reads to the matcher like official writing. Deterministic per seed.
 * Pure: runs in Node and in the browser (the seed texts are passed in).
 */
import { mulberry32 } from './random';

type Rng = () => number;

const SENTENCE = /[^。！？；\n]+[。！？；]/g;
const isHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

export interface ScaleText {
  /** Sentences of the seeds (2–120 characters). */
  sentences: string[];
  /** Han characters of the seeds, with repeats: drawing from it follows their frequency. */
  chars: string;
}

export function scaleText(seeds: readonly string[]): ScaleText {
  const sentences: string[] = [];
  for (const text of seeds)
    for (const match of text.matchAll(SENTENCE)) {
      const sentence = match[0].trim();
      if (sentence.length >= 8 && sentence.length <= 120) sentences.push(sentence);
    }
  const chars = seeds
    .join('')
    .split('')
    .filter((c) => isHan(c.charCodeAt(0)))
    .join('');
  return { sentences, chars };
}

function sentenceLike(rng: Rng, text: ScaleText): string {
  const shape = text.sentences[Math.floor(rng() * text.sentences.length)]!;
  let out = '';
  for (const c of shape) {
    out +=
      isHan(c.charCodeAt(0)) && rng() < 0.35
        ? text.chars[Math.floor(rng() * text.chars.length)]!
        : c;
  }
  return out;
}

export function paragraphLike(rng: Rng, text: ScaleText): string {
  const sentences = 2 + Math.floor(rng() * 3);
  return Array.from({ length: sentences }, () => sentenceLike(rng, text)).join('');
}

/** An article of 6–13 paragraphs (about 700–1,500 characters). */
export function articleLike(rng: Rng, text: ScaleText): string {
  const paragraphs = 6 + Math.floor(rng() * 8);
  return Array.from({ length: paragraphs }, () => paragraphLike(rng, text)).join('\n');
}

/** The n-th article of a corpus: the same text for the same seed and n, whatever else is made. */
export function scaleArticle(seed: number, n: number, text: ScaleText): string {
  return articleLike(mulberry32(seed * 1_000_003 + n), text);
}

/** A paragraph lightly edited (a tenth of its Han characters redrawn): a reworked passage. */
export function rework(rng: Rng, paragraph: string, text: ScaleText): string {
  let out = '';
  for (const c of paragraph)
    out +=
      isHan(c.charCodeAt(0)) && rng() < 0.1
        ? text.chars[Math.floor(rng() * text.chars.length)]!
        : c;
  return out;
}
