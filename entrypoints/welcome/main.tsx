import { browser } from 'wxt/browser';
import type { Translate } from '../../components/i18n';
import { mountPage } from '../../components/mount-page';
import { App } from './App';
import './style.css';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
mountPage(<App openOptions={() => void browser.runtime.openOptionsPage()} />, t, t('welcomeTitle'));
