import { useMemo, useState } from 'react';
import { foldText } from '../lib/normalise/fold-script';
import type { GlossaryEntry } from '../lib/glossary/glossary';
import { useT } from './i18n';
import { CATEGORY_LABELS, scopeLabel } from './labels';

export type GlossaryRow = GlossaryEntry & { origin: 'bundle' | 'user' };

/** Folded (Traditional → Simplified, lower case, half-width) and without spaces, for searching. */
function searchKey(text: string): string {
  return foldText(text).replace(/\s+/g, '');
}

/** Search keys: the entry's written forms (ranked first) and everything else. */
function searchKeys(entry: GlossaryRow): { forms: string; text: string } {
  return {
    forms: searchKey([entry.headword, ...entry.traditional, ...entry.aliases].join('\u0000')),
    text: searchKey(
      [entry.id, entry.gloss, entry.definition.zh, entry.definition.en].join('\u0000'),
    ),
  };
}

export interface GlossaryPanelProps {
  entries: GlossaryRow[] | null;
  selectedId: string | null;
  disabled?: boolean;
  onSelect: (termId: string) => void;
  onNew: () => void;
  onEdit: (entry: GlossaryRow) => void;
  onDelete: (entry: GlossaryRow) => void;
}

/** The glossary: search box, table, and the selected entry in full. */
export function GlossaryPanel({
  entries,
  selectedId,
  disabled,
  onSelect,
  onNew,
  onEdit,
  onDelete,
}: GlossaryPanelProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const indexed = useMemo(
    () => (entries ?? []).map((entry) => ({ entry, ...searchKeys(entry) })),
    [entries],
  );
  const needle = searchKey(query);
  // Entries written with the query first, then those whose gloss or definitions mention it.
  const shown = needle
    ? [
        ...indexed.filter((row) => row.forms.includes(needle)),
        ...indexed.filter((row) => !row.forms.includes(needle) && row.text.includes(needle)),
      ]
    : indexed;
  const byId = useMemo(() => new Map((entries ?? []).map((e) => [e.id, e])), [entries]);
  const selected = selectedId ? byId.get(selectedId) : undefined;

  return (
    <div className="wm-glossary">
      <div className="wm-toolbar">
        <input
          type="search"
          data-testid="glossary-search"
          placeholder={t('glossarySearch')}
          aria-label={t('glossarySearch')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="wm-muted" data-testid="glossary-count">
          {t('glossaryCount', [String(shown.length), String(indexed.length)])}
        </span>
        <button type="button" data-testid="term-new" disabled={disabled} onClick={onNew}>
          {t('termNew')}
        </button>
      </div>
      {!entries ? (
        <p className="wm-muted">{t('loading')}</p>
      ) : (
        <div className={`wm-glossary-body${selected ? ' wm-with-detail' : ''}`}>
          <div className="wm-table-wrap wm-scroll">
            <table className="wm-table wm-clickable" data-testid="glossary-table">
              <thead>
                <tr>
                  <th>{t('termHeadword')}</th>
                  <th>{t('scriptTraditional')}</th>
                  <th>{t('cardCategory')}</th>
                  <th>{t('cardScope')}</th>
                  <th>{t('termGloss')}</th>
                  <th>{t('colOrigin')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map(({ entry }) => (
                  <tr
                    key={entry.id}
                    data-testid="glossary-row"
                    data-term-id={entry.id}
                    data-origin={entry.origin}
                    tabIndex={0}
                    aria-selected={entry.id === selectedId}
                    onClick={() => onSelect(entry.id)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' || event.key === ' ') {
                        event.preventDefault();
                        onSelect(entry.id);
                      }
                    }}
                  >
                    <td lang="zh-Hans" className="wm-headword">
                      {entry.headword}
                    </td>
                    <td lang="zh-Hant">{entry.traditional.join('、')}</td>
                    <td>{t(CATEGORY_LABELS[entry.category])}</td>
                    <td>{scopeLabel(entry.scope, t)}</td>
                    <td lang="en">{entry.gloss}</td>
                    <td>
                      <span className={`wm-origin wm-origin-${entry.origin}`}>
                        {t(entry.origin === 'user' ? 'originUser' : 'originBundle')}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length === 0 && <p className="wm-muted">{t('glossaryNoMatch')}</p>}
          </div>
          {selected && (
            <TermDetail
              entry={selected}
              byId={byId}
              disabled={disabled}
              onSelect={onSelect}
              onEdit={onEdit}
              onDelete={onDelete}
            />
          )}
        </div>
      )}
    </div>
  );
}

interface TermDetailProps {
  entry: GlossaryRow;
  byId: Map<string, GlossaryRow>;
  disabled?: boolean;
  onSelect: (termId: string) => void;
  onEdit: (entry: GlossaryRow) => void;
  onDelete: (entry: GlossaryRow) => void;
}

function TermDetail({ entry, byId, disabled, onSelect, onEdit, onDelete }: TermDetailProps) {
  const t = useT();
  return (
    <article className="wm-term-detail" data-testid="glossary-detail" data-term-id={entry.id}>
      <h3 lang="zh">{entry.headword}</h3>
      <p className="wm-muted">
        <code>{entry.id}</code> · {t(entry.origin === 'user' ? 'originUser' : 'originBundle')}
      </p>
      <p className="wm-gloss">{entry.gloss}</p>
      <dl className="wm-facts">
        {entry.traditional.length > 0 && (
          <>
            <dt>{t('scriptTraditional')}</dt>
            <dd lang="zh-Hant">{entry.traditional.join('、')}</dd>
          </>
        )}
        {entry.aliases.length > 0 && (
          <>
            <dt>{t('cardVariants')}</dt>
            <dd lang="zh">{entry.aliases.join('、')}</dd>
          </>
        )}
        <dt>{t('cardCategory')}</dt>
        <dd>{t(CATEGORY_LABELS[entry.category])}</dd>
        <dt>{t('cardScope')}</dt>
        <dd>{scopeLabel(entry.scope, t)}</dd>
      </dl>
      <h4>{t('cardDefinition')}</h4>
      <p lang="zh" className="wm-definition">
        {entry.definition.zh}
      </p>
      <p lang="en" className="wm-definition">
        {entry.definition.en}
      </p>
      {entry.related.length > 0 && (
        <>
          <h4>{t('cardRelated')}</h4>
          <ul className="wm-chips">
            {entry.related.map((id) => {
              const related = byId.get(id);
              return (
                <li key={id}>
                  {related ? (
                    <button type="button" className="wm-chip" onClick={() => onSelect(id)}>
                      <span lang="zh">{related.headword}</span>
                    </button>
                  ) : (
                    <code className="wm-chip wm-missing">{id}</code>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="wm-actions">
        <button
          type="button"
          data-testid="term-edit"
          disabled={disabled}
          onClick={() => onEdit(entry)}
        >
          {t('edit')}
        </button>
        {entry.origin === 'user' && (
          <button
            type="button"
            data-testid="term-delete"
            className="wm-danger"
            disabled={disabled}
            onClick={() => onDelete(entry)}
          >
            {t('delete')}
          </button>
        )}
      </div>
      {entry.origin === 'bundle' && <p className="wm-muted wm-small">{t('termEditBundleHelp')}</p>}
    </article>
  );
}
