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
