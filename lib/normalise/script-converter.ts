import CJKCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import HKVariants from 'opencc-js/dict/HKVariants';
import HKVariantsPhrases from 'opencc-js/dict/HKVariantsPhrases';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import TWVariantsPhrases from 'opencc-js/dict/TWVariantsPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import {
  buildTrie,
  convertWith,
  dictGroupEntries,
  firstUnits,
  segmentWith,
  type CompactTrie,
} from './compact-trie';
import { TO_SIMPLIFIED_FIXES, TO_TRADITIONAL_FIXES, type ConversionFix } from './conversion-fixes';

export type ConvertTarget = 'simplified' | 'traditional';
/** Taiwan, Hong Kong, or OpenCC's standard Traditional ('t'). */
export type TraditionalVariant = 'tw' | 'hk' | 't';

/**
 * Where the extension finds the pre-built Simplified → Traditional table (s2t-table.ts, written at
 * build time by wxt.config.ts).
 */
export const S2T_TABLE_FILE = '/convert/s2t.bin';

/** A trie with the code units its keys begin with: texts holding none pass untouched. */
interface Stage {
  trie: CompactTrie;
  first: Uint8Array;
}

const stages = new Map<string, Stage>();
/** The small dictionaries' tries, built on first use (a few ms each). */
function stage(name: string, group: readonly string[]): Stage {
  let built = stages.get(name);
  if (!built) {
    const trie = buildTrie(dictGroupEntries(group.map((dict) => ({ dict }))));
    built = { trie, first: firstUnits(trie) };
    stages.set(name, built);
  }
  return built;
}

function touches(stage: Stage, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (stage.first[s.charCodeAt(i)] === 1) return true;
  return false;
}

const apply = (stage: Stage, s: string): string =>
  touches(stage, s) ? convertWith(stage.trie, s) : s;

/**
 * opencc-js's converter for a configuration (its `ConverterFactoryWithSegmentation` after the
 * normalisation of compatibility ideographs): optionally cut into segments, then each dictionary
 * stage over each segment.
 */
function pipeline(
  segmentation: { trie: CompactTrie; markedOnly: boolean } | null,
  chain: readonly Stage[],
): (text: string) => string {
  const normalise = stage('CJK_Compatibility_Ideographs', [CJKCompatibility]);
  return (text) => {
    const s = apply(normalise, text);
    let segments = segmentation ? segmentWith(segmentation.trie, s, segmentation.markedOnly) : [s];
    for (const next of chain) segments = segments.map((segment) => apply(next, segment));
    return segments.join('');
  };
}

/**
 * OpenCC's conversion, as opencc-js's `Converter({ from: 'cn', to: variant })` (Traditional) or
 * `Converter({ from: variant, to: 'cn' })` (Simplified) writes it, character for character.
 * `sToT` is the Simplified → Traditional table (s2t-table.ts), read only for Traditional.
 */
export function openccConverter(
  to: ConvertTarget,
  variant: TraditionalVariant,
  sToT: () => CompactTrie,
): (text: string) => string {
  if (to === 'traditional') {
    const trie = sToT();
    const phrases = { trie, first: firstUnits(trie) };
    if (variant === 't') return pipeline(null, [phrases]);
    const regional =
      variant === 'tw'
        ? stage('TWVariants', [TWVariantsPhrases, TWVariants])
        : stage('HKVariants', [HKVariantsPhrases, HKVariants]);
    return pipeline({ trie, markedOnly: true }, [phrases, regional]);
  }
  const tsPhrases = stage('TS', [TSPhrases, TSCharacters]);
  if (variant === 't') return pipeline(null, [tsPhrases]);
  const segmentation = { trie: stage('TSPhrases', [TSPhrases]).trie, markedOnly: false };
  const regional =
    variant === 'tw'
      ? stage('TWVariantsRev', [TWVariantsRevPhrases, TWVariantsRev])
      : stage('HKVariantsRev', [HKVariantsRevPhrases, HKVariantsRev]);
  return pipeline(segmentation, [regional, tsPhrases]);
}

/**
 * Phrase-level OpenCC conversion with Wenmai's own fixes on top (conversion-fixes.ts): output is
 * OpenCC's except inside a fixed phrase.
 */
export function scriptConverter(
  to: ConvertTarget,
  variant: TraditionalVariant,
  sToT: () => CompactTrie,
): (text: string) => string {
  const fixes = (to === 'simplified' ? TO_SIMPLIFIED_FIXES : TO_TRADITIONAL_FIXES).filter(
    (fix) => !fix.variants || fix.variants.includes(variant),
  );
  return withFixes(openccConverter(to, variant, sToT), fixes);
}

/**
 * A converter that applies fixes where their phrases occur (leftmost, longest first) and leaves
 * the text between them to `convert`.
 */
export function withFixes(
  convert: (text: string) => string,
  fixes: readonly ConversionFix[],
): (text: string) => string {
  if (fixes.length === 0) return convert;
  const byPhrase = new Map(fixes.map((fix) => [fix.phrase, fix]));
  const pattern = new RegExp(
    [...byPhrase.keys()]
      .sort((a, b) => b.length - a.length)
      .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const fixed = (fix: ConversionFix): string =>
    fix.keep ?? (fix.cut ?? [fix.phrase]).map((piece) => convert(piece)).join('');
  return (text) => {
    let out = '';
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      out += convert(text.slice(from, match.index)) + fixed(byPhrase.get(match[0])!);
      from = match.index + match[0].length;
    }
    return from === 0 ? convert(text) : out + convert(text.slice(from));
  };
}
