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
  if (input.url !== undefined) article.url = input.url;
  return article;
}
