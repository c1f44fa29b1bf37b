/**
 * Wenmai's own phrase table on top of OpenCC: phrases of political writing that OpenCC converts
 * wrongly, each reviewed, with why. A fix either cuts the phrase where OpenCC joins the wrong word
 * (each piece then converts right, in every variant) or keeps a form as written.
 */
export interface ConversionFix {
  /** The phrase as it appears in the text being converted. */
  phrase: string;
  /** Pieces converted one by one (they join back into `phrase`)… */
  cut?: readonly string[];
  /** …or the exact output. */
  keep?: string;
  /** Only for these Traditional variants (all of them when absent). */
  variants?: readonly ('tw' | 'hk' | 't')[];
  why: string;
}

/** Simplified → Traditional. */
export const TO_TRADITIONAL_FIXES: readonly ConversionFix[] = [
  // 做好/管好/选好/用好/当好 + 干部: OpenCC takes 好干 for a word and writes 好乾部.
  { phrase: '好干部', cut: ['好', '干部'], why: '干部 is 幹部 (cadres), not 乾部' },
  { phrase: '新征程', cut: ['新', '征程'], why: '征程 (journey) keeps 征; OpenCC writes 新徵程' },
  // 过境免签, 单方面免签, 免签政策: OpenCC writes 免籤 (籤, a slip or lot), also for 签 alone.
  { phrase: '免签', keep: '免簽', why: '签 in 免签 (visa-free) is 簽, as in 簽證; not 籤' },
  // Verb + 明 + the aspect particle 了: OpenCC reads 明了 as 明瞭 ("clear").
  ...['指明', '阐明', '声明', '查明', '讲明', '标明', '写明', '申明', '言明', '点明'].map(
    (verb): ConversionFix => ({
      phrase: `${verb}了`,
      cut: [verb, '了'],
      why: `了 after ${verb} is the particle, not 瞭`,
    }),
  ),
  // Surnames in anonymised names (范某, 于某某): the surname is not the character it shares.
  ...[
    ['范', '範'],
    ['于', '於'],
    ['余', '餘'],
    ['郁', '鬱'],
    ['朴', '樸'],
  ].map(([surname, wrong]): ConversionFix => ({
    phrase: `${surname}某`,
    keep: `${surname}某`,
    why: `the surname ${surname} stays ${surname} (OpenCC writes ${wrong})`,
  })),
];

/**
 * Traditional → Simplified. Hong Kong and standard Traditional write the particle zhe as 著, which
 * OpenCC leaves as 著 (zhù, as in 著作); in these words it is 着.
 */
export const TO_SIMPLIFIED_FIXES: readonly ConversionFix[] = [
  '著力',
  '著眼',
  '著重',
  '著手',
  '著想',
  '著落',
  '著實',
  '著急',
  '著裝',
  '著陸',
  '著迷',
  '沉著',
  '穿著',
  '睡著',
  '看著',
  '著火',
].map((phrase) => ({
  phrase,
  keep: phrase.replace('著', '着').replace('實', '实').replace('裝', '装').replace('陸', '陆'),
  variants: ['hk', 't'],
  why: '著 here is the particle or verb zhe/zhuó, 着 in Simplified',
}));
