import type { ImportStatus } from '../lib/views';
import { useT, type MessageKey } from './i18n';

const STATE_LABELS: Record<ImportStatus['state'], MessageKey> = {
  idle: 'importIdle',
  running: 'importRunning',
  done: 'importDone',
  failed: 'importFailed',
};

/** Progress of the shipped corpus's import into the database. */
export function ImportStatusPanel({ status }: { status: ImportStatus | null }) {
  const t = useT();
  if (!status) return <p className="wm-muted">{t('loading')}</p>;
  return (
    <div className="wm-import-status" data-testid="import-status" data-state={status.state}>
      <p>
        {/* The version is for a bug report, not for reading: in the tooltip. */}
        <span
          className={`wm-state wm-state-${status.state}`}
          data-testid="import-state"
          {...(status.corpusVersion
            ? { title: t('corpusVersionTitle', status.corpusVersion.slice(0, 8)) }
            : {})}
        >
          {t(STATE_LABELS[status.state])}
        </span>
      </p>
      {(status.state === 'running' || status.total > 0) && (
        <div className="wm-progress-row">
          <progress
            data-testid="import-progress"
            value={status.done}
            max={Math.max(status.total, 1)}
            aria-label={t('importProgress')}
          />
          <span className="wm-count" data-testid="import-count">
            {t('importItems', [status.done.toLocaleString(), status.total.toLocaleString()])}
          </span>
        </div>
      )}
      {status.index?.state === 'indexing' && (
        <p className="wm-muted" data-testid="index-progress">
          {t('corpusIndexing', [String(status.index.done), String(status.index.total)])}
        </p>
      )}
      {status.index?.error && (
        <p className="wm-error" role="alert" data-testid="index-error">
          {t('corpusIndexFailed', status.index.error)}
        </p>
      )}
      {status.errors.length > 0 && (
        <ul className="wm-errors" data-testid="import-errors">
          {status.errors.map((error, i) => (
            <li key={i}>{error}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
