import { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { browser, type Browser } from 'wxt/browser';
import { FrameSurface } from '../../components/FrameSurface';
import {
  FRAME_ROOM,
  parseFrameHash,
  relayName,
  type FrameView,
  type FromFrame,
  type ToFrame,
} from '../../lib/messaging/frame-port';
import { parseUiLocale } from '../../lib/reading-script';
import './style.css';

/**
 * Wenmai's frame on a page (web-accessible: a page script puts it on the page, and any page could
 * embed it). Its location hash names what it shows and the page script's token; everything it
 * shows comes over a port to that page script, which only Wenmai's own contexts can open. A frame
 * some page embedded with a copied hash gets the same view, which that page cannot read either.
 */
const t = (key: string, substitutions?: string | string[]): string =>
  browser.i18n.getMessage(key as 'extName', substitutions) || key;

/** The last view the page script sent, kept from the moment the port opens (before any render). */
class ViewStore {
  private view: FrameView | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(port: Browser.runtime.Port) {
    port.onMessage.addListener((message: unknown) => {
      const m = message as Partial<ToFrame> | null;
      if (m?.type === 'view') this.set(m.view ?? null);
    });
    // The page script is gone (the page navigated, Wenmai was updated): nothing to show.
    port.onDisconnect.addListener(() => this.set(null));
  }

  get = (): FrameView | null => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(view: FrameView | null): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }
}

function Frame({ port, views }: { port: Browser.runtime.Port; views: ViewStore }) {
  const view = useSyncExternalStore(views.subscribe, views.get);
  const send = (event: FromFrame) => {
    try {
      port.postMessage(event);
    } catch {
      // The page script is gone: nothing to tell.
    }
  };
  return <FrameSurface view={view} t={t} onEvent={send} room={FRAME_ROOM} />;
}

/**
 * A port to the page script: straight to this tab where the frame has the tabs API (Chromium);
 * through the background where it has not (Firefox gives extension frames in web pages no tabs
 * API). Either way, only Wenmai's own contexts take part.
 */
async function connect(portName: string): Promise<Browser.runtime.Port | null> {
  if (!browser.tabs?.connect) return browser.runtime.connect({ name: relayName(portName) });
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id === undefined) return null;
  // To every Wenmai in this tab; the one whose token the port names takes it.
  return browser.tabs.connect(tab.id, { name: portName });
}

async function start(): Promise<void> {
  const frame = parseFrameHash(location.hash);
  if (!frame) return;
  // The locale its strings are in (the browser's own may be one Wenmai has no strings for).
  const locale = parseUiLocale(t('uiLocale'));
  document.documentElement.lang = locale === 'zh-TW' ? 'zh-Hant-TW' : locale;
  document.documentElement.style.setProperty('--wm-room', `${FRAME_ROOM}px`);
  const port = await connect(frame.portName);
  if (!port) return;
  const views = new ViewStore(port);
  createRoot(document.getElementById('root')!).render(<Frame port={port} views={views} />);
}

void start();
