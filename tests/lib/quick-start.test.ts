import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_TERMS } from '../../lib/generated/bundled-terms';
import { buildMatcherFromForms, matchTerms } from '../../lib/match/match-terms';
import {
  bundledTermsCurrent,
  packTerms,
  parseBundledTerms,
  quickRegistration,
  readQuickConfig,
  sitePatterns,
} from '../../lib/quick-start';
import { isHostDisabled } from '../../lib/sites';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { testGlossary } from '../glossary-fixture';

const glossary = testGlossary([
  { id: 'xmldc', headword: '小马拉大车', traditional: ['小馬拉大車'] },
  { id: 'lgwh', headword: '两个维护', aliases: ['“两个维护”'] },
]);
const packed = packTerms(
  glossary.map((e) => ({ id: e.id, forms: [e.headword, ...e.traditional, ...e.aliases] })),
);

describe('first-screen terms compiled into the detector', () => {
  it('round-trips and matches in either script', () => {
    const terms = parseBundledTerms(packed);
    expect(terms.map((t) => t.id)).toEqual(['xmldc', 'lgwh']);
    const matcher = buildMatcherFromForms(terms);
    expect(matchTerms('破解小馬拉大車難題，做到两个维护', matcher).map((h) => h.termId)).toEqual([
      'xmldc',
      'lgwh',
    ]);
  });

  it('holds the whole shipped glossary', () => {
    const terms = parseBundledTerms(BUNDLED_TERMS);
    const shipped = (
      JSON.parse(
        readFileSync(new URL('../../public/corpus/bundle.json', import.meta.url), 'utf8'),
      ) as { glossary: { id: string }[] }
    ).glossary.map((e) => e.id);
    expect(terms.map((t) => t.id).sort()).toEqual([...shipped].sort());
    expect(terms.length).toBeGreaterThanOrEqual(150);
    expect(terms.find((t) => t.forms.includes('新质生产力'))).toBeDefined();
  });

  it('are used only while the reader still has every bundled term as shipped', () => {
    const bundled = parseBundledTerms(packed);
    expect(bundledTermsCurrent(bundled, glossary)).toBe(true);
    // A term the reader added changes nothing on the first screen.
    const added = [...glossary, ...testGlossary([{ id: 'own', headword: '自己的词' }])];
    expect(bundledTermsCurrent(bundled, added)).toBe(true);
    // A deleted or edited term would be painted wrongly: no first-screen painting then.
    expect(bundledTermsCurrent(bundled, glossary.slice(1))).toBe(false);
    const edited = glossary.map((e) => (e.id === 'xmldc' ? { ...e, traditional: [] } : e));
    expect(bundledTermsCurrent(bundled, edited)).toBe(false);
  });
});

describe('first-screen config registration', () => {
  it('runs the config script for the reader’s style everywhere but switched-off sites', () => {
    const reg = quickRegistration(
      { ...DEFAULT_SETTINGS, highlightStyle: 'background', disabledSites: ['example.org'] },
      true,
    );
    expect(reg).toMatchObject({
      js: ['quick/background.js'],
      matches: ['http://*/*', 'https://*/*'],
      excludeMatches: ['*://example.org/*', '*://*.example.org/*'],
      runAt: 'document_start',
      allFrames: true,
    });
  });

  it('registers nothing when highlights are off or the glossary changed', () => {
    expect(quickRegistration({ ...DEFAULT_SETTINGS, highlightsEnabled: false }, true)).toBeNull();
    expect(quickRegistration(DEFAULT_SETTINGS, false)).toBeNull();
  });

  it('registers nothing when a switched-off site cannot be written as a pattern', () => {
    expect(sitePatterns('exa mple.org')).toBeNull();
    expect(
      quickRegistration({ ...DEFAULT_SETTINGS, disabledSites: ['ok.example', 'bad/host'] }, true),
    ).toBeNull();
  });

  it('excludes exactly the hosts isHostDisabled switches off', () => {
    const toRegExp = (pattern: string): RegExp =>
      new RegExp(
        '^' +
          pattern
            .replace(/[.[\]]/g, (c) => `\\${c}`)
            .replace('*://*\\.', '[a-z]+://(?:[^/]+\\.)?')
            .replace('*://', '[a-z]+://')
            .replace(/\/\*$/, '/.*') +
          '$',
      );
    const sites = ['example.org', '127.0.0.1', '[::1]'];
    const patterns = sites.flatMap((s) => sitePatterns(s)!).map(toRegExp);
    for (const host of ['example.org', 'www.example.org', 'a.b.example.org', '127.0.0.1', '[::1]'])
      expect(patterns.some((p) => p.test(`https://${host}/x`))).toBe(isHostDisabled(sites, host));
    for (const host of ['badexample.org', 'example.org.evil', '127.0.0.10'])
      expect(patterns.some((p) => p.test(`https://${host}/x`))).toBe(isHostDisabled(sites, host));
  });

  it('reads the config a config script left, and nothing odd', () => {
    expect(readQuickConfig({ highlightStyle: 'color' })).toEqual({
      highlightStyle: 'color',
    });
    expect(readQuickConfig(undefined)).toBeNull();
    expect(readQuickConfig({ highlightStyle: 'blink' })).toBeNull();
    expect(readQuickConfig('underline')).toBeNull();
  });
});
