import type { AskBackground } from '../../lib/messaging/client';
import { splitIntoParts } from '../../lib/messaging/upload-parts';
import type { ImportFile } from './parse-import-file';

/** What an import of articles stored, and where it stopped if it did not finish. */
export interface ArticlesSent {
  added: { name: string; articleId: string; replaced: boolean }[];
  errors: string[];
  /** Set when the background stopped answering: how many files were sent, and why it stopped. */
  stopped: { sent: number; total: number; error: string } | null;
}

/**
 * Sends articles to the background a batch at a time. A batch whose request fails (the browser
 * stopped Wenmai's background mid-import, say) is sent once more: the background starts again on
 * the next message, and articles are stored under ids made from their URL or name, so nothing is
 * stored twice. If it fails again the import stops there, saying exactly what was stored.
 */
export async function sendArticles(
  batches: readonly ImportFile[][],
  askBackground: AskBackground,
  onProgress: (sent: number, total: number) => void = () => undefined,
): Promise<ArticlesSent> {
  const total = batches.reduce((n, batch) => n + batch.length, 0);
  const result: ArticlesSent = { added: [], errors: [], stopped: null };
  let sent = 0;
  for (const files of batches) {
    let reply;
    try {
      reply = await askBackground({ type: 'wenmai/import-files', files });
    } catch {
      try {
        reply = await askBackground({ type: 'wenmai/import-files', files });
      } catch (error) {
        result.stopped = { sent, total, error: (error as Error).message };
        return result;
      }
    }
    result.added.push(...reply.added);
    result.errors.push(...reply.errors);
    sent += files.length;
    onProgress(sent, total);
  }
  return result;
}

/** Restores a backup of any size: in parts, each well under the 64 MiB a message may carry. */
export async function sendBackup(
  json: string,
  askBackground: AskBackground,
): Promise<{ articles: number; glossary: number }> {
  const parts = splitIntoParts(json);
  const upload = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  for (let index = 0; index < parts.length; index++) {
    const { restored } = await askBackground({
      type: 'wenmai/import-backup-part',
      upload,
      index,
      total: parts.length,
      text: parts[index]!,
    });
    if (restored) return restored;
  }
  throw new Error('the background did not confirm the restore');
}
