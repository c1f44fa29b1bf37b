import { z } from 'zod';
import { isHostDisabled } from './sites';

/** The reader's preferences, stored in IndexedDB and included in backups. */
export const settingsSchema = z
  .object({
    /** Hostnames where the content script does nothing. */
    disabledSites: z.array(z.string()).default([]),
    /** Which Traditional standard "Traditional" means. */
    traditionalVariant: z.enum(['tw', 'hk']).default('tw'),
    highlightStyle: z.enum(['underline', 'background', 'color']).default('underline'),
    highlightsEnabled: z.boolean().default(true),
  })
  .strict();

export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** True when Wenmai is switched off for this hostname (subdomains included). */
export function isSiteDisabled(settings: Settings, hostname: string): boolean {
  return isHostDisabled(settings.disabledSites, hostname);
}
