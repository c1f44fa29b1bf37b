import type { PageLang } from './normalise/detect-script';
import type { DisplayScript } from './page-state';

/** The language Wenmai's own strings are in (the locale its messages were read from). */
export type UiLocale = 'en' | 'zh-CN' | 'zh-TW';

/** The `uiLocale` message as a UiLocale; anything else (a missing message) is English. */
export function parseUiLocale(value: string): UiLocale {
  return value === 'zh-CN' || value === 'zh-TW' ? value : 'en';
}

/**
 * The script Wenmai writes Chinese content in (headwords, definitions, titles): the one the reader
 * switched the page to, else the page's own when it is Traditional, else Traditional for a reader
 * of the zh-TW UI, else the page's own (Simplified). Without a page (the extension's own pages) the
 * UI decides: zh-TW Traditional, zh-CN Simplified, English leaves text as written (null).
 */
export function readingScript(
  page: { script: DisplayScript; lang: PageLang } | null,
  ui: UiLocale,
): 'simplified' | 'traditional' | null {
  if (page && page.script !== 'original') return page.script;
  if (page?.lang === 'zh-Hant' || ui === 'zh-TW') return 'traditional';
  if (page?.lang === 'zh-Hans' || ui === 'zh-CN') return 'simplified';
  return page ? 'simplified' : null;
}

/** The `lang` attribute of text written in a script (null: as written, in some Chinese). */
export function scriptLang(script: 'simplified' | 'traditional' | null): string {
  return script === 'traditional' ? 'zh-Hant' : script === 'simplified' ? 'zh-Hans' : 'zh';
}
