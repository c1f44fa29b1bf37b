import { z } from 'zod';
import { glossaryEntrySchema } from './glossary/glossary';
import { SIGNATURE_SIZE } from './match/minhash';

/** Bumped when the bundle's shape changes; the importer refuses other versions with a clear message. */
export const BUNDLE_VERSION = 1;
export const BUNDLE_FORMAT = 'wenmai-corpus';

const passageSchema = z
  .object({
    id: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .strict();

const mojibakeSchema = z
  .object({ offset: z.number(), original: z.string(), repaired: z.string().optional() })
  .strict();

export const articleMetaSchema = z
  .object({
    author: z.string().optional(),
    affiliation: z.string().optional(),
    date: z.string().optional(),
    /** Province or city, where the source says. */
    place: z.string().optional(),
    board: z.string().optional(),
    forum: z
      .object({
        author: z.string().optional(),
        date: z.string().optional(),
        board: z.string().optional(),
        title: z.string().optional(),
      })
      .optional(),
    byline: z
      .object({
        author: z.string().optional(),
        affiliation: z.string().optional(),
        text: z.string(),
      })
      .optional(),
    outlet: z.string().optional(),
    /** The source had no title: the one shown was written by Wenmai's editors (or the reader). */
    titleBy: z.literal('editor').optional(),
    speaker: z.string().optional(),
    occasion: z.string().optional(),
    captions: z.array(z.string()).optional(),
    pinyinRemoved: z.number().int().nonnegative(),
    mojibake: z.array(mojibakeSchema),
  })
  .strict();

export const bundleArticleSchema = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    title: z.string(),
    lang: z.enum(['zh-Hans', 'zh-Hant', 'zh-mixed', 'other']),
    url: z.string().optional(),
    meta: articleMetaSchema,
    text: z.string(),
    passages: z.array(passageSchema),
    keywords: z.array(z.string()),
    signature: z.array(z.number().int().nonnegative()).length(SIGNATURE_SIZE),
    shingleCount: z.number().int().nonnegative(),
    terms: z.record(z.string(), z.number().int().positive()),
  })
  .strict()
  .superRefine((article, ctx) => {
    for (const passage of article.passages) {
      if (passage.end > article.text.length || passage.start >= passage.end) {
        ctx.addIssue({
          code: 'custom',
          message: `passage ${passage.id} lies outside the article text`,
        });
      }
    }
  });

export const passageLinkSchema = z
  .object({ from: z.string(), to: z.string(), score: z.number().min(0).max(1) })
  .strict();

export const corpusBundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    corpusVersion: z.string().min(1),
    glossary: z.array(glossaryEntrySchema),
    stopPhrases: z.array(z.string()),
    articles: z.array(bundleArticleSchema),
    passageLinks: z.array(passageLinkSchema),
  })
  .strict();

export type BundleArticle = z.output<typeof bundleArticleSchema>;
export type PassageLink = z.output<typeof passageLinkSchema>;
export type CorpusBundle = z.output<typeof corpusBundleSchema>;

/** Validates a parsed bundle; the error names the first problems found. */
export function parseBundle(
  value: unknown,
): { ok: true; value: CorpusBundle } | { ok: false; error: string } {
  if (
    typeof value === 'object' &&
    value !== null &&
    'version' in value &&
    value.version !== BUNDLE_VERSION
  ) {
    return {
      ok: false,
      error: `corpus bundle version ${String(value.version)} is not supported (expected ${BUNDLE_VERSION})`,
    };
  }
  const result = corpusBundleSchema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  return { ok: false, error: `invalid corpus bundle: ${issues.join('; ')}` };
}

/**
 * Reads the bundle shipped inside the extension, checking what the import and the index rely on
 * (format and version, each article's id, text, passages and signature, the shape of each glossary
 * entry and link) rather than every field with the schema: the build wrote it only after
 * `parseBundle` accepted it (corpus/build/build-corpus.ts), and the full schema cost 150–200 ms of a
 * fresh service worker's install import (2026 reports). Files from elsewhere go through parseBundle.
 */
export function parseShippedBundle(
  value: unknown,
): { ok: true; value: CorpusBundle } | { ok: false; error: string } {
  const fail = (error: string) => ({
    ok: false as const,
    error: `invalid corpus bundle: ${error}`,
  });
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const bundle = value as Record<string, unknown>;
  if (bundle.version !== BUNDLE_VERSION)
    return {
      ok: false,
      error: `corpus bundle version ${String(bundle.version)} is not supported (expected ${BUNDLE_VERSION})`,
    };
  if (bundle.format !== BUNDLE_FORMAT) return fail(`format is not ${BUNDLE_FORMAT}`);
  if (typeof bundle.corpusVersion !== 'string' || bundle.corpusVersion === '')
    return fail('corpusVersion: missing');
  const { articles, glossary, passageLinks, stopPhrases } = bundle;
  if (!Array.isArray(articles) || !Array.isArray(glossary) || !Array.isArray(passageLinks))
    return fail('articles, glossary and passageLinks must be lists');
  if (!Array.isArray(stopPhrases) || !stopPhrases.every((p) => typeof p === 'string'))
    return fail('stopPhrases: not a list of strings');
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  for (const [i, article] of articles.entries()) {
    if (!isObject(article) || typeof article.id !== 'string' || article.id === '')
      return fail(`articles.${i}.id: missing`);
    const { text, passages, signature } = article;
    if (typeof text !== 'string' || !Array.isArray(passages) || !isObject(article.terms))
      return fail(`articles.${i}: text, passages or terms missing`);
    if (!Array.isArray(signature) || signature.length !== SIGNATURE_SIZE)
      return fail(`articles.${i}.signature: not ${SIGNATURE_SIZE} numbers`);
    for (const passage of passages as unknown[]) {
      const p = passage as { id?: unknown; start?: unknown; end?: unknown } | null;
      if (
        typeof p?.id !== 'string' ||
        typeof p.start !== 'number' ||
        typeof p.end !== 'number' ||
        p.end > text.length ||
        p.start >= p.end
      )
        return fail(`articles.${i}: a passage lies outside the article text`);
    }
  }
  for (const [i, entry] of glossary.entries())
    if (!isObject(entry) || typeof entry.id !== 'string' || typeof entry.headword !== 'string')
      return fail(`glossary.${i}: id or headword missing`);
  for (const [i, link] of passageLinks.entries())
    if (
      !isObject(link) ||
      typeof link.from !== 'string' ||
      typeof link.to !== 'string' ||
      typeof link.score !== 'number'
    )
      return fail(`passageLinks.${i}: from, to or score missing`);
  return { ok: true, value: value as CorpusBundle };
}
