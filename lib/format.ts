/**
 * Relative URL of the reader page (the extension pages all live at the root): an article (at a
 * passage, or at a term's first occurrence), two passages side by side, or the corpus browser of a
 * term (its articles, of one year or month).
 */
export function readerUrl(
  query:
    | { article: string; passage?: string; term?: string }
    | { compare: [string, string] }
    | { line: string }
    | { term: string; period?: string },
): `reader.html?${string}` {
  const params = new URLSearchParams();
  if ('compare' in query) params.set('compare', query.compare.join(','));
  else if ('line' in query) params.set('line', query.line);
  else if ('article' in query) {
    params.set('article', query.article);
    if (query.passage) params.set('passage', query.passage);
    if (query.term) params.set('term', query.term);
  } else {
    params.set('term', query.term);
    if (query.period) params.set('period', query.period);
  }
  return `reader.html?${params.toString()}`;
}

/**
 * Where an article comes from, as a reader should see it: its outlet, else its address's site,
 * else (for the reader's own files) the file name. A shipped article's file name is internal and
 * never shown: empty.
 */
export function sourceLabel(article: {
  source: string;
  url?: string | undefined;
  outlet?: string | undefined;
  origin?: 'bundle' | 'user';
}): string {
  if (article.outlet) return article.outlet;
  if (article.url) {
    try {
      const { protocol, hostname } = new URL(article.url);
      if (protocol === 'http:' || protocol === 'https:') return hostname.replace(/^www\./, '');
    } catch {
      // not an address: fall through
    }
  }
  return article.origin === 'user' ? article.source : '';
}

/** A score in [0, 1] as a whole percentage. */
export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** Only http(s) URLs become links; anything else (javascript:, data:) stays text. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** What went wrong, as a reader-facing line (a thrown Error's message, or the value itself). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A database error as the reader can act on it: a full disk (IndexedDB reports "QuotaExceededError"
 * or, for large values, "DataError: Failed to write blobs (IOError)") says so and what to do.
 */
export function readableError(error: unknown): string {
  const inner = (error as { inner?: unknown } | null)?.inner;
  const text = [error, inner]
    .filter((e): e is Error => e instanceof Error || (typeof e === 'object' && e !== null))
    .map((e) => `${e.name ?? ''} ${e.message ?? ''}`)
    .join(' ');
  if (/QuotaExceeded|Failed to write blobs|IOError|disk is full|no space/i.test(text))
    return 'Wenmai could not write to its database: the disk, or the browser’s storage, is full. Free some space and try again; nothing already stored was lost.';
  return errorMessage(error);
}
