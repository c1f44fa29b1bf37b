import type { BackgroundResponses } from './messages';

/**
 * The detector and the page script run in the same isolated world of a frame: the detector starts
 * fetching the glossary while the background injects the page script, which then takes the reply
 * from here instead of asking again. (Page scripts live in another world and cannot see this.)
 */
type GlossaryReply = BackgroundResponses['wenmai/get-glossary'];

const KEY = '__wenmaiGlossary';

export function shareGlossaryRequest(
  request: Promise<GlossaryReply>,
  win: object = globalThis,
): void {
  (win as Record<string, unknown>)[KEY] = request;
}

/** The detector's pending glossary request, taken once; undefined if there is none. */
export function takeGlossaryRequest(win: object = globalThis): Promise<GlossaryReply> | undefined {
  const holder = win as Record<string, unknown>;
  const request = holder[KEY] as Promise<GlossaryReply> | undefined;
  delete holder[KEY];
  return request;
}
