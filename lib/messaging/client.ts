import type { BackgroundRequest, BackgroundResponses, BackgroundType, Result } from './messages';
import type { ContentRequest, ContentResponses, ContentType } from './content-requests';

/**
 * The parts of the extension API that messaging uses; `browser` from wxt/browser fits. Passed in,
 * so that lib/ never imports a browser API and the senders can be tested with a fake.
 */
export interface MessagingApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs?: {
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
}

export type AskBackground = <K extends BackgroundType>(
  request: Extract<BackgroundRequest, { type: K }>,
) => Promise<BackgroundResponses[K]>;

export type AskTab = <K extends ContentType>(
  tabId: number,
  request: Extract<ContentRequest, { type: K }>,
) => Promise<ContentResponses[K] | null>;

/** The one way extension pages and Wenmai's scripts in pages send requests, typed both ways. */
export function createMessenger(api: MessagingApi): {
  askBackground: AskBackground;
  askTab: AskTab;
} {
  /** Sends a request to the background and unwraps its Result (a failure throws its message). */
  const askBackground: AskBackground = async (request) => {
    const reply = (await api.runtime.sendMessage(request)) as
      Result<BackgroundResponses[typeof request.type]> | undefined;
    if (!reply) throw new Error('Wenmai’s background did not answer');
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };

  /**
   * Sends a command to Wenmai in a tab's top frame (never to a frame inside it, which may be a
   * non-Chinese page answering at once); null when the tab has no Wenmai (a browser page, a site
   * switched off) or it did not answer.
   */
  const askTab: AskTab = async (tabId, request) => {
    if (!api.tabs)
      throw new Error('askTab needs the tabs API (extension pages and the background)');
    try {
      const reply = await api.tabs.sendMessage(tabId, request, { frameId: 0 });
      return (reply ?? null) as ContentResponses[typeof request.type] | null;
    } catch {
      return null;
    }
  };

  return { askBackground, askTab };
}

/**
 * Converts texts to a script in the background (OpenCC's tables are built there once, and an
 * extension page would otherwise carry them), in the reader's Traditional variant.
 */
export function createConverter(
  askBackground: AskBackground,
): (texts: string[], to: 'simplified' | 'traditional') => Promise<string[]> {
  let variant: Promise<'tw' | 'hk'> | null = null;
  return async (texts, to) => {
    variant ??= askBackground({ type: 'wenmai/get-settings' }).then(
      (settings) => settings.traditionalVariant,
      () => 'tw' as const,
    );
    const reply = await askBackground({
      type: 'wenmai/convert',
      texts,
      to,
      variant: await variant,
    });
    return reply.texts;
  };
}
