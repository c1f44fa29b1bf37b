import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import {
  charsetName,
  COMMON_SIMPLIFIED,
  COMMON_TRADITIONAL,
  decodeText,
  declaredCharset,
  notText,
} from '../../../lib/clean/decode-text';

// Texts written for these tests; the bytes come from a real encoder (iconv-lite), never from the
// decoder under test.
const SIMPLIFIED =
  '关于进一步优化营商环境的实施意见\n各区县人民政府，市政府各部门：为深入贯彻落实党中央、国务院决策部署，持续优化营商环境，激发市场主体活力，推动经济高质量发展，结合本市实际，提出如下意见。一是简化审批流程，二是加强公共服务，三是完善监管机制。';
const TRADITIONAL =
  '關於進一步優化營商環境的實施意見\n各區縣人民政府，市政府各部門：為深入貫徹落實中央決策部署，持續優化營商環境，激發市場主體活力，推動經濟高質量發展，結合本市實際，提出如下意見。一是簡化審批流程，二是加強公共服務，三是完善監管機制。';
const page = (body: string, head = '', [title, h1] = ['营商环境', '标题']) =>
  `<!DOCTYPE html>\n<html>\n<head>\n${head}<title>${title}</title>\n<style>body { margin: 0; }</style>\n</head>\n<body><h1>${h1}</h1><p>${body}</p></body>\n</html>\n`;
const TRADITIONAL_TITLE: [string, string] = ['營商環境', '標題'];

const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
const big5 = (text: string) => new Uint8Array(iconv.encode(text, 'big5'));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const plain = decodeText(utf8(SIMPLIFIED), { html: false });
    expect(plain).toMatchObject({ text: SIMPLIFIED, charset: 'utf-8', source: 'sniffed' });
    const withBom = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SIMPLIFIED)]));
    expect(withBom).toMatchObject({ text: SIMPLIFIED, charset: 'utf-8', source: 'bom' });
  });

  it('reads UTF-16LE and UTF-16BE with a BOM, and UTF-16LE without one', () => {
    const le = new Uint8Array(iconv.encode(SIMPLIFIED, 'utf16le'));
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toMatchObject({
      text: SIMPLIFIED,
      charset: 'utf-16le',
      source: 'bom',
    });
    const be = new Uint8Array(iconv.encode(TRADITIONAL, 'utf16-be'));
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toMatchObject({
      text: TRADITIONAL,
      charset: 'utf-16be',
    });
    expect(decodeText(le, { html: false })).toMatchObject({
      text: SIMPLIFIED,
      charset: 'utf-16le',
      source: 'sniffed',
    });
    // Mostly ASCII in UTF-16LE without a BOM (NUL bytes everywhere): still read as UTF-16LE.
    const ascii = `Notes 2024\n${'The council met on Tuesday. '.repeat(20)}`;
    expect(
      decodeText(new Uint8Array(iconv.encode(ascii, 'utf16le')), { html: false }),
    ).toMatchObject({ text: ascii, charset: 'utf-16le' });
  });

  it('sniffs GBK without any declaration, in a text file and in a page', () => {
    expect(decodeText(gbk(SIMPLIFIED), { html: false })).toMatchObject({
      text: SIMPLIFIED,
      charset: 'gb18030',
      source: 'sniffed',
    });
    const html = page(SIMPLIFIED);
    expect(decodeText(gbk(html))).toMatchObject({ text: html, charset: 'gb18030' });
  });

  it('honours <meta charset="gbk"> and <meta http-equiv> GB2312 on GBK bytes', () => {
    const html = page(SIMPLIFIED, '<meta charset="gbk">\n');
    expect(decodeText(gbk(html))).toMatchObject({
      text: html,
      charset: 'gbk',
      source: 'declared',
      declared: 'gbk',
    });
    const equiv = page(
      SIMPLIFIED,
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n',
    );
    expect(decodeText(gbk(equiv))).toMatchObject({
      text: equiv,
      source: 'declared',
      declared: 'gb2312',
    });
  });

  it('sniffs Big5 without a declaration, and honours a declared one', () => {
    expect(decodeText(big5(TRADITIONAL), { html: false })).toMatchObject({
      text: TRADITIONAL,
      charset: 'big5',
      source: 'sniffed',
    });
    const html = page(TRADITIONAL, "<meta charset='big5'>\n", TRADITIONAL_TITLE);
    expect(iconv.decode(Buffer.from(big5(html)), 'big5')).toBe(html);
    expect(decodeText(big5(html))).toMatchObject({
      text: html,
      charset: 'big5',
      source: 'declared',
    });
  });

  it('tells GBK from Big5 on short texts too', () => {
    for (const text of ['推动经济高质量发展', '全面深化改革', '各部门要认真贯彻执行。']) {
      expect(decodeText(gbk(text), { html: false }).text, text).toBe(text);
    }
    for (const text of ['推動經濟高質量發展', '全面深化改革開放', '各部門要認真貫徹執行。']) {
      expect(decodeText(big5(text), { html: false }).text, text).toBe(text);
    }
  });

  it('reads a page that declares GB2312 but is UTF-8 (saved re-encoded) as UTF-8', () => {
    const html = page(
      SIMPLIFIED,
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n',
    );
    const decoded = decodeText(utf8(html));
    expect(decoded).toMatchObject({
      text: html,
      charset: 'utf-8',
      source: 'sniffed',
      declared: 'gb2312',
    });
    expect(decoded.reason).toContain('valid UTF-8');
  });

  it('lets a Content-Type from the caller beat <meta>, and sniffs past a wrong declaration', () => {
    const html = page(SIMPLIFIED, '<meta charset="big5">\n');
    expect(decodeText(gbk(html), { contentType: 'text/html; charset=GBK' })).toMatchObject({
      text: html,
      charset: 'gbk',
      source: 'declared',
      declared: 'GBK',
    });
    // Declared UTF-8, but the bytes are GBK: sniffed.
    const wrong = page(SIMPLIFIED, '<meta charset="utf-8">\n');
    const decoded = decodeText(gbk(wrong));
    expect(decoded).toMatchObject({ text: wrong, charset: 'gb18030', source: 'sniffed' });
    expect(decoded.reason).toContain('does not decode cleanly');
  });

  it('ignores unknown labels and markup declarations in a .txt', () => {
    expect(charsetName('no-such-charset')).toBeNull();
    expect(charsetName('GB2312')).toBe('gbk');
    const text = `<meta charset="big5">\n${SIMPLIFIED}`;
    expect(decodeText(gbk(text), { html: false })).toMatchObject({ text, source: 'sniffed' });
    expect(declaredCharset(utf8('<?xml version="1.0" encoding="GB18030"?><html/>'))).toBe(
      'GB18030',
    );
  });

  it('keeps its common-character lists in step with OpenCC', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const known = new Set(COMMON_SIMPLIFIED + COMMON_TRADITIONAL);
    for (const c of toTraditional(COMMON_SIMPLIFIED)) expect(known.has(c), c).toBe(true);
    expect(new Set(COMMON_SIMPLIFIED).size).toBe(COMMON_SIMPLIFIED.length);
  });
});

/** Deterministic noise (a linear congruential generator), so a failure can be reproduced. */
function noise(length: number, seed = 12): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('notText', () => {
  it('refuses random bytes, however they are decoded', () => {
    for (const seed of [1, 2, 3]) {
      const decoded = decodeText(noise(60_000, seed), { html: false });
      const verdict = notText(decoded.text);
      expect(verdict?.kind, decoded.charset).toBe('broken');
      expect(verdict!.percent).toBeGreaterThan(5);
    }
  });

  it('refuses a binary file (a PNG header and zeros) and a file of digits only', () => {
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...new Uint8Array(400),
      ...noise(2000),
    ]);
    expect(notText(decodeText(png).text)?.kind).toBe('broken');
    expect(notText('3.14159 2.71828 1.41421\n'.repeat(50))).toEqual({
      kind: 'no-letters',
      percent: 0,
    });
  });

  it('accepts real text: Chinese, English, a page with a few broken characters', () => {
    expect(notText(SIMPLIFIED)).toBeNull();
    expect(notText(TRADITIONAL)).toBeNull();
    expect(notText('The library reopened on Monday after a two-year renovation.')).toBeNull();
    expect(notText(`${SIMPLIFIED.repeat(5)}\ufffd`)).toBeNull();
    expect(notText('')).toBeNull();
  });
});
