import { useMemo } from 'react';
import type { ArticleView, PassageView } from '../lib/views';
import { useT, useUiLocale, type MessageKey } from './i18n';
import { readingScript, scriptLang } from '../lib/reading-script';
import { useWritten } from './written';
import { LANG_LABELS } from './labels';
import { percent, readerUrl, safeHref, sourceLabel } from '../lib/format';
import { indexHits, segmentRange } from './segments';
import { ArticleByline } from './ArticleByline';

export interface TermInfo {
  headword: string;
  gloss: string;
}

export interface ArticleReaderProps {
  view: ArticleView;
  /** Glossary by term id, for the highlights' tooltips. */
  terms: ReadonlyMap<string, TermInfo>;
  /** The passage the URL points at. */
  targetId: string | null;
  /** Passages whose links are shown. */
  expanded: ReadonlySet<string>;
  /** Linked passages fetched so far (missing ones: not in the corpus any more). */
  linked: ReadonlyMap<string, PassageView | null>;
  onToggleLinks: (passageId: string) => void;
  onCompare: (passageId: string, otherId: string) => void;
  /** The term the reader came for (from its timeline): its occurrences are marked. */
  focusTermId?: string | null;
}

/** One article of the corpus: header, metadata, keywords, and its passages with terms and links. */
export function ArticleReader(props: ArticleReaderProps) {
  const { view, terms, targetId, expanded } = props;
  const { article } = view;
  const t = useT();
  const hits = useMemo(() => indexHits(view.terms), [view.terms]);
  const linksByPassage = useMemo(() => {
    const map = new Map<string, ArticleView['links']>();
    for (const link of view.links) {
      const list = map.get(link.from) ?? [];
      list.push(link);
      map.set(link.from, list);
    }
    for (const list of map.values()) list.sort((a, b) => b.score - a.score);
    return map;
  }, [view.links]);

  const meta = article.meta;
  const facts: [MessageKey, string | undefined][] = [
    ['metaOutlet', meta.outlet],
    ['metaSpeaker', meta.speaker],
    ['metaOccasion', meta.occasion],
    ['metaPlace', meta.place],
    ['metaAuthor', meta.author ?? meta.byline?.author ?? meta.forum?.author],
    ['metaAffiliation', meta.affiliation ?? meta.byline?.affiliation],
    ['metaDate', meta.date ?? meta.forum?.date],
    ['metaBoard', meta.board ?? meta.forum?.board],
    ['metaByline', meta.byline?.text],
    ['language', t(LANG_LABELS[article.lang])],
    ['colOrigin', t(view.origin === 'user' ? 'originUser' : 'originBundle')],
  ];
  const href = safeHref(article.url);
  // The title in the reader's script (the zh-CN/zh-TW UI); the text stays as its source wrote it.
  const script = readingScript(null, useUiLocale());
  const write = useWritten([article.title], script);

  return (
    <article className="wm-article" data-article-id={article.id}>
      <header>
        <h1 lang={scriptLang(script)} data-testid="article-title">
          {write(article.title) || t('untitled')}
        </h1>
        {meta.titleBy === 'editor' && (
          <p className="wm-muted" data-testid="title-by-editor">
            {t('titleByEditor')}
          </p>
        )}
        <p className="wm-source">
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {sourceLabel({ ...article, outlet: meta.outlet, origin: view.origin })}
            </a>
          ) : (
            sourceLabel({ ...article, outlet: meta.outlet, origin: view.origin })
          )}
        </p>
        <dl className="wm-meta" data-testid="article-meta">
          {facts
            .filter((fact): fact is [MessageKey, string] => Boolean(fact[1]))
            .map(([label, value]) => (
              <div key={label}>
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        {(meta.mojibake.length > 0 || meta.pinyinRemoved > 0) && (
          // How the text was cleaned: for the curious, not the reader's main view.
          <details className="wm-cleaning" data-testid="cleaning-notes">
            <summary>{t('cleaningNotes')}</summary>
            <dl className="wm-meta">
              {meta.mojibake.length > 0 && (
                <div className="wm-warn" data-testid="meta-mojibake">
                  <dt>{t('metaMojibake')}</dt>
                  <dd>{meta.mojibake.length}</dd>
                </div>
              )}
              {meta.pinyinRemoved > 0 && (
                <div>
                  <dt>{t('metaPinyinRemoved')}</dt>
                  <dd>{meta.pinyinRemoved}</dd>
                </div>
              )}
            </dl>
          </details>
        )}
        {article.keywords.length > 0 && (
          <ul className="wm-chips" data-testid="article-keywords" aria-label={t('keywords')}>
            {article.keywords.map((keyword) => (
              <li key={keyword} className="wm-chip" lang="zh">
                {keyword}
              </li>
            ))}
          </ul>
        )}
      </header>

      <div className="wm-passages" lang="zh">
        {article.passages.map((passage) => {
          const links = linksByPassage.get(passage.id) ?? [];
          const open = expanded.has(passage.id);
          return (
            <div key={passage.id} className="wm-passage-block">
              <p
                id={passage.id}
                data-passage-id={passage.id}
                lang="zh"
                className={`wm-passage${passage.id === targetId ? ' target' : ''}`}
              >
                {segmentRange(article.text, passage.start, passage.end, hits).map((segment, i) => {
                  if (!segment.termId) return segment.text;
                  const term = terms.get(segment.termId);
                  return (
                    <mark
                      key={i}
                      className={segment.termId === props.focusTermId ? 'term focus' : 'term'}
                      data-term-id={segment.termId}
                      title={term?.gloss}
                    >
                      {segment.text}
                    </mark>
                  );
                })}
              </p>
              {links.length > 0 && (
                <button
                  type="button"
                  className="wm-links-toggle"
                  data-testid="passage-links-toggle"
                  data-passage-id={passage.id}
                  aria-expanded={open}
                  title={t('parallelsTitle')}
                  onClick={() => props.onToggleLinks(passage.id)}
                >
                  ⇄ {links.length}
                </button>
              )}
              {open && (
                <PassageLinks
                  passageId={passage.id}
                  links={links}
                  linked={props.linked}
                  onCompare={props.onCompare}
                />
              )}
            </div>
          );
        })}
      </div>
    </article>
  );
}

interface PassageLinksProps {
  passageId: string;
  links: ArticleView['links'];
  linked: ReadonlyMap<string, PassageView | null>;
  onCompare: (passageId: string, otherId: string) => void;
}

function PassageLinks({ passageId, links, linked, onCompare }: PassageLinksProps) {
  const t = useT();
  return (
    <ul className="wm-links" data-testid="passage-links" aria-label={t('parallelsTitle')}>
      <li className="wm-links-line">
        <a href={readerUrl({ line: passageId })} data-testid="passage-line-link">
          {t('lineOpen')}
        </a>
      </li>
      {links.map((link) => {
        const other = linked.get(link.to);
        const articleId = other?.articleId ?? link.to.split('#')[0] ?? '';
        return (
          <li key={link.to} data-passage-id={link.to}>
            <div className="wm-link-head">
              <span className="wm-score">{percent(link.score)}</span>
              <a
                href={readerUrl({ article: articleId, passage: link.to })}
                data-testid="linked-passage"
                lang="zh"
              >
                {other ? other.title || other.source : other === null ? link.to : t('loading')}
              </a>
              <button
                type="button"
                data-testid="compare-passages"
                onClick={() => onCompare(passageId, link.to)}
              >
                {t('compare')}
              </button>
            </div>
            {other && <ArticleByline meta={other} />}
            {other && (
              <p className="wm-link-text" lang="zh">
                {other.text}
              </p>
            )}
            {other === null && <p className="wm-muted">{t('passageMissing')}</p>}
          </li>
        );
      })}
    </ul>
  );
}
