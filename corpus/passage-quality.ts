/**
 * `npm run corpus:quality`: precision and recall of the parallel-passage links against the
 * labelled set (tests/fixtures/passage-pairs.yaml), on the seeds alone (the shipped bundle) and on
 * the seeds with the 2026 work reports (read where they lie; third-party, never in the repository).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseBundle, type BundleArticle, type CorpusBundle } from '../lib/bundle';
import { CorpusIndex } from '../lib/match/corpus-index';
import { compactForMatch } from '../lib/normalise/fold-script';
import { shingleHashes } from '../lib/match/shingles';
import {
  linkQuality,
  pairKey,
  sharedRuns,
  parsePassageRef,
  passageFingerprint,
  type LabelledPair,
  type LinkQuality,
  type PairJudgement,
  type PassageRef,
} from '../lib/match/passage-quality';
import { prepareArticle } from '../lib/prepare-article';
import { readReports, REPORTS_DIR, type Report } from '../tests/reports-2026';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PAIRS_PATH = join(ROOT, 'tests', 'fixtures', 'passage-pairs.yaml');
const BUNDLE_PATH = join(ROOT, 'public', 'corpus', 'bundle.json');

const JUDGEMENTS: readonly PairJudgement[] = ['meaningful', 'weak', 'noise'];

/** The labelled pairs of tests/fixtures/passage-pairs.yaml. */
export function readLabelledPairs(path = PAIRS_PATH): LabelledPair[] {
  const doc = parse(readFileSync(path, 'utf8')) as { pairs?: unknown };
  if (!Array.isArray(doc.pairs)) throw new Error(`${path}: no pairs`);
  return doc.pairs.map((row: unknown, i) => {
    const { a, b, judgement, note } = (row ?? {}) as Record<string, unknown>;
    if (typeof a !== 'string' || typeof b !== 'string')
      throw new Error(`${path}: pair ${i + 1} needs a and b`);
    if (!JUDGEMENTS.includes(judgement as PairJudgement))
      throw new Error(`${path}: pair ${i + 1}: judgement must be one of ${JUDGEMENTS.join(', ')}`);
    return {
      a: parsePassageRef(a),
      b: parsePassageRef(b),
      judgement: judgement as PairJudgement,
      note: typeof note === 'string' ? note : '',
    };
  });
}

export function readBundle(path = BUNDLE_PATH): CorpusBundle {
  const parsed = parseBundle(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** A report as a corpus article: its province is its source (the labelled set's name for it). */
export function reportArticle(report: Report, index: CorpusIndex): BundleArticle {
  return prepareArticle(
    {
      id: `report-2026-${report.province}`,
      source: report.province,
      raw: report.fullText,
      title: report.title,
      ...(report.sourceUrl ? { url: report.sourceUrl } : {}),
      ...(report.publishDate ? { date: report.publishDate } : {}),
      place: report.province,
    },
    index.matcher,
    index.stop,
  );
}

/** Every linked pair of passages of an index's articles, as unordered pair keys. */
export function shownPairs(index: CorpusIndex, articles: readonly BundleArticle[]): Set<string> {
  const shown = new Set<string>();
  for (const article of articles) {
    const texts = article.passages.map((p) => article.text.slice(p.start, p.end));
    index.parallels(texts, article.id).forEach((matches, i) => {
      for (const match of matches) shown.add(pairKey(article.passages[i]!.id, match.passageId));
    });
  }
  return shown;
}

/**
 * Finds a labelled passage among the articles: by its ordinal when the fingerprint agrees, else
 * (the splitter renumbered) by its fingerprint alone.
 */
export function passageKeys(
  articles: readonly BundleArticle[],
): (ref: PassageRef) => string | undefined {
  const bySource = new Map(articles.map((a) => [a.source, a]));
  return (ref) => {
    const article = bySource.get(ref.article);
    if (!article) return undefined;
    const text = (p: { start: number; end: number }) => article.text.slice(p.start, p.end);
    const at = article.passages.find((p) => p.id.endsWith(`#p${ref.ordinal}`));
    if (at && passageFingerprint(text(at)) === ref.fingerprint) return at.id;
    return article.passages.find((p) => passageFingerprint(text(p)) === ref.fingerprint)?.id;
  };
}

export interface CorpusQuality extends LinkQuality {
  /** Labelled pairs whose passages are not in the corpus (cleaner or splitter changed them). */
  missing: LabelledPair[];
  /** Links shown in all (labelled or not). */
  links: number;
}

const isSeedPair = (pair: LabelledPair) =>
  pair.a.article.endsWith('.txt') && pair.b.article.endsWith('.txt');

/** A corpus as the linker sees it: its articles, and every pair of passages it links. */
export interface LinkedCorpus {
  articles: BundleArticle[];
  shown: Set<string>;
}

/** The seeds (the shipped bundle's articles, indexed as the build does), with the reports if given. */
export function linkCorpus(bundle = readBundle(), reports: readonly Report[] = []): LinkedCorpus {
  const index = CorpusIndex.fromBundle(bundle);
  const added = reports.map((report) => reportArticle(report, index));
  const texts = index.texts as { byId?: Map<string, unknown> };
  for (const article of added) {
    texts.byId?.set(article.id, article);
    index.addArticle(article);
  }
  const articles = [...bundle.articles, ...added];
  return { articles, shown: shownPairs(index, articles) };
}

/** Link quality on the seeds alone: the shipped bundle's articles, indexed as the build does. */
export function seedsQuality(
  labelled: readonly LabelledPair[],
  bundle = readBundle(),
  corpus = linkCorpus(bundle),
): CorpusQuality {
  const result = linkQuality(
    labelled.filter(isSeedPair),
    corpus.shown,
    passageKeys(corpus.articles),
  );
  return { ...result, links: corpus.shown.size };
}

/** Link quality on the seeds with the reports (every labelled pair), or undefined without them. */
export function reportsQuality(
  labelled: readonly LabelledPair[],
  bundle = readBundle(),
  reports = readReports(),
  corpus = reports.length > 0 ? linkCorpus(bundle, reports) : undefined,
): CorpusQuality | undefined {
  if (!corpus) return undefined;
  const result = linkQuality(labelled, corpus.shown, passageKeys(corpus.articles));
  return { ...result, links: corpus.shown.size };
}

/**
 * For reading, never for committing (the reports' text is third-party): every labelled pair the
 * linker gets wrong — a weak or noisy pair shown, a meaningful one missed — with the runs of text
 * its passages share, each run marked `×n` with the fewest articles any of its shingles is in (the
 * linker counts a shingle in more than half the articles as common).
 */
export function wrongPairs(labelled: readonly LabelledPair[], corpus: LinkedCorpus): string[] {
  const keyOf = passageKeys(corpus.articles);
  const textOf = new Map<string, string>();
  for (const article of corpus.articles)
    for (const p of article.passages) textOf.set(p.id, article.text.slice(p.start, p.end));
  const wrong = labelled.flatMap((pair) => {
    const a = keyOf(pair.a);
    const b = keyOf(pair.b);
    if (a === undefined || b === undefined) return [];
    const shown = corpus.shown.has(pairKey(a, b));
    if (shown === (pair.judgement === 'meaningful')) return [];
    return [{ pair, a, b, runs: sharedRuns(textOf.get(a)!, textOf.get(b)!), shown }];
  });
  // Article counts only for the shingles the wrong pairs share.
  const counts = new Map<number, number>();
  for (const { runs } of wrong)
    for (const run of runs) for (const h of run.shingles) counts.set(h, 0);
  for (const article of corpus.articles) {
    const held = new Set<number>();
    for (const p of article.passages)
      for (const h of shingleHashes(compactForMatch(article.text.slice(p.start, p.end))))
        if (counts.has(h)) held.add(h);
    for (const h of held) counts.set(h, counts.get(h)! + 1);
  }
  return wrong.map(({ pair, a, b, runs, shown }) => {
    const shared = runs
      .map((run) => `${run.text}×${Math.min(...run.shingles.map((h) => counts.get(h)!))}`)
      .join(' ');
    return `${shown ? `shown ${pair.judgement}` : 'missed meaningful'}  ${a}  ${b}  (${pair.note})\n    shares: ${shared || 'no run of text'}`;
  });
}

/**
 * How one line (a phrase such as 千万工程) links across the corpus: the passages that name it,
 * the articles they are in, and how many of the cross-article pairs among them the linker shows.
 */
export function lineLinks(
  phrase: string,
  corpus: LinkedCorpus,
): { articles: number; passages: number; pairs: number; linked: number; linkedArticles: number } {
  const folded = compactForMatch(phrase);
  const naming = corpus.articles.flatMap((article) =>
    article.passages
      .filter((p) => compactForMatch(article.text.slice(p.start, p.end)).includes(folded))
      .map((p) => ({ article: article.id, passage: p.id })),
  );
  let pairs = 0;
  let linked = 0;
  const reached = new Set<string>();
  for (let i = 0; i < naming.length; i++)
    for (let j = i + 1; j < naming.length; j++) {
      const a = naming[i]!;
      const b = naming[j]!;
      if (a.article === b.article) continue;
      pairs++;
      if (corpus.shown.has(pairKey(a.passage, b.passage))) {
        linked++;
        reached.add(a.article).add(b.article);
      }
    }
  return {
    articles: new Set(naming.map((n) => n.article)).size,
    passages: naming.length,
    pairs,
    linked,
    linkedArticles: reached.size,
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

export function formatQuality(name: string, q: CorpusQuality): string {
  const shown = q.shown.meaningful + q.shown.weak + q.shown.noise;
  const lines = [
    `${name}: ${q.pairs} labelled pairs (${q.meaningful} meaningful), ${q.links} links shown in all`,
    `  precision ${percent(q.precision)}  (${shown} labelled pairs shown: ${q.shown.meaningful} meaningful, ${q.shown.weak} weak, ${q.shown.noise} noise)`,
    `  recall    ${percent(q.recall)}  (${q.shown.meaningful} of ${q.meaningful} meaningful pairs shown)`,
  ];
  if (q.missing.length > 0)
    lines.push(
      `  ${q.missing.length} labelled pairs not found (their text changed, or the cleaner now removes it, as it does captions and occasion lines): ${q.missing
        .slice(0, 3)
        .map((p) => `${p.a.article}#p${p.a.ordinal}–${p.b.article}#p${p.b.ordinal}`)
        .join(', ')}`,
    );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const labelled = readLabelledPairs();
  const count = (j: PairJudgement) => labelled.filter((p) => p.judgement === j).length;
  console.log(
    `labelled set: ${labelled.length} pairs (${count('meaningful')} meaningful, ${count('weak')} weak, ${count('noise')} noise), ${labelled.filter(isSeedPair).length} of them between seeds`,
  );
  const bundle = readBundle();
  const seeds = linkCorpus(bundle);
  console.log(
    formatQuality('seeds only (the shipped bundle)', seedsQuality(labelled, bundle, seeds)),
  );
  const reports = readReports();
  const withReports = reports.length > 0 ? linkCorpus(bundle, reports) : undefined;
  const details = process.argv.includes('--details');
  if (details) for (const line of wrongPairs(labelled.filter(isSeedPair), seeds)) console.log(line);
  if (withReports) {
    console.log(
      formatQuality(
        'seeds + the 20 work reports of 2026',
        reportsQuality(labelled, bundle, reports, withReports)!,
      ),
    );
    if (details) for (const line of wrongPairs(labelled, withReports)) console.log(line);
    const lines = process.argv.slice(process.argv.indexOf('--lines') + 1);
    if (process.argv.includes('--lines'))
      for (const phrase of lines) {
        const l = lineLinks(phrase, withReports);
        console.log(
          `  ${phrase}: named in ${l.passages} passages of ${l.articles} articles; ${l.linked} of their ${l.pairs} cross-article pairs linked, reaching ${l.linkedArticles} articles`,
        );
      }
  } else
    console.log(
      `seeds + reports: NOT MEASURED — the 2026 work reports are not at ${REPORTS_DIR} (a clone without ../shared)`,
    );
}
