import type { DisplayScript } from '../lib/page-state';
import { useT, type MessageKey } from './i18n';

const OPTIONS: { script: DisplayScript; label: MessageKey }[] = [
  { script: 'original', label: 'scriptOriginal' },
  { script: 'simplified', label: 'scriptSimplified' },
  { script: 'traditional', label: 'scriptTraditional' },
];

export interface ScriptSwitchProps {
  value: DisplayScript;
  disabled?: boolean;
  onChange: (script: DisplayScript) => void;
}

/** Original / Simplified / Traditional, as one segmented control. */
export function ScriptSwitch({ value, disabled, onChange }: ScriptSwitchProps) {
  const t = useT();
  return (
    <div className="wm-segmented" role="group" aria-label={t('scriptLabel')}>
      {OPTIONS.map(({ script, label }) => (
        <button
          type="button"
          key={script}
          data-testid={`script-${script}`}
          aria-pressed={value === script}
          disabled={disabled}
          onClick={() => onChange(script)}
        >
          {t(label)}
        </button>
      ))}
    </div>
  );
}
