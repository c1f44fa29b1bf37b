/**
 * The corpus build: sources + glossary → public/corpus/bundle.json, the versioned bundle the
 * extension imports into IndexedDB and the CLI analyzes against. Same inputs, same bytes.
 * Run: npm run corpus:build
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  parseBundle,
  type BundleArticle,
  type CorpusBundle,
  type PassageLink,
} from '../../lib/bundle';
import { CorpusIndex, matchingGlossary, MemoryTexts } from '../../lib/match/corpus-index';
import {
  buildMatcherFromForms,
  buildTermMatcher,
  matcherForms,
  serializeMatcher,
  type TermFormsOf,
} from '../../lib/match/match-terms';
import { prepareArticle, type ArticleSource } from '../../lib/prepare-article';
import { packTerms } from '../../lib/quick-start';
import { termForms } from '../../lib/glossary/term-forms';
import type { GlossaryEntry } from '../../lib/glossary/glossary';
import { GlossaryError, loadGlossary } from './load-glossary';
import { applyBoundaries, readBoundaryRules } from './boundaries';
import { keywords, loadSegmenter } from './segment';
import { DATASETS_ENV, datasetFolders, readDatasets } from '../datasets';

const CORPUS_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PATHS = {
  sources: join(CORPUS_DIR, 'sources'),
  glossary: join(CORPUS_DIR, 'glossary'),
  boundaries: join(CORPUS_DIR, 'boundaries.yaml'),
  boilerplate: join(CORPUS_DIR, 'boilerplate.txt'),
  siteNames: join(CORPUS_DIR, 'site-names.txt'),
  bundle: join(CORPUS_DIR, '..', 'public', 'corpus', 'bundle.json'),
  bundledTerms: join(CORPUS_DIR, '..', 'lib', 'generated', 'bundled-terms.ts'),
  quickTerms: join(CORPUS_DIR, '..', 'public', 'quick', 'terms.bin'),
  firstScreen: join(CORPUS_DIR, '..', 'lib', 'generated', 'first-screen.ts'),
};

/**
 * Bytes of pre-built matcher the detector carries for the first screen (base64 adds a third):
 * the detector's size stays flat however large the glossary grows. About 500 terms fit.
 */
export const FIRST_SCREEN_BYTES = 16 * 1024;

/** Keywords stored per article (shown in the reader, used by term discovery). */
const KEYWORDS_PER_ARTICLE = 12;

/** Reads the boilerplate phrase list: one phrase a line, # comments. */
export function readStopPhrases(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

/**
 * An article's keywords (jieba TF-IDF on the clean text: pinyin debris would otherwise rank as
 * words, "zh", "ng"), with the names of sites that write themselves into their texts left out.
 */
export function articleKeywords(text: string, siteNames: readonly string[]): string[] {
  let source = text;
  for (const name of siteNames) source = source.replaceAll(name, ' ');
  return keywords(source, KEYWORDS_PER_ARTICLE).map((k) => k.word);
}

/** Article id from a source file name: its stem, so ids survive rebuilds and reordering. */
export function articleIdFor(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

export interface BuildInput {
  sourcesDir: string;
  glossaryDir: string;
  boilerplatePath: string;
  /** Term boundary rules (corpus/boundaries.yaml unless given). */
  boundariesPath?: string;
  /** Site names kept out of keywords (corpus/site-names.txt unless given). */
  siteNamesPath?: string;
  /**
   * Articles from datasets (corpus/datasets.ts), added after the seeds with their own title, URL,
   * date and place. Only builds into the extension's output and the CLI's run take them: the
   * committed bundle is the seeds alone.
   */
  datasets?: readonly ArticleSource[];
}

/**
 * Every `corpus: <seed file>` source must name a seed whose text holds the term (any of its
 * forms, or a match the term matcher found there); throws a GlossaryError naming entry and file.
 */
const sourceMetadataSchema = z.record(
  z.string(),
  z
    .object({
      title: z.string().min(1).optional(),
      titleBy: z.literal('editor').optional(),
      date: z.string().optional(),
      place: z.string().optional(),
    })
    .strict(),
);

/**
 * corpus/sources/metadata.yaml: what a seed's text does not say (a title, its place). Every source
 * file has an entry (`{}` when there is nothing to add), so a new seed is not forgotten.
 */
export function readSourceMetadata(
  sourcesDir: string,
  files: readonly string[],
): z.output<typeof sourceMetadataSchema> {
  const path = join(sourcesDir, 'metadata.yaml');
  if (!existsSync(path)) return {};
  const parsed = sourceMetadataSchema.safeParse(parseYaml(readFileSync(path, 'utf8')) ?? {});
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues[0]?.message}`);
  const listed = new Set(Object.keys(parsed.data));
  for (const file of files)
    if (!listed.has(file)) throw new Error(`${path}: no entry for ${file} (write ${file}: {})`);
  for (const file of listed)
    if (!files.includes(file)) throw new Error(`${path}: ${file} is not in ${sourcesDir}`);
  return parsed.data;
}

export function checkCorpusSources(
  glossary: readonly GlossaryEntry[],
  articles: readonly BundleArticle[],
): void {
  const bySource = new Map(articles.map((a) => [a.source, a]));
  for (const entry of glossary) {
    const cited = [
      ...(entry.sources ?? []),
      ...(entry.firstAppeared?.source ? [entry.firstAppeared.source] : []),
      ...(entry.englishName ? [entry.englishName.source] : []),
    ];
    for (const source of cited) {
      if (!('corpus' in source)) continue;
      const article = bySource.get(source.corpus);
      if (!article) {
        throw new GlossaryError(
          `entry "${entry.id}": source corpus: ${source.corpus} is not a seed in corpus/sources`,
        );
      }
      const forms = termForms(entry);
      if (!(article.terms[entry.id] ?? 0) && !forms.some((form) => article.text.includes(form))) {
        throw new GlossaryError(
          `entry "${entry.id}": source corpus: ${source.corpus} does not contain "${entry.headword}" or any of its forms`,
        );
      }
    }
  }
}

/** Builds the bundle object from the corpus folders. */
export function buildBundle(input: BuildInput): CorpusBundle {
  const { glossary } = applyBoundaries(
    loadGlossary(input.glossaryDir),
    readBoundaryRules(input.boundariesPath ?? PATHS.boundaries),
  );
  const stopPhrases = readStopPhrases(input.boilerplatePath);
  const siteNames = readStopPhrases(input.siteNamesPath ?? PATHS.siteNames);
  loadSegmenter(glossary);
  const index = new CorpusIndex(matchingGlossary(glossary, stopPhrases), new MemoryTexts());

  const files = readdirSync(input.sourcesDir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort();
  const metadata = readSourceMetadata(input.sourcesDir, files);
  const articles: BundleArticle[] = files.map((file) => {
    const raw = readFileSync(join(input.sourcesDir, file), 'utf8');
    const article = prepareArticle(
      { id: articleIdFor(file), source: file, raw, ...metadata[file] },
      index.matcher,
      index.stop,
    );
    article.keywords = articleKeywords(article.text, siteNames);
    return article;
  });
  checkCorpusSources(glossary, articles);
  for (const source of input.datasets ?? []) {
    const article = prepareArticle(source, index.matcher, index.stop);
    article.keywords = articleKeywords(article.text, siteNames);
    if (articles.some((a) => a.id === article.id))
      throw new Error(`dataset article ${source.source}: id ${article.id} is taken`);
    articles.push(article);
  }
  for (const article of articles) index.addArticle(article);

  const passageLinks: PassageLink[] = [];
  for (const article of articles) {
    const texts = article.passages.map((p) => article.text.slice(p.start, p.end));
    index.parallels(texts, article.id).forEach((matches, i) => {
      for (const match of matches)
        passageLinks.push({
          from: article.passages[i]!.id,
          to: match.passageId,
          score: match.score,
        });
    });
  }

  const content = { glossary, stopPhrases, articles, passageLinks };
  const corpusVersion = createHash('sha256')
    .update(JSON.stringify(content))
    .digest('hex')
    .slice(0, 16);
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, corpusVersion, ...content };
}

/**
 * The bundled glossary's term forms as a module, for the background to tell whether the reader's
 * glossary still has them as shipped (lib/quick-start.ts bundledTermsCurrent).
 */
export function bundledTermsModule(bundle: CorpusBundle): string {
  const packed = packTerms(bundle.glossary.map((e) => ({ id: e.id, forms: termForms(e) })));
  return (
    '// Generated by corpus/build/build-corpus.ts from the glossary (npm run corpus:build). Do not edit.\n' +
    '/** Bundled term ids and forms, packed for lib/quick-start.ts parseBundledTerms. */\n' +
    `export const BUNDLED_TERMS = ${JSON.stringify(packed)};\n`
  );
}

/**
 * The bundled glossary's matcher, pre-built (lib/match/match-terms.ts serializeMatcher): the
 * detector reads this file on Chinese pages only, so its own size does not grow with the glossary.
 */
export function quickTermsFile(bundle: CorpusBundle): Uint8Array {
  return serializeMatcher(buildTermMatcher(bundle.glossary));
}

/**
 * The matcher compiled into the detector for the first screen: the whole bundled glossary while
 * its pre-built matcher fits FIRST_SCREEN_BYTES, else the terms the corpus uses most (in most
 * articles, then most often, then glossary order), as many as fit, marked partial so the detector
 * reads the whole file (quickTermsFile) afterwards. Without term ids: the detector only paints.
 */
export function firstScreenMatcher(
  bundle: Pick<CorpusBundle, 'articles'> & { glossary: readonly TermFormsOf[] },
): {
  bytes: Uint8Array;
  terms: number;
} {
  const articlesWith = new Map<string, number>();
  const occurrences = new Map<string, number>();
  for (const article of bundle.articles) {
    for (const [id, count] of Object.entries(article.terms)) {
      articlesWith.set(id, (articlesWith.get(id) ?? 0) + 1);
      occurrences.set(id, (occurrences.get(id) ?? 0) + count);
    }
  }
  const ranked = bundle.glossary
    .map((entry, order) => ({ entry, order }))
    .sort(
      (a, b) =>
        (articlesWith.get(b.entry.id) ?? 0) - (articlesWith.get(a.entry.id) ?? 0) ||
        (occurrences.get(b.entry.id) ?? 0) - (occurrences.get(a.entry.id) ?? 0) ||
        a.order - b.order,
    );
  const bytesFor = (count: number): Uint8Array => {
    // The chosen terms in glossary order, so a form two entries share goes to the same one.
    const chosen = ranked.slice(0, count).sort((a, b) => a.order - b.order);
    return serializeMatcher(buildMatcherFromForms(chosen.map((c) => c.entry)), {
      withoutIds: true,
      partial: count < ranked.length,
    });
  };
  let fits = 0;
  let over = ranked.length + 1;
  if (bytesFor(ranked.length).length <= FIRST_SCREEN_BYTES) fits = ranked.length;
  else {
    while (over - fits > 1) {
      const mid = (fits + over) >> 1;
      if (bytesFor(mid).length <= FIRST_SCREEN_BYTES) fits = mid;
      else over = mid;
    }
  }
  return { bytes: bytesFor(fits), terms: fits };
}

/** The first-screen matcher as a module for the detector (base64 in a string constant). */
export function firstScreenModule(bundle: CorpusBundle): string {
  const { bytes, terms } = firstScreenMatcher({
    articles: bundle.articles,
    glossary: matcherForms(bundle.glossary),
  });
  return (
    '// Generated by corpus/build/build-corpus.ts from the glossary (npm run corpus:build). Do not edit.\n' +
    `/** The detector's first-screen matcher: ${terms} of the glossary's ${bundle.glossary.length} terms, pre-built (lib/match/match-terms.ts readMatcher). */\n` +
    `export const FIRST_SCREEN_MATCHER = ${JSON.stringify(Buffer.from(bytes).toString('base64'))};\n`
  );
}

/**
 * The bundle of a run with datasets: the seeds, then every article under the dataset folders
 * (WENMAI_DATASETS unless given). Logs what it read and what it passed over.
 */
export function buildBundleWithDatasets(
  folders: readonly string[] = datasetFolders(),
  log: (line: string) => void = (line) => console.error(line),
): CorpusBundle {
  const { articles, skipped } = readDatasets(folders);
  for (const { file, reason } of skipped) log(`datasets: skipped ${file}: ${reason}`);
  const bundle = buildBundle({
    sourcesDir: PATHS.sources,
    glossaryDir: PATHS.glossary,
    boilerplatePath: PATHS.boilerplate,
    datasets: articles,
  });
  log(
    `datasets: ${articles.length} articles from ${folders.join(', ')} (${bundle.articles.length} in this run's corpus)`,
  );
  return bundle;
}

/** Serialises a bundle; key order follows construction, so equal inputs give equal bytes. */
export function serializeBundle(bundle: CorpusBundle): string {
  return `${JSON.stringify(bundle)}\n`;
}

/**
 * `--datasets-out=<file>`: writes the bundle with WENMAI_DATASETS's articles to that file only
 * (wxt.config.ts puts it into the build output); nothing committed changes.
 */
function writeDatasetBundle(out: string): void {
  const folders = datasetFolders();
  if (folders.length === 0)
    throw new Error(`--datasets-out needs ${DATASETS_ENV}=<folder>[:<folder>…]`);
  const bundle = buildBundleWithDatasets(folders);
  const checked = parseBundle(JSON.parse(serializeBundle(bundle)));
  if (!checked.ok) throw new Error(checked.error);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, serializeBundle(bundle));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const datasetsOut = process.argv
    .find((arg) => arg.startsWith('--datasets-out='))
    ?.slice('--datasets-out='.length);
  try {
    if (datasetsOut) {
      writeDatasetBundle(datasetsOut);
      process.exit(0);
    }
    const bundle = buildBundle({
      sourcesDir: PATHS.sources,
      glossaryDir: PATHS.glossary,
      boilerplatePath: PATHS.boilerplate,
    });
    const checked = parseBundle(JSON.parse(serializeBundle(bundle)));
    if (!checked.ok) throw new Error(checked.error);
    mkdirSync(dirname(PATHS.bundle), { recursive: true });
    writeFileSync(PATHS.bundle, serializeBundle(bundle));
    writeFileSync(PATHS.bundledTerms, bundledTermsModule(bundle));
    mkdirSync(dirname(PATHS.quickTerms), { recursive: true });
    writeFileSync(PATHS.quickTerms, quickTermsFile(bundle));
    writeFileSync(PATHS.firstScreen, firstScreenModule(bundle));
    const { unused } = applyBoundaries(bundle.glossary, readBoundaryRules(PATHS.boundaries));
    if (unused.length > 0)
      console.log(
        `boundaries: ${unused.length} rules wait for an entry with their form: ${unused.map((r) => r.form).join(', ')}`,
      );
    const ms = performance.now() - started;
    console.log(
      `corpus: ${bundle.articles.length} articles, ${bundle.articles.reduce((n, a) => n + a.passages.length, 0)} passages, ` +
        `${bundle.glossary.length} glossary entries, ${bundle.passageLinks.length} passage links → ${PATHS.bundle} (${ms.toFixed(0)} ms)`,
    );
    if (process.env[DATASETS_ENV])
      console.log(
        `(${DATASETS_ENV} is set: ${PATHS.bundle} stays the seeds alone; wxt build adds the datasets to the build output)`,
      );
  } catch (error) {
    console.error(`corpus build failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
