import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { TO_SIMPLIFIED_FIXES, TO_TRADITIONAL_FIXES } from '../../../lib/normalise/conversion-fixes';
import { converterFor, type TraditionalVariant } from '../../../lib/normalise/convert-script';
import { readReports, reportsPresent } from '../../reports-2026';
import { seed } from '../../seeds';

const seedTexts = () => (['000', '001', '002', '003', '004'] as const).map(seed);

const VARIANTS: TraditionalVariant[] = ['tw', 'hk', 't'];

describe('conversion fixes on top of OpenCC', () => {
  it.each(VARIANTS)('writes political vocabulary right in Traditional (%s)', (variant) => {
    const toTraditional = converterFor('traditional', variant);
    for (const [simplified, wanted] of [
      [
        '要做好干部工作，选好干部、管好干部、用好干部',
        /^要做好幹部工作，選好幹部、管好幹部、用好幹部$/,
      ],
      ['踏上新征程', /^踏上新征程$/],
      ['实行240小时过境免签和单方面免签政策', /^實行240小時過境免簽和單方面免簽政策$/],
      ['为新时代指明了方向，阐明了立场', /指明了方向，闡明了立場/],
      ['范某、于某某、余某、郁某、朴某', /^范某、于某某、余某、郁某、朴某$/],
    ] as const)
      expect(toTraditional(simplified)).toMatch(wanted);
    // What OpenCC gets right stays as it was.
    expect(toTraditional('一目了然的树干部分')).toBe(
      OpenCC.Converter({ from: 'cn', to: variant })('一目了然的树干部分'),
    );
  });

  it.each(VARIANTS)('writes 着 where Traditional wrote 著 for zhe (%s)', (variant) => {
    const toSimplified = converterFor('simplified', variant);
    expect(toSimplified('著力推進，著眼長遠，沉著應對')).toBe('着力推进，着眼长远，沉着应对');
    expect(toSimplified('著作與顯著成績')).toBe('著作与显著成绩');
  });

  it('leaves no known error in the seeds, and otherwise writes exactly what OpenCC writes', () => {
    for (const variant of VARIANTS) {
      const ours = converterFor('traditional', variant);
      const opencc = OpenCC.Converter({ from: 'cn', to: variant });
      for (const text of seedTexts())
        expectOnlyFixesDiffer(text, ours(text), opencc(text), 'traditional');
    }
  });

  it.skipIf(!reportsPresent)(
    'leaves no known error in the 2026 work reports, and otherwise writes what OpenCC writes',
    () => {
      const reports = readReports();
      expect(reports.length).toBeGreaterThanOrEqual(20);
      const ours = converterFor('traditional', 'tw');
      const opencc = OpenCC.Converter({ from: 'cn', to: 'tw' });
      let fixed = 0;
      for (const { fullText } of reports) {
        const converted = ours(fullText);
        fixed += expectOnlyFixesDiffer(fullText, converted, opencc(fullText), 'traditional');
      }
      // The reports are full of 好干部 and 新征程: the fixes are at work, not idle.
      expect(fixed).toBeGreaterThan(20);
    },
  );
});

const KNOWN_WRONG = [
  '乾部',
  '徵程',
  '闡明瞭',
  '聲明瞭',
  '查明瞭',
  '講明瞭',
  '指明瞭',
  '範某',
  '於某',
  '餘某',
  '免籤',
];

/**
 * Checks one conversion: none of the known wrong forms, the same length as OpenCC's, and every
 * character that differs from OpenCC's inside a fixed phrase. Answers how many characters differ.
 */
function expectOnlyFixesDiffer(
  source: string,
  ours: string,
  opencc: string,
  to: 'traditional' | 'simplified',
): number {
  for (const wrong of KNOWN_WRONG) expect(ours).not.toContain(wrong);
  expect(ours.length).toBe(opencc.length);
  const fixes = to === 'traditional' ? TO_TRADITIONAL_FIXES : TO_SIMPLIFIED_FIXES;
  const inFix = new Uint8Array(source.length);
  for (const { phrase } of fixes)
    for (let at = source.indexOf(phrase); at >= 0; at = source.indexOf(phrase, at + 1))
      inFix.fill(1, at, at + phrase.length);
  let differing = 0;
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] === opencc[i]) continue;
    differing++;
    expect(inFix[i], `${source.slice(Math.max(0, i - 8), i + 8)} at ${i}`).toBe(1);
  }
  return differing;
}
