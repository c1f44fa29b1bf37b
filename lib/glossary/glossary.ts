import { z } from 'zod';

export const TERM_CATEGORIES = [
  'formula',
  'slogan',
  'concept',
  'programme',
  'meeting',
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
