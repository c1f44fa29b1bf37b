import * as jieba from 'nodejs-jieba';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../corpus/build/build-corpus';
import { loadGlossary } from '../../corpus/build/load-glossary';
import { loadSegmenter, segment, userDictionary } from '../../corpus/build/segment';

// Own file: jieba's dictionary is process-wide, so "plain jieba" must be asked before loading ours.
describe('segmentation', () => {
  it('keeps 小马拉大车 as one token with the glossary user dictionary, where plain jieba splits it', () => {
    expect(jieba.cut('着力破解基层治理小马拉大车难题')).not.toContain('小马拉大车');
    loadSegmenter(loadGlossary(PATHS.glossary));
    expect(segment('著力破解基層治理“小馬拉大車”難題')).toContain('小马拉大车');
  });

  it('writes every glossary headword into the user dictionary', () => {
    const dictionary = userDictionary(loadGlossary(PATHS.glossary));
    expect(dictionary).toMatch(/^小马拉大车 \d+ n$/m);
    expect(dictionary).toMatch(/^两个维护 \d+ n$/m);
  });
});
