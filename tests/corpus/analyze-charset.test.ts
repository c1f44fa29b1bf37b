import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { analyzeFile, loadCorpus, readText } from '../../corpus/analyze';
import { PATHS } from '../../corpus/build/build-corpus';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'wenmai-charset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = loadCorpus(PATHS.bundle, ''); // the seeds alone, whatever WENMAI_DATASETS says

/** A fixture page re-encoded by a real encoder, its <meta charset> replaced (or removed). */
function reencode(fixture: string, encoding: string, meta: string | null, name: string): string {
  const html = readFileSync(join(FIXTURES, fixture), 'utf8');
  const declared =
    meta === null
      ? html.replace(/<meta charset="utf-8">\n?/i, '')
      : html.replace(/<meta charset="utf-8">/i, meta);
  expect(declared).not.toBe(html);
  // Characters the charset lacks become numeric references, as a browser saving the page writes them.
  const encodable = Array.from(declared, (c) =>
    iconv.decode(iconv.encode(c, encoding), encoding) === c ? c : `&#${c.codePointAt(0)};`,
  ).join('');
  const bytes = iconv.encode(encodable, encoding);
  expect(iconv.decode(bytes, encoding)).toBe(encodable);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('analyzeFile on pages in other charsets', () => {
  it('reads a GBK page without any declaration as zh-Hans, with the right title', async () => {
    const path = reencode('district-excerpt.html', 'gbk', null, 'district-gbk.html');
    expect(readText(path)).toMatchObject({ charset: 'gb18030', source: 'sniffed' });
    const state = await analyzeFile(path, corpus);
    expect(state.lang).toBe('zh-Hans');
    expect(state.article?.title).toContain('研讨提升组织工作质效举措');
    expect(state.similar).toContainEqual(
      expect.objectContaining({ source: '003_fb24d1789acc4997.txt', relation: 'reuse' }),
    );
  });

  it('reads a GBK page declaring <meta charset="gbk">, and one declaring GB2312 in http-equiv', async () => {
    const meta = reencode('district-excerpt.html', 'gbk', '<meta charset="gbk">', 'meta-gbk.html');
    expect(readText(meta)).toMatchObject({ charset: 'gbk', source: 'declared' });
    expect((await analyzeFile(meta, corpus)).article?.title).toContain('研讨提升组织工作质效举措');
    const equiv = reencode(
      'district-excerpt.html',
      'gbk',
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
      'equiv-gb2312.htm',
    );
    expect((await analyzeFile(equiv, corpus)).lang).toBe('zh-Hans');
  });

  it('reads a Big5 page as zh-Hant', async () => {
    const path = reencode('news-repost-traditional.html', 'big5', null, 'news-big5.html');
    expect(readText(path)).toMatchObject({ charset: 'big5', source: 'sniffed' });
    const state = await analyzeFile(path, corpus);
    expect(state.lang).toBe('zh-Hant');
    expect(state.article?.title).toContain('組織部門如何助推新質生產力');
  });

  it('reads a page that says GB2312 but is UTF-8 as UTF-8', async () => {
    const html = readFileSync(join(FIXTURES, 'district-excerpt.html'), 'utf8').replace(
      '<meta charset="utf-8">',
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    );
    const path = join(dir, 'resaved.html');
    writeFileSync(path, html);
    expect(readText(path)).toMatchObject({ charset: 'utf-8', declared: 'gb2312' });
    expect((await analyzeFile(path, corpus)).article?.title).toContain('研讨提升组织工作质效举措');
  });

  it('takes a Content-Type from the caller over the page', async () => {
    const path = reencode(
      'district-excerpt.html',
      'gbk',
      '<meta charset="big5">',
      'lying-meta.html',
    );
    expect(readText(path, { contentType: 'text/html; charset=gbk' })).toMatchObject({
      charset: 'gbk',
      source: 'declared',
    });
    expect((await analyzeFile(path, corpus, { contentType: 'text/html; charset=gbk' })).lang).toBe(
      'zh-Hans',
    );
  });

  it('refuses noise with a message naming the file and why', async () => {
    const path = join(dir, 'noise.txt');
    const bytes = new Uint8Array(20_000);
    let state = 7;
    for (let i = 0; i < bytes.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    writeFileSync(path, bytes);
    await expect(analyzeFile(path, corpus)).rejects.toThrow(
      new RegExp(`${path}: not text: \\d+% control or replacement characters`),
    );
  });
});

describe('npm run analyze on a GBK page', () => {
  it('says which charset it read and why, takes --content-type, and fails on noise', async () => {
    const path = reencode('district-excerpt.html', 'gbk', null, 'cli-gbk.html');
    const out = execFileSync('npx', ['tsx', 'corpus/analyze.ts', path], { encoding: 'utf8' });
    expect(out).toContain('language: zh-Hans');
    expect(out).toMatch(/charset: gb18030 \(sniffed: reads best as gb18030\)/);
    const declared = execFileSync(
      'npx',
      ['tsx', 'corpus/analyze.ts', path, '--content-type=text/html; charset=gbk'],
      { encoding: 'utf8' },
    );
    expect(declared).toMatch(/charset: gbk \(declared: declared in Content-Type\)/);
    const noise = join(dir, 'noise.bin');
    writeFileSync(noise, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
    const failed = spawnSync('npx', ['tsx', 'corpus/analyze.ts', noise], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/not text/);
    // Three CLI runs, each starting tsx and loading the corpus: slow on a busy machine.
  }, 120_000);
});
