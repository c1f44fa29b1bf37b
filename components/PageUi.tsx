import { useSyncExternalStore } from 'react';
import { PassageMarkers } from './PassageMarkers';
import type { PageUiActions, UiStore } from '../lib/page-ui-store';

/**
 * Wenmai's page layer, rendered in a closed shadow root on the page: the passage markers and the
 * keyboard commands' note. Nothing of the reader's corpus is shown here (a page can read a closed
 * shadow root's text with window.find): the banner, the glossary card and the parallel passages
 * are in extension frames (components/FrameSurface.tsx).
 */
export function PageUi({ store, actions }: { store: UiStore; actions: PageUiActions }) {
  const ui = useSyncExternalStore(store.subscribe, store.get);
  const { t } = actions;
  return (
    <>
      <div className="wm-markers-layer">
        <PassageMarkers
          markers={ui.markers}
          label={t('parallelsTitle')}
          onOpen={actions.openPanel}
        />
      </div>
      {ui.toast && (
        // Announced to screen readers too: the command's effect may not be visible on this page.
        <div className="wm-toast" role="status" data-testid="wenmai-toast" key={ui.toast.at}>
          {t(ui.toast.message)}
        </div>
      )}
    </>
  );
}
