import { describe, expect, it } from 'vitest';
import {
  EXHORTATION_THRESHOLD,
  exhortationModel,
  exhortationOf,
  sharedEvidence,
} from '../../../lib/match/exhortation';
import { PassageIndex } from '../../../lib/match/passage-index';
import { passageFeatures } from '../../../lib/match/corpus-index';
import { buildTermMatcher } from '../../../lib/match/match-terms';
import { shingleHashes } from '../../../lib/match/shingles';
import { compactForMatch } from '../../../lib/normalise/fold-script';
import { testGlossary } from '../../glossary-fixture';

// Exhortation and measures as a glossary writes them (our own wording, not from any corpus).
const glossary = testGlossary([
  {
    headword: '把人民放在心中最高位置',
    category: 'formula',
    definition: { zh: '坚持人民至上，始终把人民放在心中，全心全意为人民服务。', en: 'Formula.' },
  },
  {
    headword: '全心全意为人民服务',
    category: 'slogan',
    definition: { zh: '党的根本宗旨，要求始终坚持人民立场。', en: 'Slogan.' },
  },
  {
    headword: '消费品以旧换新',
    category: 'programme',
    definition: { zh: '以财政补贴支持居民更新汽车、家电等消费品。', en: 'Programme.' },
  },
  {
    headword: '高标准农田',
    category: 'policy',
    definition: { zh: '建设旱涝保收、高产稳产的农田，配套灌溉排水设施。', en: 'Policy.' },
  },
]);
const model = exhortationModel(glossary);
const meanOf = (text: string) => exhortationOf(model, compactForMatch(text));

describe('exhortationModel', () => {
  it('learns from the glossary which characters exhort and which name measures', () => {
    expect(meanOf('把人民放在心中最高位置')).toBeGreaterThan(0.3);
    expect(meanOf('实施消费品以旧换新')).toBeLessThan(0);
    expect(meanOf('建设高标准农田')).toBeLessThan(0);
  });

  it('reads a set phrase by its pairs of characters, which each character alone does not show', () => {
    const phrase = testGlossary([
      {
        id: 'stand',
        headword: '立场观点方法',
        category: 'formula',
        definition: { zh: '坚持好、运用好贯穿其中的立场观点方法。', en: 'Formula.' },
      },
      {
        id: 'station',
        headword: '市场观测站点',
        category: 'programme',
        definition: { zh: '建立市场观测站点，规范执法方式，方便群众。', en: 'Programme.' },
      },
    ]);
    const pairs = exhortationModel(phrase);
    const text = compactForMatch('立场观点方法');
    const charMean = [...text].reduce((sum, ch) => sum + pairs.chars[ch.charCodeAt(0)]!, 0) / 6;
    expect(charMean).toBeLessThan(EXHORTATION_THRESHOLD);
    expect(exhortationOf(pairs, text)).toBeGreaterThan(EXHORTATION_THRESHOLD);
  });

  it('is taught by each new entry: no word list', () => {
    const before = model.chars['补'.charCodeAt(0)]!;
    const taught = exhortationModel([
      ...glossary,
      ...testGlossary([
        {
          id: 'more',
          headword: '养老服务消费补贴',
          category: 'programme',
          definition: { zh: '向失能老年人发放补贴。', en: 'Programme.' },
        },
      ]),
    ]);
    expect(taught.chars['补'.charCodeAt(0)]!).toBeLessThan(before);
  });
});

describe('sharedEvidence', () => {
  const passage = compactForMatch('我们始终把人民放在心中最高位置。全面实施消费品以旧换新行动。');
  const hashesOf = (text: string) => new Set(shingleHashes(compactForMatch(text)));

  it('counts a shared measure, not a shared stock phrase', () => {
    const evidence = sharedEvidence(passage, model);
    const formula = hashesOf('把人民放在心中最高位置');
    const measure = hashesOf('实施消费品以旧换新');
    expect(evidence(formula)).toBe(0);
    expect(evidence(measure)).toBe(measure.size);
    expect(evidence(new Set([...formula, ...measure]))).toBe(measure.size);
  });

  it('counts a long shared run whatever it says: that is copying', () => {
    const long = compactForMatch('我们始终把人民放在心中最高位置全面实施');
    expect(long.length).toBeGreaterThanOrEqual(16);
    const evidence = sharedEvidence(passage, model);
    const shared = hashesOf(long);
    expect(evidence(shared)).toBe(shared.size);
  });
});

describe('sharedEvidence and numbers', () => {
  it('takes numbers for data, not wording: a shared frame for figures is no evidence', () => {
    const text = compactForMatch('城镇化率从2020年的百分之六十提高到2025年的百分之六十五。');
    const frame = new Set([
      ...shingleHashes(compactForMatch('从2020年的')),
      ...shingleHashes(compactForMatch('提高到2025年的')),
    ]);
    expect(sharedEvidence(text, model)(frame)).toBe(0);
  });

  it('does not let a year beside a stock phrase dilute how it reads', () => {
    const run = `把人民放在心中最高位置${'2026'.repeat(10)}`;
    const text = compactForMatch(`我们始终${run}。全面实施消费品以旧换新行动。`);
    expect(sharedEvidence(text, model)(new Set(shingleHashes(compactForMatch(run))))).toBe(0);
  });

  it('does not let digits make a stock run long enough to count', () => {
    // Seventeen characters with the year, thirteen of wording: read as what it says.
    const run = '把人民放在心中最高位置到2035年';
    const text = compactForMatch(`我们始终${run}。全面实施消费品以旧换新行动。`);
    expect(sharedEvidence(text, model)(new Set(shingleHashes(compactForMatch(run))))).toBe(0);
  });
});

describe('passage links weigh shared runs by what they say', () => {
  const matcher = buildTermMatcher(glossary);
  const articles = [
    [
      '一是优化基层服务，把人民放在心中最高位置，推进社区养老。',
      '二是扩大内需，实施消费品以旧换新，带动家电销售。',
    ],
    [
      '工作中坚持把人民放在心中最高位置，办好防汛抗旱工作。',
      '全年实施消费品以旧换新，带动汽车更新八万辆。',
    ],
    ['统筹推进交通建设，新建高速公路一百公里。', '加强文物保护，修缮古建筑二十处。'],
  ];
  const index = new PassageIndex();
  articles.forEach((passages, article) =>
    passages.forEach((text, ordinal) =>
      index.add({ article, ordinal, ...passageFeatures(text, matcher) }),
    ),
  );
  const linked = (text: string, withEvidence: boolean) => {
    const { shingles, terms } = passageFeatures(text, matcher);
    const evidence = withEvidence ? sharedEvidence(compactForMatch(text), model) : undefined;
    return index.query(shingles, terms, 0, evidence).map((h) => `${h.article}#${h.ordinal}`);
  };

  it('links the reused measure', () => {
    expect(linked(articles[0]![1]!, true)).toEqual(['1#1']);
  });

  it('does not link the stock phrase, which shared text alone would', () => {
    expect(linked(articles[0]![0]!, false)).toEqual(['1#0']);
    expect(linked(articles[0]![0]!, true)).toEqual([]);
  });
});
