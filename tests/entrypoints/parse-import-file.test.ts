// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { MessageKey, Translate } from '../../components/i18n';
import { parseImportFile } from '../../entrypoints/options/parse-import-file';
import { readReports, REPORTS_DIR, reportsPresent } from '../reports-2026';

type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;
const LOCALES = join(import.meta.dirname, '..', '..', 'public', '_locales');
const messages = (locale: string) =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages;

/** chrome.i18n.getMessage's substitution, over a locale's messages.json. */
function translator(locale: string): Translate {
  const all = messages(locale);
  return (key: MessageKey, substitutions?: string | string[]) => {
    const entry = all[key];
    if (!entry) throw new Error(`no message ${key} in ${locale}`);
    const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, i: string) => subs[Number(i) - 1] ?? '');
    });
  };
}
const t = translator('en');

const TITLE = '关于进一步优化营商环境的实施意见';
const BODY =
  '各区县人民政府，市政府各部门：为深入贯彻落实党中央、国务院决策部署，持续优化营商环境，激发市场主体活力，推动经济高质量发展，结合本市实际，提出如下意见。';
const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));

function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 2024;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('parseImportFile', () => {
  it('stores a GBK-encoded .txt with its real title, not mojibake', () => {
    const parsed = parseImportFile('意见.txt', gbk(`${TITLE}\r\n\r\n${BODY}\r\n`), t);
    expect(parsed).toEqual({
      kind: 'articles',
      files: [{ name: '意见.txt', title: TITLE, text: `${TITLE}\n\n${BODY}\n` }],
    });
  });

  it('reads a GBK page by its <meta charset>, a Big5 .txt and a UTF-16 .txt with a BOM', () => {
    const html = `<!doctype html><html><head><meta charset="gbk"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1><p>${BODY}</p><p>${BODY}</p></article></body></html>`;
    const page = parseImportFile('page.html', gbk(html), t);
    expect(page.kind).toBe('articles');
    if (page.kind !== 'articles') return;
    expect(page.files[0]!.title).toBe(TITLE);
    expect(page.files[0]!.text).toContain('持续优化营商环境');

    const traditional = '關於進一步優化營商環境的實施意見\n推動經濟高質量發展，提出如下意見。';
    const big5 = parseImportFile('big5.txt', new Uint8Array(iconv.encode(traditional, 'big5')), t);
    expect(big5).toMatchObject({
      kind: 'articles',
      files: [{ title: '關於進一步優化營商環境的實施意見' }],
    });

    const utf16 = new Uint8Array([0xff, 0xfe, ...iconv.encode(`${TITLE}\n${BODY}`, 'utf16le')]);
    expect(parseImportFile('u16.txt', utf16, t)).toMatchObject({
      kind: 'articles',
      files: [{ title: TITLE, text: `${TITLE}\n${BODY}` }],
    });
  });

  it('refuses random bytes as .txt and as .html, naming the file and why', () => {
    for (const name of ['random.txt', 'random.html']) {
      const parsed = parseImportFile(name, noise(62_111), t);
      expect(parsed.kind).toBe('error');
      if (parsed.kind !== 'error') return;
      expect(parsed.error).toMatch(
        new RegExp(
          `^${name.replace('.', '\\.')}: not text: \\d+% control or replacement characters`,
        ),
      );
    }
  });

  it('refuses a file with no words, and says so in Chinese too', () => {
    const digits = new TextEncoder().encode('3.14159 2.71828 1.41421\n'.repeat(40));
    expect(parseImportFile('table.txt', digits, t)).toEqual({
      kind: 'error',
      error: 'table.txt: not text: only 0% of its characters are letters.',
    });
    const zh = parseImportFile('random.txt', noise(5000), translator('zh_CN'));
    expect(zh.kind === 'error' && zh.error).toMatch(/^random\.txt：不是文本：\d+% 是控制字符/);
    const tw = parseImportFile('random.txt', noise(5000), translator('zh_TW'));
    expect(tw.kind === 'error' && tw.error).toMatch(/^random\.txt：不是文字檔：\d+% 是控制字元/);
  });

  it('still refuses unsupported and empty files before decoding', () => {
    expect(parseImportFile('a.pdf', noise(100), t)).toEqual({
      kind: 'error',
      error: t('fileUnsupported', 'a.pdf'),
    });
    expect(parseImportFile('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a]), t)).toEqual({
      kind: 'error',
      error: t('fileEmpty', 'a.txt'),
    });
  });
});

describe('UI messages', () => {
  it('has every key, with the same placeholders, in all three locales', () => {
    const en = messages('en');
    for (const locale of ['zh_CN', 'zh_TW']) {
      const other = messages(locale);
      expect(Object.keys(other).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(en))
        expect(other[key]!.placeholders, `${locale} ${key}`).toEqual(entry.placeholders);
    }
  });
});

describe('parseImportFile: a corpus CSV (the work reports’ shape)', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const CSV =
    '\uFEFFprovince,year,title,source_url,publish_date,full_text\r\n' +
    '某省,2026,某省政府工作报告,https://www.example.gov.cn/a.html,2026-01-20,"各位代表：\r\n现在，我代表省人民政府向大会报告工作。坚持因地制宜发展新质生产力。"\r\n' +
    '另一省,2026,另一省政府工作报告,javascript:alert(1),2026-01-25,"各位代表：持续优化营商环境，推进高效办成一件事。"\r\n' +
    '空行省,2026,没有正文,,,\r\n';

  it('reads one article a row, with its title, URL, date and place', () => {
    const parsed = parseImportFile('reports.csv', bytes(CSV), t);
    expect(parsed.kind).toBe('articles');
    if (parsed.kind !== 'articles') return;
    expect(parsed.files).toEqual([
      {
        name: 'reports.csv [1]',
        title: '某省政府工作报告',
        text: '各位代表：\n现在，我代表省人民政府向大会报告工作。坚持因地制宜发展新质生产力。',
        url: 'https://www.example.gov.cn/a.html',
        date: '2026-01-20',
        place: '某省',
      },
      {
        name: 'reports.csv [2]',
        title: '另一省政府工作报告',
        text: '各位代表：持续优化营商环境，推进高效办成一件事。',
        date: '2026-01-25',
        place: '另一省',
      },
    ]);
  });

  it('names a CSV without a full_text column, in the reader’s language', () => {
    const parsed = parseImportFile('table.csv', bytes('a,b\n1,2\n'), translator('zh_CN'));
    expect(parsed).toEqual({
      kind: 'error',
      error: expect.stringMatching(/^table\.csv：不是语料 CSV/),
    });
  });

  it.skipIf(!reportsPresent)('reads a real 2026 work report CSV as its report', () => {
    const [file] = readdirSync(REPORTS_DIR).filter((f) => f.endsWith('.csv'));
    const parsed = parseImportFile(file!, readFileSync(join(REPORTS_DIR, file!)), t);
    if (parsed.kind !== 'articles') throw new Error(JSON.stringify(parsed));
    const [report] = readReports();
    expect(parsed.files).toHaveLength(1);
    expect(parsed.files[0]).toMatchObject({ title: report!.title, place: report!.province });
    expect(parsed.files[0]!.text.length).toBeGreaterThan(10_000);
  });
});
