/** A passage: a paragraph, or a part of a long paragraph, with offsets into the article text. */
export interface Passage {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** Paragraphs longer than this are split at sentence and sub-heading boundaries. */
export const MAX_PASSAGE_CHARS = 300;
/** Shorter sentences that open a new topic are taken as sub-headings ("抓好选配赋能。"). */
const MAX_HEADING_CHARS = 26;
/** A passage is not cut before it has this much text (avoids heading-only passages). */
const MIN_PASSAGE_CHARS = 80;

// A sentence ends at 。!?; (either width), plus any closing quotes or brackets after it.
const SENTENCE = /[^。!?！？;；]+(?:[。!?！？;；]+[”’」』)）]*|$)/g;

function sentences(paragraph: string): string[] {
  return paragraph.match(SENTENCE) ?? [paragraph];
}

function isSubHeading(sentence: string): boolean {
  return sentence.length <= MAX_HEADING_CHARS && /[。]$/.test(sentence) && !/[“"「]/.test(sentence);
}

/** Splits an article's text ("\n" between paragraphs) into passages of at most ~300 characters. */
export function splitPassages(text: string): Passage[] {
  const passages: Passage[] = [];
  const push = (start: number, end: number): void => {
    // Trim whitespace at the edges so the offsets point at the passage's first and last character.
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (end > start)
      passages.push({ index: passages.length, start, end, text: text.slice(start, end) });
  };
  let offset = 0;
  for (const paragraph of text.split('\n')) {
    const paragraphStart = offset;
    offset += paragraph.length + 1;
    if (paragraph.length <= MAX_PASSAGE_CHARS) {
      push(paragraphStart, paragraphStart + paragraph.length);
      continue;
    }
    let chunkStart = paragraphStart;
    let cursor = paragraphStart;
    for (const sentence of sentences(paragraph)) {
      const length = cursor - chunkStart;
      const startsTopic = isSubHeading(sentence) && length >= MIN_PASSAGE_CHARS;
      if (length > 0 && (startsTopic || length + sentence.length > MAX_PASSAGE_CHARS)) {
        push(chunkStart, cursor);
        chunkStart = cursor;
      }
      cursor += sentence.length;
    }
    push(chunkStart, paragraphStart + paragraph.length);
  }
  return passages;
}
