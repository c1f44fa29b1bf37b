import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The five seed articles, as shipped in corpus/sources. */
export const SOURCES_DIR = join(import.meta.dirname, '..', 'corpus', 'sources');

export function seed(prefix: '000' | '001' | '002' | '003' | '004'): string {
  const file = readdirSync(SOURCES_DIR).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return readFileSync(join(SOURCES_DIR, file), 'utf8');
}

export function seedFile(prefix: string): string {
  const file = readdirSync(SOURCES_DIR).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return file;
}
