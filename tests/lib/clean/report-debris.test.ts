import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../lib/clean/clean-article';
import { readReports, reportsPresent } from '../../reports-2026';

/**
 * Portal debris in the 2026 work reports (issue 9): how many reports' clean text still shows
 * each shape, printed; none may (lib/clean/portal-debris.ts). Before the cleaner: 16 toolbars,
 * 16 font-size bars, 17 source lines, 9 captions, 20 speaker lines, 19 occasion lines, 17 footers.
 */
const DEBRIS: [string, RegExp][] = [
  ['toolbar 下载 打印 全屏 收藏', /(^|\n)下载\s*\n?\s*打印\s*\n?\s*全屏\s*\n?\s*收藏/],
  ['【字号：加大 还原 减小】', /【\s*字号[:：]/],
  ['【字体：大 中 小】', /【\s*字体[:：]/],
  ['您的位置：/当前位置：', /(?:您的位置|当前位置)\s*[:：]/],
  ['分享', /(^|\n)\s*分享\s*[:：]?\s*($|\n)/],
  ['来源：… 时间：…', /(^|\n)\s*来源\s*[:：]/],
  ['photo caption …摄', /(?:记者|摄影)[^\n]{0,20}摄\s*($|\n)/],
  ['speaker line (省长 XXX)', /(^|\n)[^\n。]{0,16}(?:省长|市长|主席)\s+[^\n。]{2,10}($|\n)/],
  ['occasion line (——…会议上)', /(^|\n)[—（(]*\s*\d{4}年\d{1,2}月\d{1,2}日在[^\n]{0,40}会议上/],
  ['相关报道：/打印本页/关闭窗口', /相关报道[:：]|打印本页|关闭窗口/],
];

describe('portal debris in the 2026 work reports', () => {
  it.skipIf(!reportsPresent)('counts the reports whose clean text still shows each shape', () => {
    const reports = readReports();
    expect(reports).toHaveLength(20);
    const texts = reports.map(
      (r) => cleanArticle(r.fullText.replace(/\r\n?/g, '\n'), r.title).text,
    );
    const counts = DEBRIS.map(([name, pattern]) => ({
      pattern: name,
      reports: texts.filter((text) => pattern.test(text)).length,
    }));
    console.log(
      `Portal debris still in the clean text of the 20 reports:\n${counts
        .map((c) => `  ${String(c.reports).padStart(2)}  ${c.pattern}`)
        .join('\n')}`,
    );
    expect(counts.filter((c) => c.reports > 0)).toEqual([]);
  });
});
