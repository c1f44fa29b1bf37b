import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';

/** One document read from a dataset folder: a CSV row or a `.txt` file. */
export interface DatasetDocument {
  /** Where it came from: `<file>#<row>` for a CSV row, the file name for a text file. */
  file: string;
  /** The CSV's `province` column where present (documents of one place count once). */
  place?: string;
  title?: string;
  text: string;
}

/**
 * The folders named by `--datasets <folder>[:<folder>…]` on the command line, else by the
 * WENMAI_DATASETS environment variable (issue 9), else none.
 */
export function datasetFolders(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const at = argv.indexOf('--datasets');
  const spec = at >= 0 ? argv[at + 1] : env.WENMAI_DATASETS;
  return (spec ?? '').split(':').filter((folder) => folder.length > 0);
}

/**
 * Every document under the folders: each row of a CSV with a `full_text` column (the shape of the
 * 2026 work reports) and each `.txt` file, in name order. Throws when a folder does not exist.
 */
export function readDatasets(folders: readonly string[]): DatasetDocument[] {
  const documents: DatasetDocument[] = [];
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new Error(`dataset folder ${folder} does not exist`);
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        const shown = relative(folder, path);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.csv')) {
          const csv = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
          const { data } = Papa.parse<Record<string, string>>(csv, {
            header: true,
            skipEmptyLines: true,
          });
          data.forEach((row, i) => {
            if (!row.full_text) return;
            documents.push({
              file: `${shown}#${i + 1}`,
              place: row.province || undefined,
              title: row.title || undefined,
              text: row.full_text,
            });
          });
        } else if (name.endsWith('.txt'))
          documents.push({ file: shown, text: readFileSync(path, 'utf8') });
      }
    };
    walk(folder);
  }
  return documents;
}
