/**
 * Bytes to text for a saved page or a text file, in whatever charset it was written: the CLI and
 * the options page's file import both read files through this. Pure (no DOM, no Node API): the
 * decoders are the platform's TextDecoder (browsers, and Node 20 with full ICU).
 *
 * Order: a byte order mark; else bytes that are valid UTF-8 (several real pages declare GB2312 in
 * <meta> but were saved re-encoded as UTF-8); else the declared charset (an HTTP-style
 * Content-Type from the caller, then <meta charset>, <meta http-equiv> or <?xml encoding>) if the
 * bytes decode under it without error; else the candidate that reads best as text (GB18030, Big5,
 * UTF-16 without a BOM, UTF-8 with errors, windows-1252), judged by how many of the commonest Chinese
 * characters, other text and broken characters each decoding gives.
 */

export type CharsetSource = 'bom' | 'declared' | 'sniffed';

export interface DecodeOptions {
  /** An HTTP-style Content-Type (`text/html; charset=gbk`) given by the caller: beats <meta>. */
  contentType?: string;
  /** Look for a charset declared in the markup (<meta>, <?xml?>). Default true; false for .txt. */
  html?: boolean;
}

export interface DecodedText {
  text: string;
  /** The WHATWG name of the charset used (`utf-8`, `gbk`, `gb18030`, `big5`, `utf-16le`, …). */
  charset: string;
  /** How it was chosen: a byte order mark, a declaration, or sniffing the bytes. */
  source: CharsetSource;
  /** What the caller or the document declared, as written, when it declared anything. */
  declared?: string;
  /** Why, in a few words, for reports (`valid UTF-8; <meta> says gb2312`). */
  reason: string;
}

/** Bytes sniffed and scored per candidate: enough for any page's first screens. */
const SNIFF_BYTES = 64 * 1024;
/** Bytes searched for a <meta> or <?xml?> declaration. */
const PRESCAN_BYTES = 4096;
/** Charsets tried when nothing (or nothing that decodes) is declared, best first on a tie. */
const CANDIDATES = ['gb18030', 'big5', 'utf-16le', 'utf-16be', 'utf-8', 'windows-1252'];

/**
 * The commonest Chinese characters (about 600 Simplified ones, by frequency, then the Traditional
 * forms that differ): right decodings of Chinese text are made mostly of these, wrong ones (GBK
 * read as Big5, Big5 as GBK, UTF-16 in the wrong byte order) hardly ever.
 */
export const COMMON_SIMPLIFIED =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值';
export const COMMON_TRADITIONAL =
  '這個們來為國說時會對於著過發後裡種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見產話內給門兒東聲員論處義幾認條氣題爾別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風乾聯組濟車親極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況亞請際約覆線斷滿視須寫稱嗎輕農裝廣顯標談圖歷醫專費號盡較語僅隨選紅響雖勢參眾構節維劃敵陳態護興驗責營夠嚴續講終緊黃絕項圍織鬥雙紀採舉殺蘇訴細願';
let common: Set<number> | null = null;
function commonHan(): Set<number> {
  common ??= new Set(Array.from(COMMON_SIMPLIFIED + COMMON_TRADITIONAL, (c) => c.charCodeAt(0)));
  return common;
}

/** The WHATWG name for a charset label, or null for a label no decoder here knows. */
export function charsetName(label: string): string | null {
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    // 'replacement' (iso-2022-kr and the like) decodes everything to U+FFFD: as good as unknown.
    return encoding === 'replacement' ? null : encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type value (`text/html; charset="gbk"` → `gbk`). */
export function charsetOfContentType(contentType: string): string | null {
  return /;\s*charset\s*=\s*["']?([^\s;"']+)/i.exec(contentType)?.[1] ?? null;
}

/** The charset a page declares in its first bytes: <meta charset>, <meta http-equiv>, <?xml?>. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!;
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const found = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(meta);
    if (found) return found[1]!;
  }
  return null;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192)
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

function bomOf(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Decodes, or null when `fatal` and the bytes are not valid in that charset. */
function decode(bytes: Uint8Array, charset: string, fatal = false): string | null {
  try {
    return new TextDecoder(charset, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

/** Control characters (but tab, newlines, form feed), U+FFFD, private use and non-characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const BROKEN = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd\ufffe\uffff]/g;

/**
 * How much a decoding looks like text: the commonest Chinese characters count most, other text
 * (ASCII, CJK punctuation, Latin letters, kana, hangul, rarer Han) less, broken characters against.
 */
export function textScore(text: string): number {
  const han = commonHan();
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) score += code >= 0x20 || code === 9 || code === 10 || code === 13 ? 1 : -4;
    else if (han.has(code)) score += 2;
    else if (code <= 0x9f || code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff)) score -= 4;
    else if ((code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)) score += 0.3;
    else if (
      (code >= 0x3000 && code <= 0x30ff) || // CJK punctuation, kana
      (code >= 0xff00 && code <= 0xffef) || // full-width forms
      (code >= 0xac00 && code <= 0xd7a3) || // hangul
      (code >= 0x2000 && code <= 0x206f) // general punctuation
    )
      score += 1;
    else if (code >= 0xc0 && code <= 0x24f) score += 0.5;
  }
  return score;
}

function sniff(bytes: Uint8Array, candidates: readonly string[]): string {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const charset of candidates) {
    const text = decode(sample, charset);
    if (text === null) continue;
    const score = textScore(text);
    if (score > bestScore) {
      best = charset;
      bestScore = score;
    }
  }
  return best;
}

/** True for bytes that are not plain ASCII text (NUL bytes mean UTF-16 or a binary file). */
function hasNonAsciiOrNul(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80 || bytes[i] === 0) return true;
  return false;
}

/** Decodes a file's bytes (see the top of this file for the order of evidence). */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = bomOf(bytes);
  if (bom)
    return { text: decode(bytes, bom)!, charset: bom, source: 'bom', reason: 'byte order mark' };

  const fromHeader = options.contentType ? charsetOfContentType(options.contentType) : null;
  const fromMarkup = !fromHeader && options.html !== false ? declaredCharset(bytes) : null;
  const declaredLabel = fromHeader ?? fromMarkup ?? undefined;
  const where = fromHeader ? 'Content-Type' : '<meta>';
  let declared = declaredLabel ? charsetName(declaredLabel) : null;
  // As browsers do: a page cannot declare UTF-16 in its own (ASCII) markup.
  if (declared?.startsWith('utf-16') && !fromHeader) declared = 'utf-8';
  const said = declaredLabel ? `; ${where} says ${declaredLabel}` : '';
  const result = (charset: string, source: CharsetSource, reason: string): DecodedText => ({
    text: decode(bytes, charset)!,
    charset,
    source,
    ...(declaredLabel ? { declared: declaredLabel } : {}),
    reason,
  });

  if (!hasNonAsciiOrNul(bytes)) {
    return declared && !declared.startsWith('utf-16')
      ? result(declared, 'declared', `ASCII, declared in ${where}`)
      : result('utf-8', 'sniffed', `ASCII${said}`);
  }
  // Bytes that are valid UTF-8 are UTF-8, whatever the page says; but text has no NUL bytes
  // (UTF-16 without a BOM has them, and is valid UTF-8 when it is mostly ASCII).
  if (!bytes.includes(0) && decode(bytes, 'utf-8', true) !== null) {
    return declared === 'utf-8'
      ? result('utf-8', 'declared', `declared in ${where}`)
      : result('utf-8', 'sniffed', `valid UTF-8${said}`);
  }
  if (declared && declared !== 'utf-8' && decode(bytes, declared, true) !== null)
    return result(declared, 'declared', `declared in ${where}`);
  const candidates =
    declared && !CANDIDATES.includes(declared) ? [declared, ...CANDIDATES] : CANDIDATES;
  const sniffed = sniff(bytes, candidates);
  const undecodable = declaredLabel
    ? declared
      ? `; ${where} says ${declaredLabel}, which does not decode cleanly`
      : `; ${where} says ${declaredLabel}, which is not a known charset`
    : '';
  return sniffed === declared
    ? result(sniffed, 'declared', `declared in ${where}, with errors`)
    : result(sniffed, 'sniffed', `reads best as ${sniffed}${undecodable}`);
}

/** Why a decoded file is not text in a human language, or null when it is text. */
export type NotText = { kind: 'broken'; percent: number } | { kind: 'no-letters'; percent: number };

/** A text with this share of broken characters is noise or a binary file, not text. */
const MAX_BROKEN_SHARE = 0.02;
/** A text with fewer letters than this share of its non-space characters is not prose. */
const MIN_LETTER_SHARE = 0.1;

/**
 * Refuses noise and binary files: random bytes saved as .txt decode to text full of control and
 * replacement characters; a file of digits and symbols has no words in any language.
 */
export function notText(text: string): NotText | null {
  const chars = text.replace(/\s+/g, '').length;
  if (chars === 0) return null;
  const broken = text.match(BROKEN)?.length ?? 0;
  if (broken / chars >= MAX_BROKEN_SHARE)
    return { kind: 'broken', percent: Math.max(1, Math.round((100 * broken) / chars)) };
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters / chars < MIN_LETTER_SHARE)
    return { kind: 'no-letters', percent: Math.round((100 * letters) / chars) };
  return null;
}

/** `gb18030 (sniffed: reads best as gb18030)`: for reports. */
export function describeCharset(decoded: DecodedText): string {
  return `${decoded.charset} (${decoded.source}: ${decoded.reason})`;
}
