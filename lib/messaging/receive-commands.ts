import {
  parseContentRequest,
  type ContentRequest,
  type ContentResponses,
  type ContentType,
} from './content-requests';

/** The runtime a receiver listens on; `browser.runtime` from wxt/browser fits. */
export interface CommandRuntime {
  readonly id?: string;
  onMessage: {
    addListener(
      listener: (
        message: unknown,
        sender: { id?: string },
        sendResponse: (response: unknown) => void,
      ) => boolean,
    ): void;
  };
}

type AnyResponse = ContentResponses[ContentType];

/**
 * Answers one command, now or later; `undefined` leaves it to another receiver of the frame (the
 * detector's, once the page script has taken over). (Typed per command where they are sent, askTab;
 * a receiver's switch over the union cannot narrow a generic answer type.)
 */
export type CommandAnswer = (
  request: ContentRequest,
) => AnyResponse | Promise<AnyResponse> | undefined;

/**
 * The one way Wenmai's scripts in a page receive the extension's commands (the detector on pages
 * it leaves alone, the page script on Chinese ones): only this extension is answered, never the
 * page, and a message that does not parse as a known command is ignored.
 */
export function receiveCommands(runtime: CommandRuntime, answer: CommandAnswer): void {
  runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!runtime.id || sender.id !== runtime.id) return false;
    const request = parseContentRequest(message);
    if (!request) return false;
    const reply = answer(request);
    if (reply === undefined) return false;
    if (!(reply instanceof Promise)) {
      sendResponse(reply);
      return false;
    }
    reply.then(sendResponse, () => sendResponse(null));
    return true;
  });
}
