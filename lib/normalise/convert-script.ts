import * as OpenCC from 'opencc-js';
import { TO_SIMPLIFIED_FIXES, TO_TRADITIONAL_FIXES, type ConversionFix } from './conversion-fixes';

export type ConvertTarget = 'simplified' | 'traditional';
/** Taiwan, Hong Kong, or OpenCC's standard Traditional ('t'). */
export type TraditionalVariant = 'tw' | 'hk' | 't';

const converters = new Map<string, (text: string) => string>();

/**
 * Phrase-level OpenCC conversion with Wenmai's own fixes on top (conversion-fixes.ts): output is
 * OpenCC's except inside a fixed phrase. Building a converter parses OpenCC's phrase tables
 * (~200 ms for Simplified → Traditional), so each is built on first use and kept.
 */
export function converterFor(
  to: ConvertTarget,
  variant: TraditionalVariant,
): (text: string) => string {
  const key = `${to}:${variant}`;
  let convert = converters.get(key);
  if (!convert) {
    const opencc =
      to === 'simplified'
        ? OpenCC.Converter({ from: variant, to: 'cn' })
        : OpenCC.Converter({ from: 'cn', to: variant });
    const fixes = (to === 'simplified' ? TO_SIMPLIFIED_FIXES : TO_TRADITIONAL_FIXES).filter(
      (fix) => !fix.variants || fix.variants.includes(variant),
    );
    convert = withFixes(opencc, fixes);
    converters.set(key, convert);
  }
  return convert;
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
