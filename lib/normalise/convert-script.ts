import type { CompactTrie } from './compact-trie';
import { buildSToTTable } from './s2t-table';
import { scriptConverter, type ConvertTarget, type TraditionalVariant } from './script-converter';

export { withFixes, type ConvertTarget, type TraditionalVariant } from './script-converter';

const converters = new Map<string, (text: string) => string>();
let sToT: CompactTrie | null = null;

/**
 * Phrase-level OpenCC conversion with Wenmai's own fixes on top, for Node (the corpus build, the
 * CLI, tests): builds the Simplified → Traditional table from OpenCC's dictionaries on first use.
 * The extension reads the same table pre-built (entrypoints/background/converters.ts).
 */
export function converterFor(
  to: ConvertTarget,
  variant: TraditionalVariant,
): (text: string) => string {
  const key = `${to}:${variant}`;
  let convert = converters.get(key);
  if (!convert) {
    convert = scriptConverter(to, variant, () => (sToT ??= buildSToTTable()));
    converters.set(key, convert);
  }
  return convert;
}
