import type { ArticleSummary } from '../lib/views';
import { useT } from './i18n';
import { LANG_LABELS } from './labels';
import { readerUrl } from '../lib/format';

export interface CorpusPanelProps {
  articles: ArticleSummary[] | null;
  disabled?: boolean;
  onImportFiles: (files: File[]) => void;
  onDelete: (article: ArticleSummary) => void;
}

/** The articles Wenmai compares pages with: the shipped ones and the reader's. */
export function CorpusPanel({ articles, disabled, onImportFiles, onDelete }: CorpusPanelProps) {
  const t = useT();
  const userCount = articles?.filter((a) => a.origin === 'user').length ?? 0;
  return (
    <div className="wm-corpus">
      <div className="wm-toolbar">
        <label className="wm-file-button">
          {t('importFiles')}
          <input
            type="file"
            multiple
            accept=".txt,.html,.htm,.json,.csv"
            data-testid="import-files"
            disabled={disabled}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              // Let the same files be chosen again after a fix.
              event.target.value = '';
              if (files.length > 0) onImportFiles(files);
            }}
          />
        </label>
        <span className="wm-muted">{t('importFilesHelp')}</span>
      </div>
      {!articles ? (
        <p className="wm-muted">{t('loading')}</p>
      ) : (
        <>
          <p className="wm-muted" data-testid="corpus-count">
            {t('corpusCount', [String(articles.length), String(userCount)])}
          </p>
          <div className="wm-table-wrap">
            <table className="wm-table" data-testid="corpus-list">
              <thead>
                <tr>
                  <th>{t('colTitle')}</th>
                  <th>{t('colSource')}</th>
                  <th>{t('language')}</th>
                  <th>{t('colOrigin')}</th>
                  <th className="wm-num">{t('colChars')}</th>
                  <th className="wm-num">{t('colPassages')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {articles.map((article) => (
                  <tr
                    key={article.id}
                    data-testid="corpus-row"
                    data-article-id={article.id}
                    data-origin={article.origin}
                  >
                    <td lang="zh">{article.title || t('untitled')}</td>
                    <td className="wm-source" title={article.url ?? article.source}>
                      {article.source}
                    </td>
                    <td>{t(LANG_LABELS[article.lang])}</td>
                    <td>
                      <span className={`wm-origin wm-origin-${article.origin}`}>
                        {t(article.origin === 'user' ? 'originUser' : 'originBundle')}
                      </span>
                    </td>
                    <td className="wm-num">{article.chars.toLocaleString()}</td>
                    <td className="wm-num">{article.passages}</td>
                    <td className="wm-actions">
                      <a
                        href={readerUrl({ article: article.id })}
                        target="_blank"
                        rel="noopener"
                        data-testid="open-article"
                      >
                        {t('open')}
                      </a>
                      {article.origin === 'user' && (
                        <button
                          type="button"
                          data-testid="delete-article"
                          disabled={disabled}
                          onClick={() => onDelete(article)}
                        >
                          {t('delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
