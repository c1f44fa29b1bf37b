import { browser } from 'wxt/browser';
import type {
  BackgroundRequest,
  BackgroundResponses,
  BackgroundType,
  ContentRequest,
  Result,
} from './messages';
import type { PageState } from '../page-state';

/**
 * Sends a typed request to the background and unwraps its Result: the one place extension pages
 * and the content script talk to the background.
 */
export async function askBackground<K extends BackgroundType>(
  request: Extract<BackgroundRequest, { type: K }>,
): Promise<BackgroundResponses[K]> {
  const reply = (await browser.runtime.sendMessage(request)) as
    Result<BackgroundResponses[K]> | undefined;
  if (!reply) throw new Error('Wenmai’s background did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Sends a command to the content script of a tab's top frame; null when it has none. */
export async function askTab(tabId: number, request: ContentRequest): Promise<PageState | null> {
  try {
    return (
      ((await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as PageState | undefined) ??
      null
    );
  } catch {
    return null;
  }
}
