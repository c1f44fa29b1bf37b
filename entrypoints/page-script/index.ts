import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { samplePageLang } from '../../lib/dom/page-lang';
import { nextTask } from '../../lib/dom/yield';
import { buildTermMatcher } from '../../lib/match/match-terms';
import { receiveCommands, type CommandRuntime } from '../../lib/messaging/receive-commands';
import { emptyPageState } from '../../lib/page-state';
import type { PageLang } from '../../lib/normalise/detect-script';
import { parseUiLocale } from '../../lib/reading-script';
import { ScriptLifetime } from '../../lib/script-lifetime';
import { createMessenger } from '../../lib/messaging/client';
import { Mailbox } from '../../lib/messaging/mailbox';
import { UiStore } from '../../lib/page-ui-store';
import { PageController } from './controller';

const { askBackground } = createMessenger(browser);

/**
 * Wenmai's page script. Not in the manifest: the background injects it into frames that
 * entrypoints/detect found to be Chinese. An unlisted script rather than a WXT content script:
 * WXT's content-script context posts a message to the page when it starts (telling every page the
 * extension is there) and stops the script when the page dispatches a matching DOM event.
 */
export default defineUnlistedScript({
  globalName: false,

  async main() {
    // The background injects this script once per frame; never run two of it side by side.
    // (This is the content script's own isolated world: page scripts cannot set or see the flag.)
    const mailbox = new Mailbox();
    if (mailbox.peek('pageScriptRunning')) return;
    mailbox.put('pageScriptRunning', true);
    let controller: PageController | null = null;
    let lang: PageLang | null = null;
    const pageLang = (): PageLang => (lang ??= samplePageLang(document));

    // Only this extension may command the page's Wenmai; page scripts cannot reach this listener.
    // Until the controller runs (and on a page found not to be Chinese) it answers for a page
    // Wenmai leaves alone.
    // Until it has started (or given up), a Chinese page's analysis and terms are pending.
    let starting = true;
    receiveCommands(browser.runtime as CommandRuntime, (request) => {
      if (controller) return controller.handle(request);
      if (request.type === 'wenmai/article-text') return null;
      const state = emptyPageState(location.href, pageLang());
      return starting && state.lang !== 'other'
        ? { ...state, pending: ['analysis', 'terms'] }
        : state;
    });
    const lifetime = new ScriptLifetime(() => Boolean(browser.runtime?.id));

    // The page's script in detail (Simplified, Traditional, mixed) is read in a task after the one
    // that compiled this script.
    await nextTask();
    // Not a Chinese page: stop here, having loaded no glossary, matcher, corpus or converter.
    if (pageLang() === 'other') return;

    let glossaryReply;
    try {
      glossaryReply = await (mailbox.take('glossary') ??
        askBackground({ type: 'wenmai/get-glossary' }));
    } catch {
      starting = false;
      return; // The extension is updating or was reloaded: this page stays as it is.
    }
    const { entries, settings } = glossaryReply;
    // Sites the reader switched off never get this script (the background checks before injecting).
    // The prefetched glossary is usually there already: the matcher is built in a task of its own.
    await nextTask();

    const store = new UiStore(() => lifetime.alive());
    const matcher = buildTermMatcher(entries);
    const glossary = new Map(entries.map((entry) => [entry.id, entry]));
    const page = new PageController(
      lifetime,
      document,
      window,
      askBackground,
      matcher,
      glossary,
      settings,
      store,
      pageLang(),
      parseUiLocale(browser.i18n.getMessage('uiLocale')),
    );
    // Highlights first: the shadow-root UI can mount after them.
    controller = page;
    await nextTask();
    page.start();
    // The UI is a script of its own, injected now that the first highlights are painted.
    try {
      await askBackground({ type: 'wenmai/start-ui' });
    } catch {
      return; // The extension is updating or was reloaded: highlights without the UI.
    }
    const mountUi = mailbox.take('mountUi');
    if (!mountUi || !lifetime.alive()) return;
    const t = (key: string): string => {
      try {
        return browser.i18n.getMessage(key as 'extName') || key;
      } catch {
        return key; // cut off from the extension (see UiStore): this UI is about to go
      }
    };
    const openReader = (articleId: string, passageId?: string): void => {
      void askBackground({
        type: 'wenmai/open-reader',
        articleId,
        ...(passageId ? { passageId } : {}),
      }).catch(() => undefined);
    };
    const openLine = (passageId: string): void => {
      void askBackground({ type: 'wenmai/open-reader', line: passageId }).catch(() => undefined);
    };
    await nextTask();
    const unmount = await mountUi(store, {
      t,
      openReader,
      openLine,
      openTerm: (termId) => page.card.open(termId, null, true),
      openTermArticles: (termId, period) =>
        void askBackground({
          type: 'wenmai/open-reader',
          termId,
          ...(period ? { period } : {}),
        }).catch(() => undefined),
      openPanel: (passage) => page.markers.openPanel(passage),
      closeCard: () => page.card.close(),
      closePanel: () => page.markers.closePanel(),
      dismissBanner: () => store.update({ bannerDismissed: true }),
      keepCard: () => page.card.keep(),
      leaveCard: () => page.card.leave(),
    });
    lifetime.onEnd(unmount);
  },
});
