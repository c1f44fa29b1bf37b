import { describe, expect, it } from 'vitest';
import { buildMatcherFromForms, matchTerms } from '../../lib/match-terms';
import { isQuickStart, quickStartFrom } from '../../lib/quick-start';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { testGlossary } from '../glossary-fixture';

const glossary = testGlossary([
  { id: 'xmldc', headword: '小马拉大车', traditional: ['小馬拉大車'] },
]);

describe('quick start', () => {
  it('carries what the detector needs to highlight the first screen, in either script', () => {
    const quick = quickStartFrom(glossary, { ...DEFAULT_SETTINGS, disabledSites: ['example.org'] });
    expect(isQuickStart(JSON.parse(JSON.stringify(quick)))).toBe(true);
    expect(quick).toMatchObject({
      highlightsEnabled: true,
      highlightStyle: 'underline',
      disabledSites: ['example.org'],
    });
    const matcher = buildMatcherFromForms(quick.terms);
    expect(matchTerms('破解小馬拉大車難題', matcher)).toEqual([
      { termId: 'xmldc', start: 2, end: 7 },
    ]);
  });

  it.each([
    ['nothing', undefined],
    ['another version', { version: 2 }],
    ['a bad style', { ...quickStartFrom(glossary, DEFAULT_SETTINGS), highlightStyle: 'blink' }],
    [
      'a bad term',
      { ...quickStartFrom(glossary, DEFAULT_SETTINGS), terms: [{ id: 1, forms: [] }] },
    ],
  ])('ignores %s in storage', (_name, value) => {
    expect(isQuickStart(value)).toBe(false);
  });
});
