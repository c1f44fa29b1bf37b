import { articleFeatures, type StopShingles } from './match/article-features';
import type { BundleArticle } from './bundle';
import { cleanArticle } from './clean/clean-article';
import { detectLang } from './normalise/detect-script';
import type { TermMatcher } from './match/match-terms';
import { splitPassages } from './clean/passages';

export interface ArticleSource {
  id: string;
  /** File name for corpus sources, the URL for pages the reader added. */
  source: string;
  raw: string;
  title?: string;
  url?: string;
  keywords?: string[];
  /** Publication date and place given with the text (they win over what the cleaner finds). */
  date?: string;
  place?: string;
  /** The title was written by an editor: the source has none. */
  titleBy?: 'editor';
}

/**
 * A date as YYYY-MM-DD (or YYYY-MM, YYYY) from the ways sources write one (2024-7-4 09:18,
 * 2024/07/04, 2024年7月4日), so dates sort and filter as text; anything else is kept as given.
 */
export function isoDate(text: string): string {
  const match = /^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?)?/.exec(text);
  if (!match) return text.trim();
  const [, year, month, day] = match;
  const two = (n: string) => n.padStart(2, '0');
  return [year, month && two(month), month && day && two(day)].filter(Boolean).join('-');
}

/** Cleans, splits and fingerprints an article: the record the corpus stores for it. */
export function prepareArticle(
  input: ArticleSource,
  matcher: TermMatcher,
  stop: StopShingles,
): BundleArticle {
  const clean = cleanArticle(input.raw, input.title);
  const features = articleFeatures(clean.text, stop, matcher);
  const article: BundleArticle = {
    id: input.id,
    source: input.source,
    title: clean.title,
    lang: detectLang(clean.text),
    meta: {
      ...clean.meta,
      ...(input.date ? { date: input.date } : {}),
      ...(input.place ? { place: input.place } : {}),
      ...(input.titleBy ? { titleBy: input.titleBy } : {}),
    },
    text: clean.text,
    passages: splitPassages(clean.text).map((p) => ({
      id: `${input.id}#p${p.index}`,
      start: p.start,
      end: p.end,
    })),
    keywords: input.keywords ?? [],
    signature: Array.from(features.signature),
    shingleCount: features.shingleCount,
    terms: features.terms,
  };
  if (article.meta.date) article.meta.date = isoDate(article.meta.date);
  if (input.url !== undefined) article.url = input.url;
  return article;
}
