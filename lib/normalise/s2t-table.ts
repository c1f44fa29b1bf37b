import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import STPhrasesGenerated from 'opencc-js/dict/STPhrases_GeneratedFromRegionalPhrases';
import { buildTrie, dictGroupEntries, type CompactTrie } from './compact-trie';

export { S2T_TABLE_FILE } from './script-converter';

/**
 * OpenCC's Simplified → Traditional table in one trie: its phrases (marked: for the regional variants
 * they alone cut the text into segments first) and characters, with opencc-js's precedence
 * (STPhrases, then the phrases generated from regional ones, then STCharacters). Parses ~1 MB of
 * dictionary text: built once at build time for the extension, on first use in Node.
 */
export function buildSToTTable(): CompactTrie {
  return buildTrie(
    dictGroupEntries([
      { dict: STPhrases, marked: true },
      { dict: STPhrasesGenerated, marked: true },
      { dict: STCharacters },
    ]),
  );
}
