import type { PageLang } from '../lib/normalise/detect-script';
import type { TermCategory } from '../lib/glossary/glossary';
import type { MessageKey } from './i18n';

export const LANG_LABELS: Record<PageLang, MessageKey> = {
  'zh-Hans': 'langZhHans',
  'zh-Hant': 'langZhHant',
  'zh-mixed': 'langZhMixed',
  other: 'langOther',
};

export const CATEGORY_LABELS: Record<TermCategory, MessageKey> = {
  formula: 'catFormula',
  slogan: 'catSlogan',
  concept: 'catConcept',
  programme: 'catProgramme',
  meeting: 'catMeeting',
  document: 'catDocument',
  institution: 'catInstitution',
  policy: 'catPolicy',
  'local-brand': 'catLocalBrand',
  jargon: 'catJargon',
};

/** A glossary entry's scope as the reader's language says it: "national" is a value, places are names. */
export function scopeLabel(scope: string, t: (key: MessageKey) => string): string {
  return scope === 'national' ? t('scopeNational') : scope;
}
