import { z } from 'zod';

export const TERM_CATEGORIES = [
  'formula',
  'slogan',
  'concept',
  'programme',
  'meeting',
  'document',
  'institution',
  'policy',
  'local-brand',
  'jargon',
] as const;
export type TermCategory = (typeof TERM_CATEGORIES)[number];

const hanPhrase = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/[\u3400-\u9fff]/, 'must contain Chinese characters');

/** A date as precise as it is known: 2023, 2023-06 or 2023-06-26. */
const partialDate = z
  .string()
  .regex(
    /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
    'must be YYYY, YYYY-MM or YYYY-MM-DD',
  );

/**
 * Where a definition (or an English name, or a first appearance) comes from: a published source
 * (outlet, date, title, URL where there is one), or a seed article of the corpus by file name
 * (the build checks that the term occurs in it). A published source is primary unless marked
 * `kind: secondary`: press, commentary or a reprint rather than the issuing body's own page or its
 * official outlet (Xinhua, People's Daily, gov.cn …). A seed article counts as primary: it is the
 * text the term is quoted from.
 */
export const termSourceSchema = z.union([
  z
    .object({
      corpus: z
        .string()
        .regex(/^[\w.-]+\.(?:txt|md)$/, 'must be a file name in corpus/sources (e.g. 002_….txt)'),
    })
    .strict(),
  z
    .object({
      outlet: z.string().trim().min(1),
      date: partialDate.optional(),
      title: z.string().trim().min(1).optional(),
      url: z
        .string()
        .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
        .optional(),
      kind: z.literal('secondary').optional(),
    })
    .strict(),
]);
export type TermSource = z.output<typeof termSourceSchema>;

/** One glossary entry as written in corpus/glossary/*.yaml or by the user in the options page. */
export const glossaryEntrySchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case ASCII (e.g. xinzhi-shengchanli)'),
    headword: hanPhrase,
    traditional: z.array(hanPhrase).default([]),
    aliases: z.array(hanPhrase).default([]),
    category: z.enum(TERM_CATEGORIES),
    scope: z.string().trim().min(1),
    gloss: z.string().trim().min(1),
    definition: z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) }).strict(),
    related: z.array(z.string()).default([]),
    /**
     * Longer words that contain a form of this term and mean something else, so the matcher leaves
     * the form alone there: 组织部署 for 组织部, 省委第一书记 for 第一书记. Each must contain a form
     * (the corpus build checks). Absent means none; rules for existing entries live in
     * corpus/boundaries.yaml, merged in by the build.
     */
    blockedIn: z.array(hanPhrase).optional(),
    /**
     * Longer phrases outside which a form is not the term: 首要任务 is the formula only in
     * 高质量发展是…的首要任务 and its variants. Where given, the matcher finds a form only inside one
     * of them. Each must contain a form (the corpus build checks); rules live in
     * corpus/boundaries.yaml like blockedIn.
     */
    onlyIn: z.array(hanPhrase).optional(),
    /** Where the definition comes from; the corpus build requires at least one for shipped entries. */
    sources: z.array(termSourceSchema).optional(),
    /**
     * Why every source is secondary (no official page found yet, or the label is the press's
     * own). The corpus build requires it exactly when no source is primary.
     */
    secondaryOnly: z.string().trim().min(1).optional(),
    /** When and on what occasion the term first appeared, where known (left out rather than guessed). */
    firstAppeared: z
      .object({
        date: partialDate,
        occasion: z.string().trim().min(1).optional(),
        source: termSourceSchema.optional(),
      })
      .strict()
      .optional(),
    /** The official English name and where it is used; the gloss may be a plainer rendering. */
    englishName: z
      .object({ name: z.string().trim().min(1), source: termSourceSchema })
      .strict()
      .optional(),
    /** Other English renderings a reader may meet. */
    englishAlternatives: z.array(z.string().trim().min(1)).optional(),
    /** For local items: the place, and whether a source states it or it is inferred. */
    place: z
      .object({ name: z.string().trim().min(1), basis: z.enum(['stated', 'inferred']) })
      .strict()
      .optional(),
    /** For formulas: the components, and earlier versions where they changed. */
    components: z.array(z.string().trim().min(1)).optional(),
    versions: z
      .array(
        z
          .object({
            date: partialDate,
            components: z.array(z.string().trim().min(1)).optional(),
            note: z.string().trim().min(1),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type GlossaryEntryInput = z.input<typeof glossaryEntrySchema>;
export type GlossaryEntry = z.output<typeof glossaryEntrySchema>;

/** Readable one-line description of a schema failure: "headword: must contain Chinese characters". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`)
    .join('; ');
}
