import { describe, expect, it } from 'vitest';
import { headingHashes, taskHeading } from '../../../lib/match/heading-line';
import { buildTermMatcher, matchTerms } from '../../../lib/match/match-terms';
import { passageFeatures } from '../../../lib/match/corpus-index';
import { testGlossary } from '../../glossary-fixture';

const body = '坚持科技创新和产业创新深度融合，加紧培育壮大新动能，建设一批创新平台。';

describe('taskHeading', () => {
  it('reads the heading a numbered task opens with, in either script', () => {
    expect(taskHeading(`（二）奋力推进因地制宜发展新质生产力。${body}`)).toBe(
      '奋力推进因地制宜发展新质生产力',
    );
    expect(taskHeading(`三是聚焦因地制宜发展新质生产力，推进深度融合。${body}`)).toBe(
      '聚焦因地制宜发展新质生产力推进深度融合',
    );
    expect(taskHeading(`——堅持創新驅動發展，因地制宜發展新質生產力。${body}`)).toBe(
      '坚持创新驱动发展因地制宜发展新质生产力',
    );
  });

  it('is none for a paragraph without a number, a section title without measures, or a long first sentence', () => {
    expect(taskHeading(`奋力推进因地制宜发展新质生产力。${body}`)).toBeUndefined();
    expect(taskHeading('三、2026年重点工作')).toBeUndefined();
    expect(taskHeading('（二）奋力推进因地制宜发展新质生产力。')).toBeUndefined();
    const long =
      '坚持科技创新和产业创新深度融合，加紧培育壮大新动能，建设一批创新平台，打造一批领军企业，推动创新链产业链资金链人才链深度融合';
    expect(taskHeading(`（二）${long}。${body}`)).toBeUndefined();
  });
});

describe('headingHashes', () => {
  const matcher = buildTermMatcher(
    testGlossary([{ headword: '新质生产力' }, { headword: '因地制宜' }]),
  );
  const hashes = (text: string) =>
    headingHashes(text, (heading) =>
      matchTerms(heading, matcher).map((hit) => [hit.start, hit.end] as const),
    );
  const shared = (a: string, b: string) => {
    const theirs = new Set(hashes(b));
    return [...hashes(a)].filter((h) => theirs.has(h)).length;
  };

  it('two provinces wording the same named task share a run of it', () => {
    expect(
      shared(
        `（二）奋力推进因地制宜发展新质生产力。${body}`,
        `（三）聚焦因地制宜发展新质生产力，推进科技创新。${body}`,
      ),
    ).toBeGreaterThan(0);
  });

  it('a shared stock label that names no term is not a line', () => {
    const a = `（九）加大保障和改善民生力度。${body}`;
    const b = `七是奋力推进民生振兴，加大保障和改善民生力度。${body}`;
    expect(taskHeading(a)).toBeDefined();
    expect(taskHeading(b)).toBeDefined();
    expect(shared(a, b)).toBe(0);
  });

  it('runs with digits share a date, not a line', () => {
    const a = `（一）落实2026年新质生产力行动。${body}`;
    const b = `（三）推进2026年新质生产力专项。${body}`;
    expect(taskHeading(a)).toBeDefined();
    expect(taskHeading(b)).toBeDefined();
    expect(shared(a, b)).toBe(0);
  });

  it('is empty for a passage that is not a task heading', () => {
    expect(hashes(`我们因地制宜发展新质生产力。${body}`)).toHaveLength(0);
  });
});

describe('passageFeatures: headings', () => {
  it('a heading names a line by a programme or policy, not by a formula, slogan or concept', () => {
    const glossary = testGlossary([
      { headword: '高质量发展', category: 'concept' },
      { headword: '全面绿色转型', category: 'policy' },
    ]);
    const matcher = buildTermMatcher(glossary);
    const exhorting = new Set(glossary.filter((e) => e.category === 'concept').map((e) => e.id));
    const shared = (a: string, b: string) => {
      const theirs = new Set(passageFeatures(b, matcher, exhorting).heading);
      return passageFeatures(a, matcher, exhorting).heading.filter((h) => theirs.has(h)).length;
    };
    // A five-year goal every province lists, by a concept: not a line.
    expect(
      shared(`（一）高质量发展取得显著成效。${body}`, `——高质量发展取得显著成效。${body}`),
    ).toBe(0);
    expect(
      shared(
        `（四）加快推动经济社会发展全面绿色转型。${body}`,
        `（九）加快经济社会发展全面绿色转型。${body}`,
      ),
    ).toBeGreaterThan(0);
  });
});
