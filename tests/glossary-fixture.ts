import {
  glossaryEntrySchema,
  type GlossaryEntry,
  type GlossaryEntryInput,
} from '../lib/glossary/glossary';

/** A small glossary for unit tests that must not depend on the shipped glossary's contents. */
export function testGlossary(entries: Partial<GlossaryEntryInput>[]): GlossaryEntry[] {
  return entries.map((entry, i) =>
    glossaryEntrySchema.parse({
      id: `term-${i}`,
      category: 'jargon',
      scope: 'national',
      gloss: 'gloss',
      definition: { zh: '释义。', en: 'Definition.' },
      ...entry,
    }),
  );
}
