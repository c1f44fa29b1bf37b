import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';

/**
 * The 20 provincial government work reports of 2026 (third-party data, never in the repository):
 * read where they lie, beside the project. A clone elsewhere has none, and the tests that use
 * them say so and skip.
 */
export const REPORTS_DIR = resolve(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'datasets',
  'gov-work-reports-2026',
);

export interface Report {
  province: string;
  title: string;
  sourceUrl: string;
  publishDate: string;
  fullText: string;
}

export const reportsPresent = existsSync(REPORTS_DIR);

/** Every report in the folder's CSVs (one row each), or none when the folder is absent. */
export function readReports(dir = REPORTS_DIR): Report[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.csv'))
    .sort()
    .flatMap((file) => {
      const csv = readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '');
      const { data } = Papa.parse<Record<string, string>>(csv, {
        header: true,
        skipEmptyLines: true,
      });
      return data.map((row) => ({
        province: row.province ?? '',
        title: row.title ?? '',
        sourceUrl: row.source_url ?? '',
        publishDate: row.publish_date ?? '',
        fullText: row.full_text ?? '',
      }));
    });
}

export const SKIPPED_REPORTS = `the 2026 work reports are not at ${REPORTS_DIR} (a clone without ../shared): the tests that read them are skipped`;

// Said once per test file that reads them, in the run's output, when they are absent.
if (!reportsPresent) console.warn(`Note: ${SKIPPED_REPORTS}`);
