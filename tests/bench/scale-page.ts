/**
 * The scale benchmark's page script (bundled by bench-scale.ts with esbuild): runs one scale run
 * in a Chromium page against the browser's real IndexedDB.
 */
import Dexie from 'dexie';
import { parseBundle } from '../../lib/bundle';
import { WenmaiDB } from '../../lib/db/schema';
import { runScale, type ScaleResult } from './scale-run';

declare global {
  interface Window {
    /** Set by the runner (page.exposeFunction): live heap bytes after a full collection. */
    wenmaiHeap: () => Promise<number>;
    /** Set by the runner: progress lines on its stderr. */
    wenmaiProgress: (what: string) => Promise<void>;
    runScaleInPage: (n: number, seeds: string[], bundleJson: string) => Promise<ScaleResult>;
  }
}

window.runScaleInPage = async (n, seeds, bundleJson) => {
  const parsed = parseBundle(JSON.parse(bundleJson));
  if (!parsed.ok) throw new Error(parsed.error);
  const db = new WenmaiDB(`wenmai-scale-${n}`);
  try {
    return await runScale(n, {
      db,
      bundle: parsed.value,
      seeds,
      heap: () => window.wenmaiHeap(),
      disk: async () => (await navigator.storage.estimate()).usage ?? 0,
      progress: (what) => void window.wenmaiProgress(what),
    });
  } finally {
    db.close();
    await Dexie.delete(db.name);
  }
};
