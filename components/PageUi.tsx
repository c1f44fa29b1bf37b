import { useSyncExternalStore } from 'react';
import { Banner } from './Banner';
import { ParallelPanel } from './ParallelPanel';
import { PassageMarkers } from './PassageMarkers';
import { TermCard } from './TermCard';
import type { PageUiActions, UiStore } from '../lib/page-ui-store';

/** The in-page UI, rendered in Wenmai's shadow root. */
export function PageUi({ store, actions }: { store: UiStore; actions: PageUiActions }) {
  const ui = useSyncExternalStore(store.subscribe, store.get);
  const { t } = actions;
  return (
    <>
      {/* First in tab order: a keyboard reader entering Wenmai's UI meets the page's summary before
          the passage markers (stacking is set by z-index, not by order). */}
      {!ui.bannerDismissed && ui.similar.length > 0 && (
        <Banner
          similar={ui.similar}
          t={t}
          onOpen={(id) => actions.openReader(id)}
          onDismiss={actions.dismissBanner}
        />
      )}
      <div className="wm-markers-layer">
        <PassageMarkers
          markers={ui.markers}
          label={t('parallelsTitle')}
          onOpen={actions.openPanel}
        />
      </div>
      {ui.card && (
        <TermCard
          card={ui.card.data}
          anchor={ui.card.anchor}
          loading={!ui.card.data && !ui.card.error}
          focusOnOpen={ui.card.focus}
          t={t}
          onOpenOccurrence={(articleId, passageId) => actions.openReader(articleId, passageId)}
          onOpenTerm={actions.openTerm}
          onClose={actions.closeCard}
          onPointerEnter={actions.keepCard}
          onPointerLeave={actions.leaveCard}
          {...(ui.card.error ? { error: ui.card.error } : {})}
        />
      )}
      {ui.toast && (
        // Announced to screen readers too: the command's effect may not be visible on this page.
        <div className="wm-toast" role="status" data-testid="wenmai-toast" key={ui.toast.at}>
          {t(ui.toast.message)}
        </div>
      )}
      {ui.panel && (
        <ParallelPanel
          passage={{ index: ui.panel.index, text: ui.panel.text }}
          matches={ui.panel.matches}
          titles={ui.titles}
          t={t}
          onOpen={actions.openReader}
          onClose={actions.closePanel}
        />
      )}
    </>
  );
}
