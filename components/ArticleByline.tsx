import type { ArticleMeta } from '../lib/page-state';

/** Outlet · place · date of a corpus article, as far as its source says; `unknown` (or nothing) when none is known. */
export function ArticleByline({ meta, unknown }: { meta: ArticleMeta; unknown?: string }) {
  const parts = [meta.outlet, meta.place, meta.date].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return unknown ? <span className="wm-byline">{unknown}</span> : null;
  return (
    <span className="wm-byline" lang="zh" data-testid="article-byline">
      {parts.join(' · ')}
    </span>
  );
}
