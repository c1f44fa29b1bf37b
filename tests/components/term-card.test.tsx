// @vitest-environment happy-dom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TermCard } from '../../components/TermCard';
import type { TermCard as TermCardData } from '../../lib/views';

const card = (sources: NonNullable<TermCardData['entry']['sources']>): TermCardData => ({
  entry: {
    id: 'qianwan-gongcheng',
    headword: '千万工程',
    traditional: [],
    aliases: [],
    category: 'document',
    scope: 'national',
    gloss: 'the Green Rural Revival Program',
    definition: { zh: '甲。', en: 'A.' },
    related: [],
    sources,
    firstAppeared: { date: '2003-06', occasion: '浙江省启动' },
  },
  script: 'simplified',
  headword: '千万工程',
  related: [],
  occurrences: [],
  timeline: { unit: 'year', periods: [], undated: 0, total: 0 },
});

const render = (data: TermCardData) =>
  renderToStaticMarkup(
    <TermCard
      card={data}
      loading={false}
      focusOnOpen={false}
      t={(key) => `[${key}]`}
      onOpenOccurrence={() => {}}
      onOpenTerm={() => {}}
      onClose={() => {}}
    />,
  );

describe('TermCard provenance', () => {
  it('shows sources (outlet and date, http(s) links only), first appearance and the category label', () => {
    const html = render(
      card([
        { outlet: 'Xinhua', date: '2023-06-13', url: 'https://example.org/a' },
        { outlet: '<b>Evil</b>', url: 'javascript:alert(1)' },
        { corpus: '002_e53861ccea28f2a4.txt' },
      ]),
    );
    expect(html).toContain('href="https://example.org/a"');
    expect(html).toContain('Xinhua, 2023-06-13');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<b>Evil</b>');
    expect(html).toContain('&lt;b&gt;Evil&lt;/b&gt;');
    expect(html).toContain('[cardSourceCorpus]: 002_e53861ccea28f2a4.txt');
    expect(html).toContain('2003-06');
    expect(html).toContain('[catDocument]');
  });
});

describe('TermCard source kinds', () => {
  it('labels a secondary source and leaves a primary one unlabelled', () => {
    const html = render(
      card([
        { outlet: 'Xinhua', date: '2023-06-13', url: 'https://example.org/a' },
        { outlet: 'HK01', date: '2023-06-14', url: 'https://example.org/b', kind: 'secondary' },
      ]),
    );
    expect(html).toContain('HK01, 2023-06-14 ([cardSourceSecondary])');
    expect(html).toContain('Xinhua, 2023-06-13<');
    expect(html.match(/\[cardSourceSecondary\]/g)).toHaveLength(1);
  });
});

describe('TermCard in the reader’s language', () => {
  it('names the scope, never the raw value "national"', () => {
    const html = render(card([{ corpus: '002_e53861ccea28f2a4.txt' }]));
    expect(html).toContain('[scopeNational]');
    expect(html).not.toMatch(/>national</);
  });
});
