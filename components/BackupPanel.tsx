import { useState } from 'react';
import { useT } from './i18n';

export interface BackupPanelProps {
  disabled?: boolean;
  onExport: () => void;
  onImport: (file: File) => void;
  onWipe: () => void;
}

/** Export, restore and delete the reader's own data. */
export function BackupPanel({ disabled, onExport, onImport, onWipe }: BackupPanelProps) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="wm-backup">
      <div className="wm-toolbar">
        <button type="button" data-testid="export-backup" disabled={disabled} onClick={onExport}>
          {t('exportBackup')}
        </button>
        <label className="wm-file-button">
          {t('importBackup')}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="import-backup"
            disabled={disabled}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) onImport(file);
            }}
          />
        </label>
      </div>
      <p className="wm-muted">{t('backupHelp')}</p>
      <div className="wm-danger-zone">
        {!confirming ? (
          <button
            type="button"
            className="wm-danger"
            data-testid="wipe-user-data"
            disabled={disabled}
            onClick={() => setConfirming(true)}
          >
            {t('wipeUserData')}
          </button>
        ) : (
          <div className="wm-confirm" role="alertdialog" aria-labelledby="wm-wipe-warning">
            <p id="wm-wipe-warning">{t('wipeWarning')}</p>
            <button
              type="button"
              className="wm-danger"
              data-testid="wipe-confirm"
              disabled={disabled}
              onClick={() => {
                setConfirming(false);
                onWipe();
              }}
            >
              {t('wipeConfirm')}
            </button>
            <button type="button" data-testid="wipe-cancel" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
