/**
 * `npm run icons`: renders public/icon/icon.svg to the PNG sizes the manifest lists, in Debian's
 * Chromium (the PNGs are committed; run this again after changing the SVG). Needs a CJK font.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ICON_DIR = resolve(import.meta.dirname, '..', '..', 'public', 'icon');
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

async function main(): Promise<void> {
  const svg = readFileSync(join(ICON_DIR, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage();
  for (const size of ICON_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: join(ICON_DIR, `${size}.png`), omitBackground: true });
  }
  await browser.close();
  console.log(`icons: ${ICON_SIZES.map((s) => `${s}.png`).join(', ')} → ${ICON_DIR}`);
}

void main();
