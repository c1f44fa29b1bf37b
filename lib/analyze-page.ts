import { articleFeatures } from './match/article-features';
import { cleanArticle } from './clean/clean-article';
import type { CorpusIndex, PassageMatch } from './match/corpus-index';
import { PASSAGE_THRESHOLDS } from './match/passage-index';
import { detectLang, isJapaneseOrKoreanLang, type PageLang } from './normalise/detect-script';
import { countTermsIn } from './match/match-terms';
import {
  articleMeta,
  assemblePageState,
  type ArticleAnalysis,
  type DisplayScript,
  type PageState,
} from './page-state';
import { splitPassages } from './clean/passages';

/** The parts of a page analysis starts from (see lib/dom/extract-article for how they are taken). */
export interface PageInput {
  url: string;
  /** The main article, if the page has one. */
  article: { title: string; text: string } | null;
  /** All visible, non-editable text of the page, for term counts and language. */
  visibleText: string;
  /** The language the page declares (`<html lang>`): a Japanese or Korean page is not Chinese. */
  declaredLang?: string | null;
  script?: DisplayScript;
}

/**
 * Characters of an article compared with the corpus. The longest official documents (a provincial
 * work report) are ~40,000; a page beyond this is compared on its first part, so that the answer
 * and its size do not grow with the page.
 */
export const MAX_ANALYZED_CHARS = 200_000;
/** Passages with parallels listed in one answer, in page order. */
export const MAX_PARALLEL_PASSAGES = 400;

/** Duplicates and sources whose passages are matched to the page's exactly (see compareArticle). */
const MAX_SOURCE_ARTICLES = 3;

/** Two lists of a passage's matches as one, each corpus passage once at its best score, best first. */
function mergeMatches(a: readonly PassageMatch[], b: readonly PassageMatch[]): PassageMatch[] {
  const best = new Map<string, PassageMatch>();
  for (const match of [...a, ...b]) {
    const seen = best.get(match.passageId);
    if (!seen || match.score > seen.score) best.set(match.passageId, match);
  }
  return [...best.values()]
    .sort((x, y) => y.score - x.score || (x.passageId < y.passageId ? -1 : 1))
    .slice(0, PASSAGE_THRESHOLDS.limit);
}

/** What the corpus says about an article's clean text: similar articles and parallel passages. */
export async function compareArticle(
  text: string,
  corpus: CorpusIndex,
): Promise<{ passages: number; similar: PageState['similar']; parallels: PageState['parallels'] }> {
  const passages = splitPassages(text);
  // A passage repeated on the page (a footer, a slogan) is looked up once.
  const distinct = [...new Set(passages.map((p) => p.text))];
  const found = new Map(distinct.map((t, i) => [t, i]));
  const distinctMatches = corpus.parallels(distinct);
  const matchesOf = () => passages.map((p) => distinctMatches[found.get(p.text)!]!);
  let matches = matchesOf();
  // The articles of the best parallels are candidates too: an excerpt too short for signatures.
  const parallelArticles = [
    ...new Set(matches.flatMap((list) => list.slice(0, 1).map((m) => m.articleId))),
  ];
  const features = articleFeatures(text, corpus.stop, corpus.matcher);
  const similarFound = await corpus.similar(features, undefined, parallelArticles);
  // The page's duplicates and sources, passage by passage and exactly: the passage index samples
  // in a large corpus, and a copied passage must still link to where it was copied from.
  const sources = similarFound
    .filter((hit) => hit.relation !== 'related')
    .slice(0, MAX_SOURCE_ARTICLES)
    .map((hit) => hit.articleId);
  if (sources.length > 0) {
    const exact = await corpus.parallelsWithin(distinct, sources);
    exact.forEach((list, i) => {
      if (list.length > 0) distinctMatches[i] = mergeMatches(distinctMatches[i]!, list);
    });
    matches = matchesOf();
  }
  const listed = passages
    .flatMap((_, i) => ((matches[i] ?? []).length > 0 ? [i] : []))
    .slice(0, MAX_PARALLEL_PASSAGES);
  const matched = await corpus.passages([
    ...new Set(listed.flatMap((i) => matches[i]!.map((m) => m.passageId))),
  ]);
  const byPassage = new Map(matched.map((p) => [p.passageId, p]));
  const info = corpus.articleInfo([
    ...similarFound.map((hit) => hit.articleId),
    ...matched.map((p) => p.articleId),
  ]);
  const similar = similarFound.map((hit) => {
    const article = info.get(hit.articleId);
    return {
      ...hit,
      source: article?.source ?? '',
      title: article?.title ?? '',
      ...articleMeta(article),
    };
  });
  const parallels = listed
    .map((i) => ({
      passage: passages[i]!.index,
      text: passages[i]!.text,
      matches: (matches[i] ?? []).flatMap((match) => {
        const other = byPassage.get(match.passageId);
        return other
          ? [
              {
                articleId: match.articleId,
                source: other.source,
                title: other.title,
                passageId: match.passageId,
                text: other.text,
                score: match.score,
                ...articleMeta(info.get(match.articleId)),
              },
            ]
          : [];
      }),
    }))
    .filter((parallel) => parallel.matches.length > 0);
  return { passages: passages.length, similar, parallels };
}

/**
 * What the corpus says about an article (as the page gave it): cleaned, its language, similar
 * articles and parallel passages. The background answers the page script with this.
 */
export async function analyzeArticle(
  article: { title: string; text: string },
  corpus: CorpusIndex,
): Promise<ArticleAnalysis> {
  const clean = cleanArticle(article.text, article.title);
  return analyzeClean(clean, detectLang(clean.text), corpus);
}

async function analyzeClean(
  clean: { title: string; text: string },
  lang: PageLang,
  corpus: CorpusIndex,
): Promise<ArticleAnalysis> {
  // A non-Chinese article gets no corpus work at all.
  if (clean.text.length === 0 || lang === 'other')
    return { lang, article: null, similar: [], parallels: [], articleTerms: {} };
  const cut = clean.text.length > MAX_ANALYZED_CHARS;
  const text = cut ? clean.text.slice(0, MAX_ANALYZED_CHARS) : clean.text;
  const found = await compareArticle(text, corpus);
  return {
    lang,
    article: {
      title: clean.title,
      chars: clean.text.length,
      passages: found.passages,
      ...(cut ? { analyzedChars: text.length } : {}),
    },
    similar: found.similar,
    parallels: found.parallels,
    articleTerms: Object.fromEntries(countTermsIn(text, corpus.matcher)),
  };
}

/**
 * Analyzes a page against the corpus: cleans its article, finds similar corpus articles, counts
 * terms and links parallel passages. Pure: the same answer in the CLI and in the extension.
 */
export async function analyzePage(input: PageInput, corpus: CorpusIndex): Promise<PageState> {
  const clean = input.article ? cleanArticle(input.article.text, input.article.title) : null;
  const lang = isJapaneseOrKoreanLang(input.declaredLang)
    ? 'other'
    : detectLang(clean && clean.text.length > 0 ? clean.text : input.visibleText);
  const page = { url: input.url, lang, script: input.script ?? 'original', highlights: true };
  // A non-Chinese page gets no terms either: glossary forms are Chinese.
  if (lang === 'other') return assemblePageState(page);
  return assemblePageState({
    ...page,
    analysis: clean ? await analyzeClean(clean, lang, corpus) : null,
    termCounts: countTermsIn(input.visibleText, corpus.matcher),
    glossary: new Map(corpus.glossary.map((entry) => [entry.id, entry])),
  });
}
