import { useId, useRef, useState } from 'react';
import {
  glossaryEntrySchema,
  TERM_CATEGORIES,
  type GlossaryEntry,
  type TermCategory,
} from '../lib/glossary/glossary';
import { hashRange } from '../lib/match/hash';
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

/** Related terms are written by headword; ids are the glossary's business. */
function toForm(
  entry: GlossaryEntry | null,
  headwordOf?: (id: string) => string | undefined,
): TermForm {
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
    related: entry?.related.map((id) => headwordOf?.(id) ?? id).join('、') ?? '',
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
function fromForm(
  form: TermForm,
  idOf: (headwordOrId: string) => string = (item) => item,
): Record<string, unknown> {
  return {
    id: form.id.trim(),
    headword: form.headword.trim(),
    traditional: splitList(form.traditional),
    aliases: splitList(form.aliases),
    category: form.category,
    scope: form.scope.trim(),
    gloss: form.gloss.trim(),
    definition: { zh: form.definitionZh.trim(), en: form.definitionEn.trim() },
    related: splitList(form.related).map(idOf),
  };
}

/**
 * A new entry's id, made from its headword (ids are kebab-case ASCII; the reader never types one):
 * the same headword always gives the same id.
 */
export function termIdFor(headword: string): string {
  const text = headword.trim();
  return text ? `my-${hashRange(text, 0, text.length).toString(36)}` : '';
}

type FieldErrors = Partial<Record<keyof TermForm, string>>;

/**
 * What is wrong with each field, in the reader's language: the glossary's one schema decides
 * (lib/glossary/glossary.ts), and the glossary what is taken and what exists.
 */
function fieldErrors(
  entry: Record<string, unknown>,
  t: (key: MessageKey, substitutions?: string | string[]) => string,
  glossary: TermEditorProps['glossary'],
): FieldErrors {
  const errors: FieldErrors = {};
  const parsed = glossaryEntrySchema.safeParse(entry);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [top, sub] = issue.path;
    const field = (
      top === 'definition' ? (sub === 'en' ? 'definitionEn' : 'definitionZh') : top
    ) as keyof TermForm;
    // The id is made from the headword: the headword's own error says what to fix.
    if (errors[field] || field === 'id') continue;
    errors[field] =
      field === 'headword'
        ? t(entry.headword === '' ? 'termErrorRequired' : 'termErrorHan')
        : field === 'traditional' || field === 'aliases'
          ? t('termErrorHanList')
          : // The other fields' only rule: not empty.
            t('termErrorRequired');
  }
  const headword = String(entry.headword);
  const owner = glossary?.headwordOwner(headword);
  if (!errors.headword && owner && owner !== entry.id)
    errors.headword = t('termErrorHeadwordTaken');
  const unknown = ((entry.related as string[]) ?? []).filter((id) => glossary && !glossary.has(id));
  if (unknown.length > 0) errors.related = t('termErrorRelated', unknown.join(', '));
  return errors;
}

export interface TermEditorProps {
  /** The entry being edited; null for a new one. */
  entry: GlossaryEntry | null;
  /** The glossary as it is: which entry a headword belongs to, and which ids exist. */
  glossary?: {
    headwordOwner: (headword: string) => string | undefined;
    has: (id: string) => boolean;
    /** An entry's headword, for the related-terms field. */
    headwordOf?: (id: string) => string | undefined;
  };
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
export function TermEditor({ entry, glossary, disabled, onSave, onCancel }: TermEditorProps) {
  const t = useT();
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<TermForm>(() => toForm(entry, glossary?.headwordOf));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (field: keyof TermForm, value: string) => {
    setForm((current) => ({
      ...current,
      [field]: value,
      // A new entry's id follows its headword; an existing one keeps its own.
      ...(field === 'headword' && entry === null ? { id: termIdFor(value) } : {}),
    }));
    // A field the reader is fixing is no longer marked.
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };
  const errorOf = (field: keyof TermForm, errorId: string) =>
    errors[field]
      ? {
          'aria-invalid': true as const,
          'aria-describedby': errorId,
        }
      : {};
  const errorLine = (field: keyof TermForm, errorId: string, testId: string) =>
    errors[field] && (
      <small className="wm-field-error" id={errorId} data-testid={`${testId}-error`}>
        {errors[field]}
      </small>
    );

  return (
    <form
      className="wm-term-editor"
      data-testid="term-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Blocked words and only-in phrases (exact term boundaries) have no field here: an edit
        // keeps the entry's own.
        const written = {
          ...fromForm(form, (item) => glossary?.headwordOwner(item) ?? item),
          ...(entry?.blockedIn ? { blockedIn: entry.blockedIn } : {}),
          ...(entry?.onlyIn ? { onlyIn: entry.onlyIn } : {}),
        };
        const found = fieldErrors(written, t, glossary);
        setErrors(found);
        if (Object.values(found).some(Boolean)) {
          // The first field to fix takes the focus (and comes into view): the heading stays put.
          requestAnimationFrame(() =>
            formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
          );
          return;
        }
        onSave(written);
      }}
      ref={formRef}
    >
      <h3>{entry ? t('termEditing', entry.headword) : t('termNew')}</h3>
      <fieldset disabled={disabled}>
        <div className="wm-field">
          <label htmlFor={`${idPrefix}-id`}>{t('termId')}</label>
          {/* Made from the headword, never typed: shown for the related-terms field. */}
          <input
            id={`${idPrefix}-id`}
            data-testid="term-id"
            value={form.id}
            readOnly
            spellCheck={false}
            {...errorOf('id', `${idPrefix}-id-error`)}
          />
          {entry === null && <small className="wm-muted">{t('termIdGenerated')}</small>}
          {errorLine('id', `${idPrefix}-id-error`, 'term-id')}
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
          const errorId = `${id}-error`;
          const props = {
            id,
            lang,
            'data-testid': testId,
            value: form[field],
            onChange: (event: { target: { value: string } }) => set(field, event.target.value),
            ...errorOf(field, errorId),
          };
          return (
            <div className={`wm-field${errors[field] ? ' wm-invalid' : ''}`} key={field}>
              <label htmlFor={id}>{t(label)}</label>
              {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
              {errorLine(field, errorId, testId)}
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
          {Object.values(errors).some(Boolean) && (
            <span className="wm-field-error" role="alert" data-testid="term-errors">
              {t('termErrorsBelow')}
            </span>
          )}
        </div>
      </fieldset>
    </form>
  );
}
