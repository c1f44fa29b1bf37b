/**
 * What the build puts in the extension. The detector runs on every page and frame, the page script on every Chinese one: what they
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

describe('the toolbar and store icons', () => {
  it('are listed in every size, each a PNG of that size', () => {
    const manifest = JSON.parse(built('manifest.json')) as {
      icons: Record<string, string>;
      action: { default_icon: Record<string, string> };
    };
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '96', '128']);
    expect(manifest.action.default_icon).toEqual(manifest.icons);
    for (const [size, path] of Object.entries(manifest.icons)) {
      const png = readFileSync(join(EXTENSION_DIR, path));
      expect(png.subarray(1, 4).toString('latin1'), path).toBe('PNG');
      // Width and height, big-endian, in the IHDR chunk.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], path).toEqual([+size, +size]);
    }
  });
});
