import { browser, type Browser } from 'wxt/browser';
import { isFramePage, parseRelayName } from '../../lib/messaging/frame-port';

/**
 * Relays a port from Wenmai's frame on a page to the page script in that tab (Firefox gives
 * extension frames in web pages no tabs API; Chromium's frames connect themselves). Only ports
 * from the frame page, in a tab, are relayed; the page script takes the one named with its token.
 */
export function relayFramePort(framePort: Browser.runtime.Port): void {
  const name = parseRelayName(framePort.name);
  if (!name) return;
  const { sender } = framePort;
  const tabId = sender?.tab?.id;
  if (
    sender?.id !== browser.runtime.id ||
    !isFramePage(sender.url, browser.runtime.getURL('/')) ||
    tabId === undefined
  ) {
    framePort.disconnect();
    return;
  }
  const pagePort = browser.tabs.connect(tabId, { name });
  framePort.onMessage.addListener((message: unknown) => pagePort.postMessage(message));
  pagePort.onMessage.addListener((message: unknown) => framePort.postMessage(message));
  framePort.onDisconnect.addListener(() => pagePort.disconnect());
  pagePort.onDisconnect.addListener(() => framePort.disconnect());
}
