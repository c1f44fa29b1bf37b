import { describe, expect, it } from 'vitest';
import { diffPassages, MIN_SHARED_RUN } from '../../../lib/match/diff-text';

const marked = (segments: { text: string; changed: boolean }[], changed: boolean) =>
  segments.filter((s) => s.changed === changed).map((s) => s.text);

describe('diffPassages', () => {
  it('marks a place name a local version changed, on both sides, and nothing else', () => {
    const a = '怀仁市坚持以“小马拉大车”突出问题为切口，完善基层治理体制机制。';
    const b = '迁安市坚持以“小马拉大车”突出问题为切口，完善基层治理体制机制。';
    const diff = diffPassages(a, b);
    expect(marked(diff.a, true)).toEqual(['怀仁']);
    expect(marked(diff.b, true)).toEqual(['迁安']);
    expect(diff.b.map((s) => s.text).join('')).toBe(b);
  });

  it('reads Traditional and Simplified, full- and half-width punctuation as the same text', () => {
    const diff = diffPassages('破解基層治理“小馬拉大車”難題,', '破解基层治理“小马拉大车”难题，');
    expect(marked(diff.a, true)).toEqual([]);
    expect(marked(diff.b, true)).toEqual([]);
  });

  it('does not mark chance runs of a few characters as shared inside rewritten text', () => {
    // Two different sentences that share only common words (基层, 工作) and one real phrase.
    const a = '全面加强基层组织建设，深入推进抓党建促乡村振兴，选优配强村级班子。';
    const b = '着力提升基层工作水平，扎实开展抓党建促乡村振兴，持续整顿软弱涣散村。';
    const shared = marked(diffPassages(a, b).b, false);
    expect(shared).toContain('抓党建促乡村振兴，');
    for (const run of shared) expect([...run].length).toBeGreaterThanOrEqual(MIN_SHARED_RUN);
  });
});
