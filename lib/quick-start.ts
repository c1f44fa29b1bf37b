import type { GlossaryEntry } from './glossary/glossary';
import type { TermFormsOf } from './match/match-terms';
import type { Settings } from './settings';
import { termForms } from './glossary/term-forms';

/**
 * First-screen highlighting. The detector paints the terms of a Chinese page's first screen at
 * document_end, before the page's first layout, so highlights arrive with the first paint. That
 * needs the term forms and the reader's highlight settings synchronously, and extension storage is
 * asynchronous (its reply often lands after the first layout). So:
 *   - the bundled glossary's matcher is pre-built by the corpus build (QUICK_TERMS_FILE), and the
 *     detector reads it from the extension's package on Chinese pages only (it used to compile the
 *     term forms in, which made every page pay for every term);
 *   - the settings reach it through which tiny config script the background registers to run
 *     before it (public/quick/<style>.js, which only writes to Wenmai's mailbox in the extension's
 *     isolated world), on every site but those switched off, and only while highlights are on and the
 *     reader's glossary still has every bundled term as shipped.
 * The page script repaints the whole page with the reader's full glossary moments later.
 */

type HighlightStyle = Settings['highlightStyle'];

/** The pre-built matcher of the bundled glossary (written by corpus/build/build-corpus.ts). */
export const QUICK_TERMS_FILE = '/quick/terms.bin';

export interface QuickConfig {
  highlightStyle: HighlightStyle;
}

const STYLES: readonly HighlightStyle[] = ['underline', 'background', 'color'];

/** The config script for a highlight style, as registered by the background. */
export const quickConfigFile = (style: HighlightStyle): string => `quick/${style}.js`;

/**
 * The config a config script left in the frame's mailbox (lib/messaging/mailbox.ts), checked by
 * hand; null when there is none or it is odd.
 */
export function readQuickConfig(value: unknown): QuickConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const style = (value as { highlightStyle?: unknown }).highlightStyle;
  return STYLES.includes(style as HighlightStyle)
    ? { highlightStyle: style as HighlightStyle }
    : null;
}

/** Parses the compiled-in term list: one term a line, id then forms, tab-separated. */
export function parseBundledTerms(packed: string): TermFormsOf[] {
  const terms: TermFormsOf[] = [];
  for (const line of packed.split('\n')) {
    const [id, ...forms] = line.split('\t');
    if (id && forms.length > 0) terms.push({ id, forms });
  }
  return terms;
}

/** Packs a glossary's term forms for compiling into the detector (see parseBundledTerms). */
export function packTerms(entries: readonly TermFormsOf[]): string {
  return entries.map((entry) => [entry.id, ...entry.forms].join('\t')).join('\n');
}

/**
 * True when every bundled term is in the reader's glossary with the same forms: then painting the
 * first screen from the bundled list shows nothing the reader removed or changed. (Terms the reader
 * added are simply not on the first screen until the page script repaints.)
 */
export function bundledTermsCurrent(
  bundled: readonly TermFormsOf[],
  glossary: readonly Pick<GlossaryEntry, 'id' | 'headword' | 'traditional' | 'aliases'>[],
): boolean {
  const byId = new Map(glossary.map((entry) => [entry.id, entry]));
  return bundled.every((term) => {
    const entry = byId.get(term.id);
    if (!entry) return false;
    const forms = termForms(entry);
    return forms.length === term.forms.length && forms.every((f, i) => f === term.forms[i]);
  });
}

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;
const NAME_HOST = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i;

/**
 * Match patterns for a switched-off site, subdomains included (as isHostDisabled reads it);
 * null for a host no pattern can express.
 */
export function sitePatterns(site: string): string[] | null {
  if (IP_HOST.test(site)) return [`*://${site}/*`];
  if (!NAME_HOST.test(site)) return null;
  return [`*://${site}/*`, `*://*.${site}/*`];
}

/** Every page Wenmai runs on (manifest, host permissions, registrations). */
export const PAGE_MATCHES = ['http://*/*', 'https://*/*'];

/** A content-script registration for the background to make (the API's own shape, trimmed). */
export interface QuickRegistration {
  id: string;
  js: string[];
  matches: string[];
  excludeMatches: string[];
  runAt: 'document_start';
  allFrames: true;
}

export const QUICK_REGISTRATION_ID = 'wenmai-quick-start';

/**
 * The config-script registration the settings call for, or null for none: highlights off, the
 * reader's glossary no longer has the bundled terms as shipped, or a switched-off site no pattern
 * can express (then the page script alone paints, after checking the site itself).
 */
export function quickRegistration(
  settings: Settings,
  glossaryCurrent: boolean,
): QuickRegistration | null {
  if (!settings.highlightsEnabled || !glossaryCurrent) return null;
  const excludeMatches: string[] = [];
  for (const site of settings.disabledSites) {
    const patterns = sitePatterns(site);
    if (!patterns) return null;
    excludeMatches.push(...patterns);
  }
  return {
    id: QUICK_REGISTRATION_ID,
    js: [quickConfigFile(settings.highlightStyle)],
    matches: PAGE_MATCHES,
    excludeMatches,
    runAt: 'document_start',
    allFrames: true,
  };
}
