/**
 * Evidence for term boundaries from jieba's plain dictionary (without the glossary as user
 * dictionary, which would make every form a word): where jieba segments a word across a matched
 * form's start or end (组织/部署 across 组织部), the text around the form may make it another word.
 * Lists each such longer span with its count and an example clause, leaving out what
 * corpus/boundaries.yaml already blocks or accepts. A reviewer then writes a rule (or an
 * `accepted` entry, where jieba is wrong).
 *   npm run corpus:boundaries                 (the seeds)
 *   npm run corpus:boundaries -- more/*.txt   (and other UTF-8 texts, read in place, never copied)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as jieba from 'nodejs-jieba';
import { buildTermMatcher, matchTerms, type TermMatcher } from '../../lib/match/match-terms';
import { foldText } from '../../lib/normalise/fold-script';
import { applyBoundaries, readBoundaryRules, type BoundaryRule } from './boundaries';
import { PATHS } from './build-corpus';
import { loadGlossary } from './load-glossary';

export interface BoundaryConflict {
  termId: string;
  /** The matched form as written in the text. */
  form: string;
  /** The form with the jieba word that straddles its edge: the candidate blocked word. */
  span: string;
  /** jieba's words over the span, "/"-separated. */
  segmented: string;
  count: number;
  example: string;
}

/** Splits text into clauses: jieba's input stays short, and a clause is where a term lives. */
const clausesOf = (text: string): string[] =>
  text.split(/[。！？!?；;\n]+/).filter((clause) => /[\u3400-\u9fff]/.test(clause));

/**
 * The conflicts between the matcher's hits and a segmentation, over texts. `cut` segments a
 * folded clause into words that cover it in order.
 */
export function boundaryConflicts(
  texts: readonly string[],
  matcher: TermMatcher,
  cut: (clause: string) => string[],
): BoundaryConflict[] {
  const found = new Map<string, BoundaryConflict>();
  for (const text of texts) {
    for (const clause of clausesOf(text)) {
      const hits = matchTerms(clause, matcher);
      if (hits.length === 0) continue;
      const words = cut(foldText(clause));
      const starts: number[] = [];
      let at = 0;
      for (const word of words) {
        starts.push(at);
        at += word.length;
      }
      if (at !== clause.length) continue; // the segmenter dropped something: no offsets
      for (const hit of hits) {
        let from = hit.start;
        let to = hit.end;
        const over: string[] = [];
        words.forEach((word, i) => {
          const ws = starts[i]!;
          const we = ws + word.length;
          if (we <= hit.start || ws >= hit.end) return;
          over.push(word);
          if (ws < hit.start) from = Math.min(from, ws);
          if (we > hit.end) to = Math.max(to, we);
        });
        if (from === hit.start && to === hit.end) continue;
        const span = clause.slice(from, to);
        const key = `${hit.termId}|${foldText(span)}`;
        const known = found.get(key);
        if (known) known.count++;
        else
          found.set(key, {
            termId: hit.termId,
            form: clause.slice(hit.start, hit.end),
            span,
            segmented: over.join('/'),
            count: 1,
            example: clause.trim(),
          });
      }
    }
  }
  return [...found.values()].sort((a, b) => b.count - a.count || a.span.localeCompare(b.span));
}

/** Conflicts no rule decides yet: neither blocked for the entry nor accepted under its form. */
export function undecided(
  conflicts: readonly BoundaryConflict[],
  blockedOf: (termId: string) => readonly string[],
  rules: readonly BoundaryRule[],
): BoundaryConflict[] {
  const accepted = new Set(rules.flatMap((rule) => rule.accepted.map((w) => foldText(w))));
  return conflicts.filter(
    (c) =>
      !accepted.has(foldText(c.span)) &&
      !blockedOf(c.termId).some((word) => foldText(c.span).includes(foldText(word))),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rules = readBoundaryRules(PATHS.boundaries);
  const { glossary } = applyBoundaries(loadGlossary(PATHS.glossary), rules);
  const matcher = buildTermMatcher(glossary);
  const texts = [
    ...readdirSync(PATHS.sources)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(PATHS.sources, f), 'utf8')),
    ...process.argv.slice(2).map((path) => readFileSync(path, 'utf8')),
  ];
  jieba.load(); // the plain dictionary: no glossary words
  const conflicts = boundaryConflicts(texts, matcher, (clause) => jieba.cut(clause, true));
  const byId = new Map(glossary.map((entry) => [entry.id, entry]));
  const open = undecided(conflicts, (id) => byId.get(id)?.blockedIn ?? [], rules);
  console.log(
    `boundaries: ${conflicts.length} spans where jieba cuts across a matched form, ` +
      `${open.length} not decided by corpus/boundaries.yaml`,
  );
  for (const c of open)
    console.log(
      `  ${c.count}×  ${c.form} in ${c.span} (${c.segmented})  [${c.termId}]  ${c.example}`,
    );
}
