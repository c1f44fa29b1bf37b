// @vitest-environment happy-dom
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nContext } from '../../components/i18n';
import { PageSummary } from '../../components/PageSummary';
import { assemblePageState } from '../../lib/page-state';

describe('PageSummary', () => {
  it('lists every term on the page with its count and a way to each occurrence', () => {
    const counts = new Map(Array.from({ length: 14 }, (_, i) => [`t${i}`, 20 - i]));
    const glossary = new Map([...counts.keys()].map((id) => [id, { headword: `术语${id}` }]));
    const state = assemblePageState({
      url: 'https://news.example.cn/a.html',
      lang: 'zh-Hans',
      script: 'original',
      highlights: true,
      termCounts: counts,
      glossary,
    });
    const html = renderToStaticMarkup(
      <I18nContext value={(key, sub) => `[${key}${sub ? `:${String(sub)}` : ''}]`}>
        <PageSummary state={state} onOpenArticle={() => {}} onShowTerm={() => {}} />
      </I18nContext>,
    );
    expect(html).toContain('[termsOnPage:14]');
    expect(html.match(/data-term-id=/g)).toHaveLength(14);
    expect(html.match(/data-testid="term-next"/g)).toHaveLength(14);
    expect(html.match(/data-testid="term-previous"/g)).toHaveLength(14);
    expect(html).toContain('术语t13');
    expect(html).toContain('×7');
  });

  it('says the page is still being read, not that it is not Chinese, while its analysis is pending', () => {
    const render = (pending: ('analysis' | 'terms')[]) =>
      renderToStaticMarkup(
        <I18nContext value={(key) => `[${key}]`}>
          <PageSummary
            state={assemblePageState({
              url: 'https://news.example.cn/a.html',
              lang: 'zh-Hans',
              script: 'original',
              highlights: true,
              pending,
            })}
            onOpenArticle={() => {}}
            onShowTerm={() => {}}
          />
        </I18nContext>,
      );
    const reading = render(['analysis', 'terms']);
    expect(reading).toContain('[stillReading]');
    expect(reading).not.toContain('[notChinese]');
    const read = render([]);
    expect(read).not.toContain('[stillReading]');
    expect(read).toContain('[notChinese]');
  });
});
