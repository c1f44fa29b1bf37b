import type { GlossaryEntry } from './glossary';
import type { TermFormsOf } from './match-terms';
import type { Settings } from './settings';
import { termForms } from './term-forms';

/**
 * What the detector needs to highlight a Chinese page's first screen at DOMContentLoaded, before
 * the page's first layout: term forms and the highlight settings. The background keeps a copy in
 * extension storage, which the detector starts reading at document_start.
 */
export interface QuickStart {
  version: 1;
  terms: TermFormsOf[];
  highlightsEnabled: boolean;
  highlightStyle: Settings['highlightStyle'];
  disabledSites: string[];
}

export const QUICK_START_KEY = 'wenmaiQuickStart';

export function quickStartFrom(glossary: readonly GlossaryEntry[], settings: Settings): QuickStart {
  return {
    version: 1,
    terms: glossary.map((entry) => ({ id: entry.id, forms: termForms(entry) })),
    highlightsEnabled: settings.highlightsEnabled,
    highlightStyle: settings.highlightStyle,
    disabledSites: [...settings.disabledSites],
  };
}

const STYLES = new Set(['underline', 'background', 'color']);

/** Checks a stored value by hand (no schema library in the detector); anything odd is ignored. */
export function isQuickStart(value: unknown): value is QuickStart {
  if (typeof value !== 'object' || value === null) return false;
  const q = value as Partial<QuickStart>;
  return (
    q.version === 1 &&
    typeof q.highlightsEnabled === 'boolean' &&
    typeof q.highlightStyle === 'string' &&
    STYLES.has(q.highlightStyle) &&
    Array.isArray(q.disabledSites) &&
    q.disabledSites.every((s) => typeof s === 'string') &&
    Array.isArray(q.terms) &&
    q.terms.every(
      (t) =>
        typeof t === 'object' &&
        t !== null &&
        typeof t.id === 'string' &&
        Array.isArray(t.forms) &&
        t.forms.every((f) => typeof f === 'string'),
    )
  );
}
