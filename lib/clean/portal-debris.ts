/**
 * Government-portal debris around an article's text: toolbars (下载 打印 全屏 收藏 【字号：加大
 * 还原 减小】), breadcrumbs (您的位置：首页 > 要闻), source and time lines, photo captions, the
 * speaker and occasion lines of a report, "related reports" footers. Portals often put each word
 * of a toolbar on a line of its own, so toolbars are recognised as runs of lines. What is metadata
 * (outlet, date, speaker, occasion) is kept; the rest is dropped.
 */

export interface PortalMeta {
  outlet?: string;
  date?: string;
  /** The speaker line of a speech or report (省长 某某). */
  speaker?: string;
  /** The occasion line (——2026年2月3日在…会议上). */
  occasion?: string;
  /** Photo captions taken out of the text. */
  captions?: string[];
}

/** Lines at the top (and the bottom) where headers and footers are looked for. */
const HEAD_LINES = 14;
const FOOT_LINES = 12;

/** Toolbar words that only a toolbar has. */
const STRONG = [
  '打印本页',
  '关闭窗口',
  '下载',
  '打印',
  '全屏',
  '收藏',
  '分享到',
  '分享',
  '字号',
  '字体',
  '阅读量',
  '阅读次数',
  '浏览次数',
];
/** Words a toolbar has, but so may a text: debris only next to a strong word. */
const WEAK = ['加大', '还原', '减小', '关闭', '大', '中', '小', '默认'];
const FILLER = /[\s【】[\]|｜:：,，、·>»›\d]/g;

type Kind = 'strong' | 'weak' | 'text';

function kindOf(line: string): Kind {
  let rest = line;
  let strong = false;
  for (const word of STRONG) {
    if (rest.includes(word)) {
      strong = true;
      rest = rest.split(word).join('');
    }
  }
  for (const word of WEAK) rest = rest.split(word).join('');
  if (rest.replace(FILLER, '').length > 0) return 'text';
  return strong ? 'strong' : 'weak';
}

/** Runs of toolbar lines (with at least one line only a toolbar has) are dropped. */
function dropToolbars(lines: readonly string[]): string[] {
  const kinds = lines.map(kindOf);
  const keep = lines.map(() => true);
  for (let i = 0; i < lines.length;) {
    if (kinds[i] === 'text') {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && kinds[j] !== 'text') j++;
    if (kinds.slice(i, j).includes('strong')) for (let k = i; k < j; k++) keep[k] = false;
    i = j;
  }
  return lines.filter((_, i) => keep[i]);
}

const BREADCRUMB = /^(?:您的位置|您现在的位置|当前位置|所在位置)\s*[:：]/;
const CRUMB_SEPARATOR = /^[>»›/\\]+$/;

/** A breadcrumb line, and when it is split one step a line, the steps after it. */
function dropBreadcrumbs(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i < HEAD_LINES && BREADCRUMB.test(line)) {
      // Steps that follow, one a line: a short name or a separator, while separators keep coming.
      let j = i + 1;
      while (
        j < lines.length &&
        (CRUMB_SEPARATOR.test(lines[j]!) ||
          (lines[j]!.length <= 12 &&
            !/[。！？；]/.test(lines[j]!) &&
            (CRUMB_SEPARATOR.test(lines[j - 1]!) || CRUMB_SEPARATOR.test(lines[j + 1] ?? ''))))
      )
        j++;
      i = j - 1;
      continue;
    }
    out.push(line);
  }
  return out;
}

const SOURCE = /^(?:来源|稿件来源|信息来源)\s*[:：]\s*(.*)$/;
const TIME = /^(?:发表时间|发布时间|发布日期|时间|日期)\s*[:：]\s*(.*)$/;
const DATE = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
const CAPTION =
  /(?:记者|摄影|通讯员|摄影记者)\s*[\u4e00-\u9fff·]{1,6}(?:\s+[\u4e00-\u9fff·]{1,6}){0,3}\s*摄\s*[。.]?$/;
// A name may be spaced (龚 正) or long with a middle dot (艾尔肯·吐尼亚孜); the line stays short.
const SPEAKER =
  /^(?=.{0,32}$)[\u4e00-\u9fff]{0,14}(?:省长|市长|主席|区长|州长|县长|代省长|代市长|代主席)\s+[\u4e00-\u9fff·]{1,10}(?:\s[\u4e00-\u9fff·]{1,4})?$/;
const OCCASION_START = /^[—\-－]{0,2}\s*[（(]?\s*\d{4}年\d{1,2}月\d{1,2}日(?:在|于)/;
const OCCASION_END = /(?:会议|大会)上\s*[）)]?$/;
const RELATED = /^(?:相关报道|相关新闻|相关链接|相关阅读)\s*[:：]?$/;

const toDate = (text: string): string | undefined => {
  const m = DATE.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
};

/** Takes portal debris off an article's lines (trimmed, empty ones removed), keeping metadata. */
export function stripPortalDebris(input: readonly string[]): { lines: string[]; meta: PortalMeta } {
  const meta: PortalMeta = {};
  const lines = dropBreadcrumbs(dropToolbars(input));
  const out: string[] = [];
  const inHead = (i: number): boolean => i < HEAD_LINES;
  const inFoot = (i: number): boolean => i >= lines.length - FOOT_LINES;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const edge = inHead(i) || inFoot(i);
    // 来源：新华日报 时间：2026-02-09 — on one line, or the value on the next line.
    const source = edge ? SOURCE.exec(line.split(/\s+(?=(?:发表|发布)?时间|日期)/)[0]!) : null;
    if (source) {
      let outlet = source[1]!.trim();
      if (!outlet && i + 1 < lines.length && lines[i + 1]!.length <= 30) outlet = lines[++i]!;
      if (outlet) meta.outlet ??= outlet;
      const date = toDate(line);
      if (date) meta.date ??= date;
      continue;
    }
    const time = edge ? TIME.exec(line) : null;
    if (time) {
      let value = time[1]!.trim();
      if (!value && i + 1 < lines.length && DATE.test(lines[i + 1]!)) value = lines[++i]!;
      const date = toDate(value);
      if (date) {
        meta.date ??= date;
        continue;
      }
    }
    if (line.length <= 90 && CAPTION.test(line)) {
      (meta.captions ??= []).push(line);
      continue;
    }
    if (inHead(i) && SPEAKER.test(line)) {
      meta.speaker ??= line;
      continue;
    }
    if (inHead(i) && OCCASION_START.test(line)) {
      // Split over two lines at most.
      if (OCCASION_END.test(line)) {
        meta.occasion ??= line;
        continue;
      }
      const next = lines[i + 1];
      if (next !== undefined && next.length <= 40 && OCCASION_END.test(next)) {
        meta.occasion ??= `${line}${next}`;
        i++;
        continue;
      }
    }
    if (inFoot(i) && RELATED.test(line)) {
      // The footer's list of other reports: everything after it.
      break;
    }
    out.push(line);
  }
  return { lines: out, meta };
}
