import { useT } from './i18n';

export interface Status {
  kind: 'ok' | 'error' | 'info';
  text: string;
  details?: string[];
  /** One thing the reader can do about it (Undo an import). */
  action?: { label: string; run: () => void };
}

/** The one line that reports what the last action did (and its per-item errors). */
export function StatusMessage({
  status,
  onDismiss,
}: {
  status: Status | null;
  onDismiss?: () => void;
}) {
  const t = useT();
  return (
    <div className={`wm-message${status ? ` wm-message-${status.kind}` : ''}`} hidden={!status}>
      {status && onDismiss && (
        <button
          type="button"
          className="wm-message-dismiss"
          onClick={onDismiss}
          aria-label={t('dismiss')}
        >
          ×
        </button>
      )}
      <div
        data-testid="message"
        data-kind={status?.kind ?? ''}
        role={status?.kind === 'error' ? 'alert' : 'status'}
      >
        {status && (
          <>
            <span className="wm-message-text">{status.text}</span>
            {status.action && (
              <button
                type="button"
                className="wm-message-action"
                data-testid="message-action"
                onClick={status.action.run}
              >
                {status.action.label}
              </button>
            )}
            {status.details && status.details.length > 0 && (
              <ul className="wm-message-details">
                {status.details.map((detail, i) => (
                  <li key={i}>{detail}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
