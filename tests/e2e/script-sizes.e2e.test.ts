/**
 * The detector runs on every page and frame, the page script on every Chinese one: what they
 * import decides what each page pays to compile them. One careless import (the settings' zod
 * schema, for one constant) once tripled the detector; this keeps an eye on the built files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './harness';

const built = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');

describe('the scripts Wenmai puts in pages', () => {
  it('carry no schema library: requests are checked by hand there', () => {
    for (const file of ['detect.js', 'page-script.js', 'page-ui.js'])
      expect(built(file), file).not.toMatch(/ZodError|zod\.dev/);
  });

  it('stay small: the detector under 60 kB, the page script under 140 kB', () => {
    expect(built('detect.js').length).toBeLessThan(60_000);
    expect(built('page-script.js').length).toBeLessThan(140_000);
  });
});
