import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBoundaries, readBoundaryRules } from '../../corpus/build/boundaries';
import { boundaryConflicts, undecided } from '../../corpus/build/boundary-evidence';
import { buildTermMatcher } from '../../lib/match/match-terms';
import { testGlossary } from '../glossary-fixture';

const glossary = testGlossary([
  { id: 'zzb', headword: '组织部', traditional: ['組織部'] },
  { id: 'esd', headword: '党的二十大', aliases: ['二十大'], blockedIn: ['二十大类'] },
]);
const rule = (
  form: string,
  blockedIn: string[],
  accepted: string[] = [],
  onlyIn: string[] = [],
) => ({
  form,
  blockedIn,
  onlyIn,
  accepted,
  why: 'test',
});

describe('boundary rules', () => {
  it('merges a rule into every entry with its form, with the entry’s own blocked words', () => {
    const { glossary: merged, unused } = applyBoundaries(glossary, [
      rule('二十大', ['共青团二十大']),
      rule('第一书记', ['省委第一书记']),
    ]);
    expect(merged.find((e) => e.id === 'esd')?.blockedIn).toEqual(['二十大类', '共青团二十大']);
    expect(merged.find((e) => e.id === 'zzb')?.blockedIn).toBeUndefined();
    expect(unused.map((r) => r.form)).toEqual(['第一书记']);
  });

  it('finds the entry through a Traditional form', () => {
    const { glossary: merged } = applyBoundaries(glossary, [rule('組織部', ['組織部署'])]);
    expect(merged.find((e) => e.id === 'zzb')?.blockedIn).toEqual(['組織部署']);
  });

  it.each([
    ['a blocked word without the form', [rule('组织部', ['组织工作'])], /must contain "组织部"/],
    ['a blocked word no longer than the form', [rule('组织部', ['组织部'])], /must contain/],
  ])('refuses %s', (_name, rules, message) => {
    expect(() => applyBoundaries(glossary, rules)).toThrow(message);
  });

  it('merges only-in phrases and refuses one without the form', () => {
    const withFormula = testGlossary([{ id: 'syrw', headword: '首要任务' }]);
    const phrase = '高质量发展这个首要任务';
    const { glossary: merged } = applyBoundaries(withFormula, [rule('首要任务', [], [], [phrase])]);
    expect(merged[0]?.onlyIn).toEqual([phrase]);
    expect(() => applyBoundaries(withFormula, [rule('首要任务', [], [], ['主要任务'])])).toThrow(
      /only-in phrase "主要任务" must contain "首要任务"/,
    );
  });

  it('refuses an entry’s own blocked word that holds none of its forms', () => {
    const bad = testGlossary([{ id: 'x', headword: '组织部', blockedIn: ['党的建设'] }]);
    expect(() => applyBoundaries(bad, [])).toThrow(/entry "x": blocked word "党的建设"/);
  });

  it('reads the rules file and names a bad rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenmai-boundaries-'));
    const path = join(dir, 'boundaries.yaml');
    writeFileSync(path, '- form: 组织部\n  blockedIn: [组织部署]\n  why: 组织/部署\n');
    expect(readBoundaryRules(path)).toEqual(
      [rule('组织部', ['组织部署'], [])].map((r) => ({ ...r, why: '组织/部署' })),
    );
    writeFileSync(path, '- form: 组织部\n  blockedIn: [组织部署]\n');
    expect(() => readBoundaryRules(path)).toThrow(/rule 1: why/);
    expect(readBoundaryRules(join(dir, 'absent.yaml'))).toEqual([]);
  });
});

describe('boundary evidence', () => {
  const matcher = buildTermMatcher(glossary);
  // A stand-in for jieba: a fixed segmentation per clause.
  const cuts: Record<string, string[]> = {
    会议作出组织部署: ['会议', '作出', '组织', '部署'],
    市委组织部召开会议: ['市委', '组织部', '召开', '会议'],
  };
  const cut = (clause: string): string[] => cuts[clause] ?? [...clause];

  it('lists a span where a word crosses a matched form’s edge, with counts and an example', () => {
    const conflicts = boundaryConflicts(
      ['会议作出组织部署。市委组织部召开会议。', '会议作出组织部署'],
      matcher,
      cut,
    );
    expect(conflicts).toEqual([
      {
        termId: 'zzb',
        form: '组织部',
        span: '组织部署',
        segmented: '组织/部署',
        count: 2,
        example: '会议作出组织部署',
      },
    ]);
  });

  it('leaves out what a rule blocks or accepts', () => {
    const conflicts = boundaryConflicts(['会议作出组织部署'], matcher, cut);
    expect(undecided(conflicts, () => ['组织部署'], [])).toEqual([]);
    expect(undecided(conflicts, () => [], [rule('组织部', [], ['组织部署'])])).toEqual([]);
    expect(undecided(conflicts, () => [], [])).toHaveLength(1);
  });
});
