import type { PageLang } from './normalise/detect-script';
import type { Relation } from './match/similarity-index';

/** Where a corpus article comes from, as far as its source says: shown beside its title. */
export interface ArticleMeta {
  outlet?: string;
  place?: string;
  date?: string;
}

/** Only the metadata fields a summary has (none of them empty). */
export function articleMeta(summary: ArticleMeta | undefined): ArticleMeta {
  const meta: ArticleMeta = {};
  if (summary?.outlet) meta.outlet = summary.outlet;
  if (summary?.place) meta.place = summary.place;
  if (summary?.date) meta.date = summary.date;
  return meta;
}

/** What Wenmai knows about a page: the CLI's --json output and the content script's answer. */
export interface PageState {
  /** The page URL (the file path for the CLI). */
  url: string;
  /** Script of the main text; 'other' for non-Chinese pages. */
  lang: PageLang;
  /** What the page shows now ('original' for the CLI). */
  script: DisplayScript;
  /** Whether the page's terms are highlighted now (the CLI counts them: true). */
  highlights: boolean;
  article: {
    title: string;
    chars: number;
    passages: number;
    /** Set when the article is longer than analysis reads: the characters it compared. */
    analyzedChars?: number;
  } | null;
  /** Best first. */
  similar: ({
    articleId: string;
    source: string;
    title: string;
    score: number;
    relation: Relation;
  } & ArticleMeta)[];
  /**
   * Headword in Simplified; count = occurrences in the text the page renders (not hidden menus or
   * collapsed boxes, not fields); inArticle = how many of them are in its main article (the rest
   * are in page chrome: navigation, sidebars, footers).
   */
  terms: { termId: string; headword: string; count: number; inArticle: number }[];
  /**
   * Set when `parallels` lists only part of them: the extension answers PARALLELS_PER_REPLY at a
   * time (ask page-state with `parallelsFrom` for the next), so that a reply does not grow with the
   * page. The CLI lists them all and never sets it.
   */
  parallelsPage?: { from: number; total: number };
  /**
   * Set on an answer given before the page was fully read (page-state with `now`): the analysis
   * has not answered yet, or the terms are counted on the part of the page scanned so far.
   */
  pending?: ('analysis' | 'terms')[];
  parallels: {
    /** Index of the page passage. */
    passage: number;
    text: string;
    /** Best first. */
    matches: ({
      articleId: string;
      source: string;
      /** The article's title (empty when it has none). */
      title: string;
      passageId: string;
      text: string;
      score: number;
    } & ArticleMeta)[];
  }[];
}

export type DisplayScript = 'original' | 'simplified' | 'traditional';

/** What the corpus says about a page's article: the background's answer to an analysis. */
export type ArticleAnalysis = Pick<PageState, 'lang' | 'article' | 'similar' | 'parallels'> & {
  /** Term occurrences in the clean article, by term id. */
  articleTerms: Record<string, number>;
};

/**
 * Parallels in one page-state reply from the extension: ~1.4 KiB each with their matches, so a
 * reply stays near 70 KiB whatever the page (400 of them on a 3-million-character page were
 * 570 KiB, sent whole on every command).
 */
export const PARALLELS_PER_REPLY = 50;

/**
 * One page of a page's parallels for a reply: those from `from`, at most `size`, and where they
 * sit among all of them when that is not all.
 */
export function pageOfParallels(
  parallels: PageState['parallels'],
  from = 0,
  size = PARALLELS_PER_REPLY,
): Pick<PageState, 'parallels' | 'parallelsPage'> {
  const start = Math.max(0, Math.min(from, parallels.length));
  const listed = parallels.slice(start, start + size);
  return start === 0 && listed.length === parallels.length
    ? { parallels: listed }
    : { parallels: listed, parallelsPage: { from: start, total: parallels.length } };
}

/** The state of a page Wenmai leaves alone (not Chinese, or not analyzed). */
export function emptyPageState(url: string, lang: PageLang): PageState {
  return assemblePageState({ url, lang, script: 'original', highlights: false });
}

/**
 * Assembles a PageState from what is known of the page: the one place its shape is put together,
 * for the CLI, the background and the page script. An analysis, where there is one, decides the
 * language (it reads the clean article, not a sample of the page).
 */
export function assemblePageState(parts: {
  url: string;
  lang: PageLang;
  script: DisplayScript;
  highlights: boolean;
  analysis?: ArticleAnalysis | null;
  termCounts?: ReadonlyMap<string, number>;
  glossary?: ReadonlyMap<string, { headword: string }>;
  /** Lists one page of parallels from this index (the extension); all of them when absent (the CLI). */
  parallelsFrom?: number;
  pending?: PageState['pending'];
}): PageState {
  const { analysis } = parts;
  const parallels = analysis?.parallels ?? [];
  return {
    url: parts.url,
    lang: analysis?.lang ?? parts.lang,
    script: parts.script,
    highlights: parts.highlights,
    article: analysis?.article ?? null,
    similar: analysis?.similar ?? [],
    terms: parts.termCounts
      ? termSummary(parts.termCounts, parts.glossary ?? new Map(), analysis?.articleTerms)
      : [],
    ...(parts.parallelsFrom === undefined
      ? { parallels }
      : pageOfParallels(parallels, parts.parallelsFrom)),
    ...(parts.pending?.length ? { pending: parts.pending } : {}),
  };
}

/** Term counts as PageState lists them: headword in Simplified, most frequent first. */
export function termSummary(
  counts: ReadonlyMap<string, number>,
  glossary: ReadonlyMap<string, { headword: string }>,
  inArticle: Readonly<Record<string, number>> = {},
): PageState['terms'] {
  return [...counts]
    .map(([termId, count]) => ({
      termId,
      headword: glossary.get(termId)?.headword ?? termId,
      count,
      inArticle: Math.min(count, inArticle[termId] ?? 0),
    }))
    .sort((a, b) => b.count - a.count || (a.termId < b.termId ? -1 : 1));
}
