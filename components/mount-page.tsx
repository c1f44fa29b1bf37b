import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nContext, type Translate } from './i18n';
import { ConvertContext, type ConvertTexts } from './written';
import { parseUiLocale } from '../lib/reading-script';
import './page-base.css';

/**
 * Renders an extension page's app into #root with its translations, in the UI language (the locale
 * the messages are in: the browser's own UI language may be one Wenmai has no strings for), and the
 * converter its Chinese content is written with.
 */
export function mountPage(
  app: ReactNode,
  t: Translate,
  title: string,
  convert: ConvertTexts | null = null,
): void {
  const locale = parseUiLocale(t('uiLocale'));
  document.documentElement.lang = locale === 'zh-TW' ? 'zh-Hant-TW' : locale;
  document.title = title;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nContext value={t}>
        <ConvertContext value={convert}>{app}</ConvertContext>
      </I18nContext>
    </StrictMode>,
  );
}
