import * as OpenCC from 'opencc-js';

export type ConvertTarget = 'simplified' | 'traditional';
/** Taiwan, Hong Kong, or OpenCC's standard Traditional ('t'). */
export type TraditionalVariant = 'tw' | 'hk' | 't';

const converters = new Map<string, (text: string) => string>();

/**
 * Phrase-level OpenCC conversion. Building a converter parses OpenCC's phrase tables (~200 ms for
 * Simplified → Traditional), so each is built on first use and kept.
 */
export function converterFor(
  to: ConvertTarget,
  variant: TraditionalVariant,
): (text: string) => string {
  const key = `${to}:${variant}`;
  let convert = converters.get(key);
  if (!convert) {
    convert =
      to === 'simplified'
        ? OpenCC.Converter({ from: variant, to: 'cn' })
        : OpenCC.Converter({ from: 'cn', to: variant });
    converters.set(key, convert);
  }
  return convert;
}
