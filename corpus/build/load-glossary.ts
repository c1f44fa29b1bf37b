import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  describeIssues,
  glossaryEntrySchema,
  TERM_CATEGORIES,
  type GlossaryEntry,
  type TermSource,
} from '../../lib/glossary/glossary';
import { converterFor } from '../../lib/normalise/convert-script';

/** A glossary problem, with the file and entry it is in. */
export class GlossaryError extends Error {
  override name = 'GlossaryError';
}

// Wenmai's conversion (OpenCC with its fixes), so a card never shows 好乾部 for 好干部.
const toTraditional = (['tw', 'hk', 't'] as const).map((variant) =>
  converterFor('traditional', variant),
);

/** The Traditional forms of a Simplified phrase: Taiwan, Hong Kong and OpenCC standard, deduplicated. */
export function traditionalForms(headword: string, overrides: readonly string[]): string[] {
  const generated = toTraditional.map((convert) => convert(headword));
  return [...new Set([...overrides, ...generated])].filter((form) => form !== headword);
}

/** The list of hosts a source may not be on, beside the glossary files. */
export const MIRROR_HOSTS_FILE = 'mirror-hosts.txt';

/**
 * The list of hosts whose pages count as primary (the issuing body's own site or its official
 * outlet); a URL source on any other host must be marked `kind: secondary`.
 */
export const OFFICIAL_HOSTS_FILE = 'official-hosts.txt';

/** Reads a host list beside the glossary files: one host a line, # comments; none when absent. */
export function readHostList(dir: string, file: string): string[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
    .filter(Boolean);
}

/** The listed host a URL is on (the host itself or a subdomain of it), if any. */
export function listedHostOf(url: string, hosts: readonly string[]): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return hosts.find((listed) => host === listed || host.endsWith(`.${listed}`));
}

/**
 * How many entries may give the same secondaryOnly reason. Two entries drawn from one report can
 * honestly share a sentence; more than that is a template (61 entries once carried one generic
 * sentence), which tells a researcher nothing about any of them.
 */
export const MAX_ENTRIES_PER_SECONDARY_REASON = 2;

/** Every source an entry cites: its sources, its first appearance's and its English name's. */
function citedSources(entry: GlossaryEntry): TermSource[] {
  return [
    ...(entry.sources ?? []),
    ...(entry.firstAppeared?.source ? [entry.firstAppeared.source] : []),
    ...(entry.englishName ? [entry.englishName.source] : []),
  ];
}

/**
 * Loads and validates every corpus/glossary/*.yaml file; throws a GlossaryError naming the file and
 * entry for the first malformed entry, entry without a source, source on a mirror host
 * (mirror-hosts.txt), URL source off the official hosts (official-hosts.txt) not marked secondary,
 * entry with only secondary sources and no secondaryOnly reason (or a reason it does not need),
 * secondaryOnly reason copied onto more than MAX_ENTRIES_PER_SECONDARY_REASON entries, duplicate id
 * or headword, unknown related id, or related link without its
 * link back.
 */
export function loadGlossary(dir: string): GlossaryEntry[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  if (files.length === 0) throw new GlossaryError(`${dir}: no glossary files (*.yaml)`);
  const mirrors = readHostList(dir, MIRROR_HOSTS_FILE);
  const officials = readHostList(dir, OFFICIAL_HOSTS_FILE);
  const entries: GlossaryEntry[] = [];
  const where = new Map<string, string>();
  const headwords = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    const shown = relative(process.cwd(), path);
    let parsed: unknown;
    try {
      parsed = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new GlossaryError(
        `${shown}: not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (!Array.isArray(parsed)) throw new GlossaryError(`${shown}: must be a YAML list of entries`);
    const category = basename(file).replace(/\.ya?ml$/, '');
    const checkCategory = (TERM_CATEGORIES as readonly string[]).includes(category);
    parsed.forEach((raw: unknown, i) => {
      const label = `${shown}: entry ${i + 1}${raw && typeof raw === 'object' && 'id' in raw ? ` (id "${String(raw.id)}")` : ''}`;
      const result = glossaryEntrySchema.safeParse(raw);
      if (!result.success) throw new GlossaryError(`${label}: ${describeIssues(result.error)}`);
      const entry = result.data;
      if (checkCategory && entry.category !== category) {
        throw new GlossaryError(
          `${label}: category "${entry.category}" does not belong in ${file}`,
        );
      }
      if (!entry.sources || entry.sources.length === 0) {
        throw new GlossaryError(
          `${label}: no sources: say where the definition comes from (an outlet, or corpus: <seed file>)`,
        );
      }
      for (const source of citedSources(entry)) {
        const url = 'url' in source ? source.url : undefined;
        const mirror = url ? listedHostOf(url, mirrors) : undefined;
        if (mirror)
          throw new GlossaryError(
            `${label}: source ${url} is on ${mirror}, a mirror or secondary host (${MIRROR_HOSTS_FILE}): cite the publisher's own page`,
          );
        // An unjudged host must not pass as primary: the card labels secondary sources.
        if (url && !('kind' in source && source.kind) && !listedHostOf(url, officials))
          throw new GlossaryError(
            `${label}: source ${url} is not on an official host (${OFFICIAL_HOSTS_FILE}): mark it kind: secondary, or list its host if it is the publisher's own site`,
          );
      }
      const primary = entry.sources.some((source) => !('kind' in source && source.kind));
      if (!primary && !entry.secondaryOnly)
        throw new GlossaryError(
          `${label}: every source is secondary: cite a primary one (the issuing body or its official outlet), or say why not in secondaryOnly`,
        );
      if (primary && entry.secondaryOnly)
        throw new GlossaryError(
          `${label}: secondaryOnly is set but a source is primary: remove secondaryOnly`,
        );
      if (where.has(entry.id))
        throw new GlossaryError(`${label}: id already used in ${where.get(entry.id)}`);
      for (const form of [entry.headword, ...entry.aliases]) {
        const owner = headwords.get(form);
        if (owner) throw new GlossaryError(`${label}: "${form}" is already a form of "${owner}"`);
        headwords.set(form, entry.id);
      }
      where.set(entry.id, label);
      entries.push({ ...entry, traditional: traditionalForms(entry.headword, entry.traditional) });
    });
  }
  const byReason = new Map<string, string[]>();
  for (const entry of entries)
    if (entry.secondaryOnly)
      byReason.set(entry.secondaryOnly, [...(byReason.get(entry.secondaryOnly) ?? []), entry.id]);
  for (const ids of byReason.values())
    if (ids.length > MAX_ENTRIES_PER_SECONDARY_REASON)
      throw new GlossaryError(
        `${where.get(ids.at(-1) ?? '')}: the same secondaryOnly reason is given by ${ids.length} entries (${ids.join(', ')}; at most ${MAX_ENTRIES_PER_SECONDARY_REASON}): say for each what its claim rests on and which official page would settle it`,
      );
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const entry of entries) {
    for (const related of entry.related) {
      const other = byId.get(related);
      if (!other)
        throw new GlossaryError(`${where.get(entry.id)}: related id "${related}" does not exist`);
      if (!other.related.includes(entry.id)) {
        throw new GlossaryError(
          `${where.get(entry.id)}: related "${related}" does not link back: add "${entry.id}" to the related list of ${where.get(related)}`,
        );
      }
    }
  }
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
