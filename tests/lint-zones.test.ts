/**
 * The house plan is enforced by ESLint (eslint.config.js, zones()): each case lints one import in
 * one room and checks whether the zone's rule fires. Allowed imports are checked too, so that a
 * rule that fires on everything fails here as surely as one that fires on nothing.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });
const RULE = '@typescript-eslint/no-restricted-imports';

/** The restricted-import messages ESLint gives for one import line in a file at `path`. */
async function restricted(path: string, specifier: string): Promise<string[]> {
  const code = `import * as imported from '${specifier}';\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const forbidden: [room: string, file: string, specifier: string, why: string][] = [
  ['pure lib', 'lib/match/bad.ts', 'wxt/browser', 'browser APIs as arguments'],
  ['pure lib', 'lib/match/bad.ts', '../dom/highlight-terms', 'Only lib/dom touches the DOM'],
  ['pure lib', 'lib/match/bad.ts', 'dexie', 'open the database'],
  ['pure lib', 'lib/clean/bad.ts', '../db/schema', 'open the database'],
  ['pure lib', 'lib/match/bad.ts', '../../entrypoints/background/handlers', 'no entrypoint'],
  ['pure lib', 'lib/bad.ts', '../components/Banner', 'no view'],
  ['pure lib', 'lib/bad.ts', '../corpus/build/build-corpus', 'Node-only'],
  ['pure lib', 'lib/normalise/bad.ts', 'node:fs', 'no Node modules'],
  ['the DOM layer', 'lib/dom/bad.ts', '../db/schema', 'open the database'],
  ['the DOM layer', 'lib/dom/bad.ts', 'wxt/browser', 'browser APIs as arguments'],
  ['storage', 'lib/db/bad.ts', '../messaging/messages', 'not the wire format'],
  ['storage', 'lib/db/bad.ts', '../dom/page-sheet', 'Only lib/dom touches the DOM'],
  ['views', 'components/Bad.tsx', '../lib/dom/highlight-terms', 'Only lib/dom touches the DOM'],
  ['views', 'components/Bad.tsx', '../lib/db/schema', 'open the database'],
  ['views', 'components/Bad.tsx', 'wxt/browser', 'no browser APIs'],
  ['views', 'components/Bad.tsx', '../entrypoints/popup/App', 'contexts that mount them'],
  ['the page script', 'entrypoints/page-script/bad.ts', '../../lib/db/schema', 'never open'],
  ['the page script', 'entrypoints/page-script/bad.ts', '../background/handlers', 'Each context'],
  ['the detector', 'entrypoints/detect/bad.ts', 'dexie', 'never open the database'],
  ['the frame on pages', 'entrypoints/page-frame/bad.ts', '../../lib/db/schema', 'never opens'],
  ['an extension page', 'entrypoints/popup/bad.ts', '../page-script/controller', 'Each context'],
  ['an extension page', 'entrypoints/options/bad.ts', '../../corpus/analyze', 'Node-only'],
  ['the background', 'entrypoints/background/bad.ts', '../../lib/dom/page-sheet', 'lib/dom'],
];

const allowed: [room: string, file: string, specifier: string][] = [
  ['pure lib', 'lib/match/ok.ts', './minhash'],
  ['pure lib', 'lib/ok.ts', './normalise/fold-script'],
  ['the DOM layer', 'lib/dom/ok.ts', '../match/match-terms'],
  ['storage', 'lib/db/ok.ts', '../views'],
  ['views', 'components/Ok.tsx', '../lib/page-state'],
  ['the page script', 'entrypoints/page-script/ok.ts', '../../lib/dom/yield'],
  ['the page script', 'entrypoints/page-script/ok.ts', './features/context'],
  ['an extension page', 'entrypoints/popup/ok.ts', '../../components/PageSummary'],
  ['the background', 'entrypoints/background/ok.ts', '../../lib/db/schema'],
];

describe('lint zones', () => {
  it.each(forbidden)('%s (%s) may not import %s', async (_room, file, specifier, why) => {
    const messages = await restricted(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
  });

  it.each(allowed)('%s (%s) may import %s', async (_room, file, specifier) => {
    expect(await restricted(file, specifier)).toEqual([]);
  });
});

describe('test rules', () => {
  it('refuse an async predicate handed to waitForFunction (it would not wait)', async () => {
    const lint = async (predicate: string) => {
      const code = `declare const page: { waitForFunction(f: unknown): Promise<void> };\nawait page.waitForFunction(${predicate});\n`;
      const [result] = await eslint.lintText(code, {
        filePath: resolve(ROOT, 'tests/e2e/bad.e2e.test.ts'),
      });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax');
    };
    expect(await lint('async () => (await fetch("/")).ok')).toHaveLength(1);
    expect(await lint('async function () { return true; }')).toHaveLength(1);
    expect(await lint('() => document.readyState === "complete"')).toHaveLength(0);
  });
});
