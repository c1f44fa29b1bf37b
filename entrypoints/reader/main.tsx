import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { I18nContext, type Translate } from '../../components/i18n';
import { App } from './App';
import './style.css';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('extName');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nContext value={t}>
      <App />
    </I18nContext>
  </StrictMode>,
);
