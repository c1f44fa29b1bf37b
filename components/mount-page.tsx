import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nContext, type Translate } from './i18n';
import './page-base.css';

/** Renders an extension page's app into #root with its translations, in the UI language. */
export function mountPage(app: ReactNode, t: Translate, uiLanguage: string, title: string): void {
  document.documentElement.lang = uiLanguage;
  document.title = title;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nContext value={t}>{app}</I18nContext>
    </StrictMode>,
  );
}
