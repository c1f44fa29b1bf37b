/**
 * A message between extension contexts may not exceed 64 MiB once serialised, and a backup can be
 * larger: the options page sends it in parts, which the background puts back together.
 */

/** Characters per part: far below the limit even for text that serialises to 3 bytes a character. */
export const UPLOAD_PART_CHARS = 8_000_000;
/** Parts per upload: 50 parts of 8 M characters is beyond any backup a reader keeps. */
export const MAX_UPLOAD_PARTS = 50;

/** Cuts a text into parts for upload, in order. */
export function splitIntoParts(text: string, size = UPLOAD_PART_CHARS): string[] {
  const parts: string[] = [];
  for (let from = 0; from < text.length; from += size) parts.push(text.slice(from, from + size));
  return parts.length > 0 ? parts : [''];
}

/** Puts uploads back together in the background, part by part. */
export class UploadAssembler {
  private readonly uploads = new Map<string, { total: number; parts: (string | undefined)[] }>();

  /**
   * Adds a part; answers the whole text once every part of the upload is in, otherwise null.
   * Throws, with what to do, for parts that cannot belong to an upload this worker saw start.
   */
  add(upload: string, index: number, total: number, text: string): string | null {
    if (total < 1 || total > MAX_UPLOAD_PARTS || index < 0 || index >= total)
      throw new Error(`part ${index + 1} of ${total} is not a part of an upload`);
    let pending = this.uploads.get(upload);
    if (!pending) {
      // A later part without the first: the background was restarted in the middle.
      if (index !== 0)
        throw new Error(
          'the upload was interrupted (Wenmai’s background restarted): start it again',
        );
      pending = { total, parts: Array.from<string | undefined>({ length: total }) };
      this.uploads.set(upload, pending);
    }
    if (pending.total !== total) throw new Error('the upload’s parts do not agree on their number');
    pending.parts[index] = text;
    if (pending.parts.some((part) => part === undefined)) return null;
    this.uploads.delete(upload);
    return pending.parts.join('');
  }
}
