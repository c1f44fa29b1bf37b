// Apart from lib/glossary/glossary.ts, whose zod schema the page script does not need.
import type { GlossaryEntry } from './glossary';

/** Every written form the matcher should recognise: headword, Traditional forms, aliases. */
export function termForms(
  entry: Pick<GlossaryEntry, 'headword' | 'traditional' | 'aliases'>,
): string[] {
  return [...new Set([entry.headword, ...entry.traditional, ...entry.aliases])];
}
