import type { ArticleList, ArticleListQuery, ArticleSummary } from '../lib/views';
import { CorpusList } from './CorpusList';
import { useT } from './i18n';

export interface CorpusPanelProps {
  fetchList: (query: ArticleListQuery) => Promise<ArticleList>;
  /** Changes when the corpus changed: the list is asked for again. */
  version: number;
  disabled?: boolean;
  onImportFiles: (files: File[]) => void;
  onDelete: (article: ArticleSummary) => void;
  onError?: (error: unknown) => void;
}

/** The articles Wenmai compares pages with: the shipped ones and the reader's. */
export function CorpusPanel({
  fetchList,
  version,
  disabled,
  onImportFiles,
  onDelete,
  onError,
}: CorpusPanelProps) {
  const t = useT();
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
      <CorpusList
        fetchList={fetchList}
        version={version}
        {...(onError ? { onError } : {})}
        actions={(article) =>
          article.origin === 'user' && (
            <button
              type="button"
              data-testid="delete-article"
              disabled={disabled}
              onClick={() => onDelete(article)}
            >
              {t('delete')}
            </button>
          )
        }
      />
    </div>
  );
}
