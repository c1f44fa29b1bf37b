import { browser } from 'wxt/browser';
import type { Translate } from '../../components/i18n';
import { mountPage } from '../../components/mount-page';
import { App } from './App';
import { createConverter, createMessenger } from '../../lib/messaging/client';
import './style.css';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
const convert = createConverter(createMessenger(browser).askBackground);
mountPage(<App />, t, t('extName'), convert);
