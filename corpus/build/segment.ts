import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jieba from 'nodejs-jieba';
import * as OpenCC from 'opencc-js';
import type { GlossaryEntry } from '../../lib/glossary/glossary';
import { termForms } from '../../lib/glossary/term-forms';

// jieba's dictionaries are Simplified: Traditional input fragments into far more pieces.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Frequency given to glossary terms in jieba's user dictionary: high enough to win over splits. */
const USER_WORD_FREQUENCY = 100_000;

let loadedDictionary: string | null = null;

/** jieba's user dictionary text for a glossary: every Simplified form, one "word freq n" line each. */
export function userDictionary(glossary: readonly GlossaryEntry[]): string {
  const words = new Set<string>();
  for (const entry of glossary) {
    for (const form of termForms(entry)) {
      const simplified = toSimplified(form);
      // jieba's dictionary format is space-separated: forms with spaces cannot be listed.
      if (!/\s/.test(simplified)) words.add(simplified);
    }
  }
  return (
    [...words]
      .sort()
      .map((word) => `${word} ${USER_WORD_FREQUENCY} n`)
      .join('\n') + '\n'
  );
}

/** Loads jieba with the glossary as user dictionary (once per glossary). */
export function loadSegmenter(glossary: readonly GlossaryEntry[]): void {
  // Loading jieba takes about a second: only when the dictionary really changed.
  const dictionary = userDictionary(glossary);
  if (dictionary === loadedDictionary) return;
  const dir = mkdtempSync(join(tmpdir(), 'wenmai-jieba-'));
  const userDict = join(dir, 'user.dict.utf8');
  writeFileSync(userDict, dictionary);
  try {
    jieba.load({ userDict });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  loadedDictionary = dictionary;
}

/** Segments text (converted to Simplified first) into words. */
export function segment(text: string): string[] {
  return jieba.cut(toSimplified(text), true).filter((word) => word.trim().length > 0);
}

/** Words of a text (converted to Simplified first) with jieba's part-of-speech tags (nr: a person's name). */
export function tagWords(text: string): { word: string; tag: string }[] {
  return jieba.tag(toSimplified(text)).filter(({ word }) => word.trim().length > 0);
}

let baseFrequencies: Map<string, number> | null = null;
let baseTags: Map<string, string> | null = null;

/**
 * How often jieba's own dictionary (general Chinese, without the glossary) saw a word, or 0 when it
 * does not list it: everyday words (底气, 一体化, 总书记) are frequent there, recent coinages absent.
 */
export function generalFrequency(word: string): number {
  if (!baseFrequencies) {
    baseFrequencies = new Map();
    baseTags = new Map();
    for (const line of readFileSync(jieba.DEFAULT_DICT, 'utf8').split('\n')) {
      const [entry, frequency, tag] = line.split(' ');
      if (entry && frequency) baseFrequencies.set(entry, Number(frequency));
      if (entry && tag) baseTags.set(entry, tag);
    }
  }
  return baseFrequencies.get(word) ?? 0;
}

/** jieba's general-dictionary part of speech of a word (v: a plain verb), or '' when not listed. */
export function generalTag(word: string): string {
  generalFrequency(word);
  return baseTags?.get(word) ?? '';
}

let stopWords: Set<string> | null = null;

/** Whether jieba's stop list has the word (的, 和, 一些, 我们 …): no term begins or ends with one. */
export function isStopWord(word: string): boolean {
  stopWords ??= new Set(readFileSync(jieba.DEFAULT_STOP_WORD_DICT, 'utf8').split('\n'));
  return stopWords.has(word);
}

/** TF-IDF keywords of a text (converted to Simplified first). */
export function keywords(text: string, count: number): { word: string; weight: number }[] {
  return jieba.extract(toSimplified(text), count);
}

export { toSimplified };
