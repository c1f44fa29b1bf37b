import { z } from 'zod';
import type { GlossaryEntry } from '../glossary/glossary';
import type { ArticleAnalysis, DisplayScript } from '../page-state';
import {
  MAX_LOOKUP_CHARS,
  MAX_PARALLELS_FROM,
  MAX_SELECTION_CHARS,
  MAX_TERM_ID_CHARS,
  type ContentRequest,
} from './content-requests';
import { settingsSchema, type Settings } from '../settings';
import { isFramePage } from './frame-port';
import { MAX_UPLOAD_PARTS, UPLOAD_PART_CHARS } from './upload-parts';
import type {
  ArticleList,
  ArticleView,
  ImportStatus,
  PassageView,
  PolicyLineView,
  TermCard,
} from '../views';

export { parseContentRequest, type ContentRequest } from './content-requests';

/** The page-script commands as a zod schema: the reference the hand-written check is tested against. */
export const contentRequestSchema: z.ZodType<ContentRequest> = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('wenmai/page-state'),
      now: z.boolean().optional(),
      parallelsFrom: z.number().int().min(0).max(MAX_PARALLELS_FROM).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('wenmai/set-script'),
      script: z.enum(['original', 'simplified', 'traditional']),
    })
    .strict(),
  z.object({ type: z.literal('wenmai/set-highlights'), enabled: z.boolean() }).strict(),
  z.object({ type: z.literal('wenmai/lookup'), text: z.string().max(MAX_LOOKUP_CHARS) }).strict(),
  z
    .object({ type: z.literal('wenmai/find-parallels'), text: z.string().max(MAX_SELECTION_CHARS) })
    .strict(),
  z.object({ type: z.literal('wenmai/article-text') }).strict(),
  z
    .object({
      type: z.literal('wenmai/show-term'),
      termId: z.string().min(1).max(MAX_TERM_ID_CHARS),
      direction: z.enum(['next', 'previous']),
    })
    .strict(),
  z.object({ type: z.literal('wenmai/cycle-script') }).strict(),
  z.object({ type: z.literal('wenmai/toggle-highlights') }).strict(),
]);

/** A reply to a request: a value, never a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const passageIdSchema = z.string().min(1).max(200);
/** The longest article text the background takes (an importer checks it before sending). */
export const MAX_ARTICLE_CHARS = 5_000_000;
const textSchema = z.string().max(MAX_ARTICLE_CHARS);

/**
 * Requests the background answers, for the content script and the extension pages.
 * One line each: wire type → request schema (validated on arrival).
 */
export const backgroundRequests = {
  /** A page found to be Chinese asks for Wenmai's page script (injected into the sender's frame). */
  'wenmai/start-page': z.object({}).strict(),
  /** The page script asks for its in-page UI, a script of its own (injected into the same frame). */
  'wenmai/start-ui': z.object({}).strict(),
  /** Glossary and settings for the content script's matcher. */
  'wenmai/get-glossary': z.object({}).strict(),
  /** Similar articles and parallel passages for a page's article. */
  'wenmai/analyze': z
    .object({
      url: z.string().max(4000),
      article: z.object({ title: z.string().max(2000), text: textSchema }).strict(),
    })
    .strict(),
  /** The glossary card of a term. */
  'wenmai/term': z
    .object({
      termId: z.string().min(1).max(200),
      /** The script the reader sees the page in: the card's Chinese is written in it. */
      script: z.enum(['simplified', 'traditional']).optional(),
      variant: z.enum(['tw', 'hk']).optional(),
    })
    .strict(),
  /** Finds a glossary entry by any written form (context-menu lookup). */
  'wenmai/find-term': z.object({ text: z.string().min(1).max(200) }).strict(),
  'wenmai/add-article': z
    .object({ url: z.string().max(4000), title: z.string().max(2000), text: textSchema })
    .strict(),
  /** A window of the corpus list (lib/match/article-catalog.ts). */
  'wenmai/list-articles': z
    .object({
      search: z.string().max(200).optional(),
      term: z.string().min(1).max(200).optional(),
      origin: z.enum(['bundle', 'user']).optional(),
      place: z.string().max(200).optional(),
      outlet: z.string().max(200).optional(),
      from: z.string().max(10).optional(),
      to: z.string().max(10).optional(),
      sort: z.enum(['title', 'date', 'chars', 'added']).optional(),
      descending: z.boolean().optional(),
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().positive().max(500).optional(),
    })
    .strict(),
  'wenmai/get-article': z.object({ articleId: z.string().min(1) }).strict(),
  'wenmai/get-passages': z.object({ passageIds: z.array(passageIdSchema).max(50) }).strict(),
  /** A policy line: every parallel of a corpus passage across the corpus (lib/match/corpus-index.ts). */
  'wenmai/policy-line': z.object({ passageId: passageIdSchema }).strict(),
  'wenmai/delete-article': z.object({ articleId: z.string().min(1) }).strict(),
  /** The reader's articles of an import, removed again (Undo); shipped articles are never removed. */
  'wenmai/delete-articles': z
    .object({ articleIds: z.array(z.string().min(1).max(200)).min(1).max(20_000) })
    .strict(),
  /** Articles read from files by the options page (HTML is reduced to its article there: workers have no DOM). */
  'wenmai/import-files': z
    .object({
      files: z
        .array(
          z
            .object({
              name: z.string().max(500),
              title: z.string().max(2000),
              text: textSchema,
              url: z.string().max(4000).optional(),
              /** Publication date and place, where the file said (a corpus CSV's columns). */
              date: z.string().max(40).optional(),
              place: z.string().max(200).optional(),
            })
            .strict(),
        )
        .max(500),
    })
    .strict(),
  'wenmai/list-glossary': z.object({}).strict(),
  'wenmai/save-term': z.object({ entry: z.unknown() }).strict(),
  'wenmai/delete-term': z.object({ termId: z.string().min(1) }).strict(),
  'wenmai/get-settings': z.object({}).strict(),
  'wenmai/set-settings': z.object({ settings: settingsSchema }).strict(),
  'wenmai/export-backup': z.object({}).strict(),
  'wenmai/import-backup': z.object({ json: z.string().max(UPLOAD_PART_CHARS) }).strict(),
  /** A backup too large for one message, in parts (lib/messaging/upload-parts.ts). */
  'wenmai/import-backup-part': z
    .object({
      upload: z.string().min(1).max(100),
      index: z.number().int().nonnegative(),
      total: z.number().int().positive().max(MAX_UPLOAD_PARTS),
      text: z.string().max(UPLOAD_PART_CHARS),
    })
    .strict(),
  'wenmai/wipe-user-data': z.object({}).strict(),
  'wenmai/import-status': z.object({}).strict(),
  /**
   * The page keeps taking Wenmai's frame down: the toolbar button says so for the sender's tab (the
   * popup lists what the banner would have).
   */
  'wenmai/ui-blocked': z.object({}).strict(),
  /** Opens the reader page in a new tab (web pages may not link to extension pages themselves). */
  'wenmai/open-reader': z
    .object({
      articleId: z.string().min(1).max(200).optional(),
      passageId: passageIdSchema.optional(),
      compare: z.array(passageIdSchema).length(2).optional(),
      /** A passage whose policy line to show. */
      line: passageIdSchema.optional(),
      /** A term's articles in the corpus browser, of one year or month (its timeline's bar). */
      termId: z.string().min(1).max(200).optional(),
      period: z
        .string()
        .regex(/^\d{4}(?:-\d{2})?$/)
        .optional(),
    })
    .strict(),
  /** Converts page text between scripts (OpenCC's tables are built here once, not in every page). */
  'wenmai/convert': z
    .object({
      texts: z.array(z.string().max(1_000_000)).max(20_000),
      to: z.enum(['simplified', 'traditional']),
      variant: z.enum(['tw', 'hk']),
    })
    .strict(),
} as const;

/** What each background request answers (inside Result). */
export interface BackgroundResponses {
  'wenmai/start-page': { started: boolean };
  'wenmai/start-ui': { started: boolean };
  'wenmai/get-glossary': { entries: GlossaryEntry[]; settings: Settings };
  'wenmai/analyze': ArticleAnalysis;
  'wenmai/term': TermCard;
  'wenmai/find-term': { termId: string } | null;
  'wenmai/add-article': { articleId: string; title: string };
  'wenmai/list-articles': ArticleList;
  'wenmai/get-article': ArticleView;
  'wenmai/get-passages': PassageView[];
  /** Null when the passage is not in the corpus. */
  'wenmai/policy-line': PolicyLineView | null;
  'wenmai/delete-article': { deleted: boolean };
  'wenmai/delete-articles': { deleted: number };
  /** `replaced`: an article of the same id (same URL or file) was there already and was replaced. */
  'wenmai/import-files': {
    added: { name: string; articleId: string; replaced: boolean }[];
    errors: string[];
  };
  'wenmai/list-glossary': (GlossaryEntry & { origin: 'bundle' | 'user' })[];
  'wenmai/save-term': { entry: GlossaryEntry };
  'wenmai/delete-term': { deleted: boolean };
  'wenmai/get-settings': Settings;
  'wenmai/set-settings': Settings;
  'wenmai/export-backup': { json: string; fileName: string };
  'wenmai/import-backup': { articles: number; glossary: number };
  /** Null until the last part is in; then what the restore brought back. */
  'wenmai/import-backup-part': { restored: { articles: number; glossary: number } | null };
  'wenmai/wipe-user-data': { articles: number; glossary: number };
  'wenmai/import-status': ImportStatus;
  'wenmai/ui-blocked': { shown: boolean };
  'wenmai/open-reader': { opened: boolean };
  'wenmai/convert': { texts: string[] };
}

export type BackgroundType = keyof typeof backgroundRequests;
// z.object({}) infers Record<string, never>, which no { type } object satisfies: read it as {}.
type Fields<T> = string extends keyof T ? object : T;
export type BackgroundRequest = {
  [K in BackgroundType]: { type: K } & Fields<z.output<(typeof backgroundRequests)[K]>>;
}[BackgroundType];
export type RequestOf<K extends BackgroundType> = Extract<BackgroundRequest, { type: K }>;

export type { DisplayScript };

/**
 * What Wenmai's scripts in a web page (detector, page script, in-page UI) may ask: only what a page
 * view needs. Exports, imports, wipes, settings and corpus edits come from extension pages only,
 * so a compromised or confused content script cannot reach the reader's whole corpus.
 */
export const PAGE_REQUESTS: ReadonlySet<BackgroundType> = new Set<BackgroundType>([
  'wenmai/start-page',
  'wenmai/start-ui',
  'wenmai/get-glossary',
  'wenmai/analyze',
  'wenmai/term',
  'wenmai/find-term',
  'wenmai/get-passages',
  'wenmai/open-reader',
  'wenmai/convert',
  'wenmai/ui-blocked',
]);

/**
 * Whether a sender may make a request: this extension's own pages (their URL is on the extension's
 * origin) anything, its scripts in web pages only PAGE_REQUESTS, anyone else nothing. Its frames on
 * pages (FRAME_PAGE) are extension pages that any web page may embed: they ask nothing (what they
 * show comes from their page script over a port), so they may ask nothing.
 */
export function senderMayAsk(
  type: BackgroundType,
  sender: { id?: string; url?: string },
  extension: { id: string; origin: string },
): boolean {
  if (sender.id !== extension.id) return false;
  if (isFramePage(sender.url, extension.origin)) return false;
  if (sender.url?.startsWith(extension.origin)) return true;
  return PAGE_REQUESTS.has(type);
}

/** Validates a background request; null for anything malformed or unknown. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (typeof message !== 'object' || message === null || !('type' in message)) return null;
  const type = (message as { type: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(backgroundRequests, type)) return null;
  const { type: _type, ...rest } = message as Record<string, unknown>;
  const parsed = backgroundRequests[type as BackgroundType].safeParse(rest);
  return parsed.success ? ({ type, ...(parsed.data as object) } as BackgroundRequest) : null;
}
