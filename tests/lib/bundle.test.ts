import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundle, parseShippedBundle } from '../../lib/bundle';
import { PATHS } from '../../corpus/build/build-corpus';

const raw = (): Record<string, unknown> => JSON.parse(readFileSync(PATHS.bundle, 'utf8'));
type Article = Record<string, unknown> & { passages: { start: number; end: number }[] };
const withArticle = (change: (article: Article) => void): Record<string, unknown> => {
  const bundle = raw();
  change((bundle.articles as Article[])[0]!);
  return bundle;
};

describe('parseShippedBundle', () => {
  it('reads the shipped bundle as parseBundle does', () => {
    const full = parseBundle(raw());
    const shipped = parseShippedBundle(raw());
    expect(full.ok && shipped.ok).toBe(true);
    if (full.ok && shipped.ok) expect(shipped.value).toEqual(full.value);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['not an object', () => 'bundle', /not an object/],
    ['another version', () => ({ ...raw(), version: 2 }), /version 2 is not supported/],
    ['another format', () => ({ ...raw(), format: 'x' }), /format/],
    ['no corpus version', () => ({ ...raw(), corpusVersion: '' }), /corpusVersion/],
    ['links not a list', () => ({ ...raw(), passageLinks: {} }), /must be lists/],
    ['stop phrases not strings', () => ({ ...raw(), stopPhrases: [1] }), /stopPhrases/],
    ['an article without id', () => withArticle((a) => delete a.id), /articles\.0\.id/],
    ['a short signature', () => withArticle((a) => (a.signature = [1, 2])), /signature/],
    ['no text', () => withArticle((a) => delete a.text), /text, passages or terms/],
    [
      'a passage past the text',
      () => withArticle((a) => (a.passages[0]!.end = 10 ** 7)),
      /passage lies outside/,
    ],
    [
      'a glossary entry without headword',
      () => ({ ...raw(), glossary: [{ id: 'x' }] }),
      /glossary\.0/,
    ],
    [
      'a link without score',
      () => ({ ...raw(), passageLinks: [{ from: 'a#p0', to: 'b#p0' }] }),
      /passageLinks\.0/,
    ],
  ])('refuses %s', (_what, bundle, error) => {
    const parsed = parseShippedBundle(bundle());
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});
