import { useState } from 'react';
import { CAN_UNDERLINE_HIGHLIGHTS } from '../lib/highlight-capability';
import type { Settings } from '../lib/settings';
import { useT, type MessageKey } from './i18n';

const HIGHLIGHT_STYLES: { value: Settings['highlightStyle']; label: MessageKey }[] = [
  { value: 'underline', label: CAN_UNDERLINE_HIGHLIGHTS ? 'styleUnderline' : 'styleTint' },
  { value: 'background', label: 'styleBackground' },
  { value: 'color', label: 'styleColor' },
];

/**
 * The hostname a reader means by "example.com", "www.example.com/page" or a pasted URL
 * (IDN hosts come out in punycode, as pages report them); null when it is not one.
 */
export function normalizeHostname(input: string): string | null {
  const raw = input.trim().replace(/^\*\./, '');
  if (!raw) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const host = url.hostname.replace(/\.$/, '');
    return /^[a-z0-9._[\]:-]+$/.test(host) && /[a-z0-9]/.test(host) ? host : null;
  } catch {
    return null;
  }
}

export interface SettingsPanelProps {
  settings: Settings;
  disabled?: boolean;
  onChange: (settings: Settings) => void;
}

export function SettingsPanel({ settings, disabled, onChange }: SettingsPanelProps) {
  const t = useT();
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState(false);
  const update = (patch: Partial<Settings>) => onChange({ ...settings, ...patch });

  const addSite = () => {
    const host = normalizeHostname(site);
    if (!host) {
      setSiteError(true);
      return;
    }
    setSiteError(false);
    setSite('');
    if (!settings.disabledSites.includes(host))
      update({ disabledSites: [...settings.disabledSites, host].sort() });
  };

  return (
    <div className="wm-settings">
      <fieldset disabled={disabled}>
        <legend>{t('settingsVariant')}</legend>
        {(['tw', 'hk'] as const).map((variant) => (
          <label key={variant} className="wm-check">
            <input
              type="radio"
              name="traditionalVariant"
              value={variant}
              data-testid={`settings-variant-${variant}`}
              checked={settings.traditionalVariant === variant}
              onChange={() => update({ traditionalVariant: variant })}
            />
            {t(variant === 'tw' ? 'variantTw' : 'variantHk')}
          </label>
        ))}
      </fieldset>

      <fieldset disabled={disabled}>
        <legend>{t('settingsHighlights')}</legend>
        <label className="wm-check">
          <input
            type="checkbox"
            data-testid="settings-highlights-enabled"
            checked={settings.highlightsEnabled}
            onChange={(event) => update({ highlightsEnabled: event.target.checked })}
          />
          {t('settingsHighlightsDefault')}
        </label>
        <label className="wm-field-inline">
          {t('settingsHighlightStyle')}
          <select
            data-testid="settings-highlight-style"
            value={settings.highlightStyle}
            onChange={(event) =>
              update({ highlightStyle: event.target.value as Settings['highlightStyle'] })
            }
          >
            {HIGHLIGHT_STYLES.map(({ value, label }) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <fieldset disabled={disabled}>
        <legend>{t('settingsSites')}</legend>
        <p className="wm-muted">{t('settingsSitesHelp')}</p>
        {settings.disabledSites.length === 0 ? (
          <p className="wm-muted" data-testid="site-list-empty">
            {t('settingsSitesNone')}
          </p>
        ) : (
          <ul className="wm-sites" data-testid="site-list">
            {settings.disabledSites.map((host) => (
              <li key={host} data-site={host}>
                <code>{host}</code>
                <button
                  type="button"
                  data-testid="site-remove"
                  data-site={host}
                  aria-label={t('siteRemoveLabel', host)}
                  onClick={() =>
                    update({ disabledSites: settings.disabledSites.filter((s) => s !== host) })
                  }
                >
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          className="wm-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            addSite();
          }}
        >
          <input
            type="text"
            data-testid="site-input"
            placeholder="example.com"
            aria-label={t('siteInputLabel')}
            aria-invalid={siteError}
            value={site}
            onChange={(event) => {
              setSite(event.target.value);
              setSiteError(false);
            }}
          />
          <button type="submit" data-testid="site-add">
            {t('siteAdd')}
          </button>
        </form>
        {siteError && (
          <p className="wm-field-error" data-testid="site-error" role="alert">
            {t('siteInvalid')}
          </p>
        )}
      </fieldset>
    </div>
  );
}
