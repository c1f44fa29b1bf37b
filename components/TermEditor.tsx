import { useId, useState } from 'react';
import { TERM_CATEGORIES, type GlossaryEntry, type TermCategory } from '../lib/glossary/glossary';
import { useT, type MessageKey } from './i18n';
import { CATEGORY_LABELS } from './labels';

interface TermForm {
  id: string;
  headword: string;
  traditional: string;
  aliases: string;
  category: TermCategory;
  scope: string;
  gloss: string;
  definitionZh: string;
  definitionEn: string;
  related: string;
}

function toForm(entry: GlossaryEntry | null): TermForm {
  return {
    id: entry?.id ?? '',
    headword: entry?.headword ?? '',
    traditional: entry?.traditional.join(', ') ?? '',
    aliases: entry?.aliases.join(', ') ?? '',
    category: entry?.category ?? 'concept',
    scope: entry?.scope ?? '',
    gloss: entry?.gloss ?? '',
    definitionZh: entry?.definition.zh ?? '',
    definitionEn: entry?.definition.en ?? '',
    related: entry?.related.join(', ') ?? '',
  };
}

/** "a, b，c、d" → ["a", "b", "c", "d"]. */
function splitList(value: string): string[] {
  return value
    .split(/[,，、;；\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The entry as written: not validated here, so that what the background says is wrong
 * (the one schema, lib/glossary/glossary.ts) is what the reader sees.
 */
function fromForm(form: TermForm): Record<string, unknown> {
  return {
    id: form.id.trim(),
    headword: form.headword.trim(),
    traditional: splitList(form.traditional),
    aliases: splitList(form.aliases),
    category: form.category,
    scope: form.scope.trim(),
    gloss: form.gloss.trim(),
    definition: { zh: form.definitionZh.trim(), en: form.definitionEn.trim() },
    related: splitList(form.related),
  };
}

export interface TermEditorProps {
  /** The entry being edited; null for a new one. */
  entry: GlossaryEntry | null;
  disabled?: boolean;
  onSave: (entry: Record<string, unknown>) => void;
  onCancel: () => void;
}

type TextField = Exclude<keyof TermForm, 'category'>;

const FIELDS: {
  field: TextField;
  label: MessageKey;
  testId: string;
  multiline?: boolean;
  lang?: string;
}[] = [
  { field: 'headword', label: 'termHeadword', testId: 'term-headword', lang: 'zh' },
  {
    field: 'traditional',
    label: 'termTraditionalList',
    testId: 'term-traditional',
    lang: 'zh-Hant',
  },
  { field: 'aliases', label: 'termAliasesList', testId: 'term-aliases', lang: 'zh' },
  { field: 'scope', label: 'cardScope', testId: 'term-scope' },
  { field: 'gloss', label: 'termGloss', testId: 'term-gloss' },
  {
    field: 'definitionZh',
    label: 'termDefinitionZh',
    testId: 'term-definition-zh',
    multiline: true,
    lang: 'zh',
  },
  {
    field: 'definitionEn',
    label: 'termDefinitionEn',
    testId: 'term-definition-en',
    multiline: true,
    lang: 'en',
  },
  { field: 'related', label: 'termRelatedList', testId: 'term-related' },
];

/** Form for one of the reader's glossary entries (new, or a copy of an existing one to edit). */
export function TermEditor({ entry, disabled, onSave, onCancel }: TermEditorProps) {
  const t = useT();
  const idPrefix = useId();
  const [form, setForm] = useState<TermForm>(() => toForm(entry));
  const set = (field: keyof TermForm, value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  return (
    <form
      className="wm-term-editor"
      data-testid="term-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Blocked words and only-in phrases (exact term boundaries) have no field here: an edit
        // keeps the entry's own.
        onSave({
          ...fromForm(form),
          ...(entry?.blockedIn ? { blockedIn: entry.blockedIn } : {}),
          ...(entry?.onlyIn ? { onlyIn: entry.onlyIn } : {}),
        });
      }}
    >
      <h3>{entry ? t('termEditing', entry.headword) : t('termNew')}</h3>
      <fieldset disabled={disabled}>
        <div className="wm-field">
          <label htmlFor={`${idPrefix}-id`}>{t('termId')}</label>
          <input
            id={`${idPrefix}-id`}
            data-testid="term-id"
            value={form.id}
            readOnly={entry !== null}
            placeholder="xinzhi-shengchanli"
            spellCheck={false}
            onChange={(event) => set('id', event.target.value)}
          />
          <small className="wm-muted">{t('termIdHelp')}</small>
        </div>
        <div className="wm-field">
          <label htmlFor={`${idPrefix}-category`}>{t('cardCategory')}</label>
          <select
            id={`${idPrefix}-category`}
            data-testid="term-category"
            value={form.category}
            onChange={(event) => set('category', event.target.value)}
          >
            {TERM_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(CATEGORY_LABELS[category])}
              </option>
            ))}
          </select>
        </div>
        {FIELDS.map(({ field, label, testId, multiline, lang }) => {
          const id = `${idPrefix}-${field}`;
          const props = {
            id,
            lang,
            'data-testid': testId,
            value: form[field],
            onChange: (event: { target: { value: string } }) => set(field, event.target.value),
          };
          return (
            <div className="wm-field" key={field}>
              <label htmlFor={id}>{t(label)}</label>
              {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
            </div>
          );
        })}
        <div className="wm-actions">
          <button type="submit" className="wm-primary" data-testid="term-save">
            {t('save')}
          </button>
          <button type="button" data-testid="term-cancel" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
