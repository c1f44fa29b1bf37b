import { browser } from 'wxt/browser';
import { deserializeTrie, type CompactTrie } from '../../lib/normalise/compact-trie';
import {
  S2T_TABLE_FILE,
  scriptConverter,
  type ConvertTarget,
  type TraditionalVariant,
} from '../../lib/normalise/script-converter';

const converters = new Map<string, (text: string) => string>();
let table: Promise<CompactTrie> | null = null;

/**
 * The background's script converter: the Simplified → Traditional table is read pre-built from
 * the package on first use (~1.4 MB, a few ms), never parsed from OpenCC's dictionaries here.
 */
export async function loadConverter(
  to: ConvertTarget,
  variant: TraditionalVariant,
): Promise<(text: string) => string> {
  const key = `${to}:${variant}`;
  const ready = converters.get(key);
  if (ready) return ready;
  const sToT = to === 'traditional' ? await readTable() : null;
  let convert = converters.get(key);
  if (!convert) {
    convert = scriptConverter(to, variant, () => sToT!);
    converters.set(key, convert);
  }
  return convert;
}

function readTable(): Promise<CompactTrie> {
  table ??= fetch(browser.runtime.getURL(S2T_TABLE_FILE as '/'))
    .then((response) => response.arrayBuffer())
    .then((buffer) => deserializeTrie(new Uint8Array(buffer)))
    .catch((error: unknown) => {
      // Not kept: the next switch reads it again.
      table = null;
      throw error;
    });
  return table;
}
