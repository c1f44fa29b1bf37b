import { useEffect, useRef, type Ref } from 'react';
import type { TermSource } from '../lib/glossary/glossary';
import { safeHref } from '../lib/format';
import type { TermCard as TermCardData } from '../lib/views';
import { CATEGORY_LABELS, scopeLabel } from './labels';
import { TermTimeline } from './TermTimeline';

export interface TermCardProps {
  card: TermCardData | null;
  loading: boolean;
  error?: string;
  /** Focus the card when it opened from a click or a keyboard command. */
  focusOnOpen: boolean;
  t: (key: string, substitutions?: string | string[]) => string;
  onOpenOccurrence: (articleId: string, passageId: string) => void;
  onOpenTerm: (termId: string) => void;
  /** The term's corpus articles in the reader, of one year or month (a bar of its timeline). */
  onOpenPeriod?: (termId: string, period?: string) => void;
  onClose: () => void;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  /** The card's element, for its frame to measure. */
  boxRef?: Ref<HTMLDivElement>;
}

const LANGS = { simplified: 'zh-Hans', traditional: 'zh-Hant' } as const;

/** Shown at most on the card; the options page lists every source. */
const MAX_SOURCES = 3;

/** One source, briefly: outlet and date (a link when its URL is http(s)), or the seed article. */
function SourceLine({ source, t }: { source: TermSource; t: (key: string) => string }) {
  if ('corpus' in source) {
    return (
      <span className="wm-source">
        {t('cardSourceCorpus')}: {source.corpus}
      </span>
    );
  }
  const dated = source.date ? `${source.outlet}, ${source.date}` : source.outlet;
  // Press and reprints are marked so a reader knows the card does not rest on the official text.
  const label = source.kind === 'secondary' ? `${dated} (${t('cardSourceSecondary')})` : dated;
  const href = safeHref(source.url);
  return href ? (
    <a
      className="wm-source"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={source.title}
    >
      {label}
    </a>
  ) : (
    <span className="wm-source" title={source.title}>
      {label}
    </span>
  );
}

/**
 * The glossary card of a term: both scripts, gloss, definitions, category, scope, official English,
 * first appearance, sources (outlet and date; http(s) links only), related terms, corpus occurrences.
 */
export function TermCard(props: TermCardProps) {
  const { card, loading, error, focusOnOpen, t } = props;
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!focusOnOpen) return;
    ref.current?.focus();
    // In a frame the page script focuses when it is ready: the card takes the focus then.
    const focus = () => ref.current?.focus();
    window.addEventListener('focus', focus, { once: true });
    return () => window.removeEventListener('focus', focus);
  }, [focusOnOpen, card?.entry.id]);
  // Placed beside its term by whoever shows it (lib/place-card.ts): in its frame, the card fills
  // the frame's height and scrolls inside.
  const setRef = (element: HTMLDivElement | null) => {
    ref.current = element;
    const { boxRef } = props;
    if (typeof boxRef === 'function') boxRef(element);
    else if (boxRef) boxRef.current = element;
  };
  return (
    <div
      className="wm-card"
      role="dialog"
      aria-label={card?.entry.headword ?? t('cardDefinition')}
      tabIndex={-1}
      ref={setRef}
      data-testid="wenmai-card"
      onMouseEnter={props.onPointerEnter}
      onMouseLeave={props.onPointerLeave}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <button
        type="button"
        className="wm-icon wm-card-close"
        aria-label={t('close')}
        title={t('close')}
        onClick={props.onClose}
      >
        ×
      </button>
      {loading && <p className="wm-muted">…</p>}
      {error && <p className="wm-error">{error}</p>}
      {card && (
        <>
          <header>
            <span className="wm-headword" lang={LANGS[card.script]} data-testid="card-headword">
              {card.headword}
            </span>
            {/* The other script's forms beside it: a reader may meet the term either way. */}
            {card.script === 'traditional' ? (
              <span className="wm-traditional" lang="zh-Hans">
                {card.entry.headword}
              </span>
            ) : (
              card.entry.traditional.length > 0 && (
                <span className="wm-traditional" lang="zh-Hant">
                  {card.entry.traditional.join(' / ')}
                </span>
              )
            )}
            <div className="wm-gloss" lang="en">
              {card.entry.gloss}
            </div>
          </header>
          <p lang={LANGS[card.script]}>{card.entry.definition.zh}</p>
          <p lang="en">{card.entry.definition.en}</p>
          <dl>
            <dt>{t('cardCategory')}</dt>
            <dd>{t(CATEGORY_LABELS[card.entry.category])}</dd>
            <dt>{t('cardScope')}</dt>
            <dd>{scopeLabel(card.entry.scope, t)}</dd>
            {card.entry.aliases.length > 0 && (
              <>
                <dt>{t('cardVariants')}</dt>
                <dd lang="zh">{card.entry.aliases.join('、')}</dd>
              </>
            )}
            {card.entry.englishName && (
              <>
                <dt>{t('cardEnglishName')}</dt>
                <dd lang="en">{card.entry.englishName.name}</dd>
              </>
            )}
            {card.entry.firstAppeared && (
              <>
                <dt>{t('cardFirstAppeared')}</dt>
                <dd data-testid="card-first-appeared">
                  {card.entry.firstAppeared.date}
                  {card.entry.firstAppeared.occasion && (
                    <span lang="zh">, {card.entry.firstAppeared.occasion}</span>
                  )}
                </dd>
              </>
            )}
            {card.entry.sources && card.entry.sources.length > 0 && (
              <>
                <dt>{t('cardSources')}</dt>
                <dd data-testid="card-sources">
                  {card.entry.sources.slice(0, MAX_SOURCES).map((source, i) => (
                    <span key={i}>
                      {i > 0 && '; '}
                      <SourceLine source={source} t={t} />
                    </span>
                  ))}
                </dd>
              </>
            )}
          </dl>
          {card.related.length > 0 && (
            <div className="wm-related">
              <span>{t('cardRelated')}: </span>
              {card.related.map((r) => (
                <button
                  type="button"
                  className="wm-chip"
                  key={r.id}
                  onClick={() => props.onOpenTerm(r.id)}
                  lang={LANGS[card.script]}
                >
                  {r.headword}
                </button>
              ))}
            </div>
          )}
          <div className="wm-over-time">
            <div className="wm-section-title">{t('timelineTitle')}</div>
            <TermTimeline
              timeline={card.timeline}
              headword={card.headword}
              t={t}
              {...(props.onOpenPeriod
                ? { onOpenPeriod: (period?: string) => props.onOpenPeriod!(card.entry.id, period) }
                : {})}
            />
          </div>
          <div className="wm-occurrences">
            <div className="wm-section-title">{t('cardOccurrences')}</div>
            {card.occurrences.length === 0 ? (
              <p className="wm-muted">{t('cardNoOccurrences')}</p>
            ) : (
              <ul>
                {card.occurrences.slice(0, 8).map((o) => (
                  <li key={`${o.passageId}:${o.snippet}`}>
                    <button
                      type="button"
                      className="wm-link"
                      onClick={() => props.onOpenOccurrence(o.articleId, o.passageId)}
                    >
                      <span className="wm-occ-title" lang={LANGS[card.script]}>
                        {o.title}
                      </span>
                      <span className="wm-occ-snippet" lang={LANGS[card.script]}>
                        …{o.snippet}…
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </div>
  );
}
