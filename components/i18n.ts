import { createContext, useContext } from 'react';
import { parseUiLocale, type UiLocale } from '../lib/reading-script';
import type messages from '../public/_locales/en/messages.json';

/** A key of public/_locales/en/messages.json. */
export type MessageKey = keyof typeof messages;
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

/**
 * The UI strings. Pages provide browser.i18n.getMessage (components never touch browser APIs);
 * the default shows the key, which is what a missing translation looks like anyway.
 */
export const I18nContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(I18nContext);
}

/** The locale the UI strings are in (the `uiLocale` message): Chinese content follows it. */
export function useUiLocale(): UiLocale {
  return parseUiLocale(useContext(I18nContext)('uiLocale'));
}
