import { compactForMatch } from '../normalise/fold-script';
import { hashRange } from './hash';

/**
 * A task heading opens its passage with an enumerator: （二）, 三是, 四、, or a dash (——) in a list
 * of goals. The same in either script.
 */
const ENUMERATOR =
  /^\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[是、]|——)/;
/** The heading is the passage's opening up to the first full stop (or semicolon, colon, !, ?). */
const HEADING_END = /[。；;：:！!？?\n]/;
/** A heading longer than this (compact characters) is a paragraph's first sentence, not a heading. */
export const MAX_HEADING_CHARS = 48;
/**
 * A heading with less than this under it (characters) is a document's own section title
 * (三、2026年重点工作), not a task with its measures.
 */
export const MIN_BODY_CHARS = 20;
/**
 * Two headings state the same line when they share a run of this many characters (因地制宜发展
 * 新质生产力 is ten) that names a line the glossary knows: the central task each province words
 * its own way.
 */
export const HEADING_RUN_CHARS = 10;

/**
 * The heading a passage opens with, when it is a task heading with its measures under it
 * (（二）奋力推进因地制宜发展新质生产力。坚持…), as compact text; undefined otherwise.
 */
export function taskHeading(text: string): string | undefined {
  const enumerator = ENUMERATOR.exec(text);
  if (!enumerator) return undefined;
  const rest = text.slice(enumerator[0].length);
  const end = HEADING_END.exec(rest)?.index ?? -1;
  if (end < 0 || rest.length - end - 1 < MIN_BODY_CHARS) return undefined;
  const heading = compactForMatch(rest.slice(0, end));
  return heading.length >= HEADING_RUN_CHARS && heading.length <= MAX_HEADING_CHARS
    ? heading
    : undefined;
}

/**
 * Hashes of a task heading's runs of HEADING_RUN_CHARS characters that name a glossary term (hold
 * one whole, or lie within a longer one), sorted, without repeats; none for a passage that is not
 * a task heading. Two headings sharing only stock wording (加大保障和改善民生力度, 社会文明程度明显
 * 提升) state a section's label, not a line; runs with digits share a date (2026年重点), not a line.
 * @param termSpans where glossary terms are found in the (compact) heading.
 */
export function headingHashes(
  text: string,
  termSpans: (heading: string) => readonly (readonly [number, number])[],
): Uint32Array {
  const heading = taskHeading(text);
  if (!heading) return new Uint32Array(0);
  const spans = termSpans(heading);
  const hashes: number[] = [];
  for (let i = 0; i + HEADING_RUN_CHARS <= heading.length; i++) {
    const end = i + HEADING_RUN_CHARS;
    const names = spans.some(([s, e]) => (s >= i && e <= end) || (s <= i && e >= end));
    if (names && !/[0-9]/.test(heading.slice(i, end))) hashes.push(hashRange(heading, i, end));
  }
  return Uint32Array.from(new Set(hashes)).sort();
}
