import { createContext, useContext, useEffect, useState } from 'react';

export type Script = 'simplified' | 'traditional';
/** Converts texts to a script (an extension page asks the background, where OpenCC is built once). */
export type ConvertTexts = (texts: string[], to: Script) => Promise<string[]>;

/** The page's converter; none (the default) leaves every text as written. */
export const ConvertContext = createContext<ConvertTexts | null>(null);

/** Conversions already made, for the page's lifetime: lists re-render the same titles often. */
const written = new Map<string, string>();
const keyOf = (text: string, to: Script) => `${to}\u0000${text}`;

/**
 * Chinese content in the reader's script: a function that writes each of `texts` in `to` (null: as
 * written). Each text shows as written until its conversion is back (one request per render that
 * brings new texts), so nothing waits for it.
 */
export function useWritten(texts: readonly string[], to: Script | null): (text: string) => string {
  const convert = useContext(ConvertContext);
  const [, setRound] = useState(0);
  const missing =
    to && convert
      ? [...new Set(texts)].filter((text) => text && !written.has(keyOf(text, to)))
      : [];
  const request = missing.join('\u0001');
  useEffect(() => {
    if (!to || !convert || request === '') return;
    const asked = request.split('\u0001');
    let live = true;
    convert(asked, to)
      .then((out) => {
        asked.forEach((text, i) => written.set(keyOf(text, to), out[i] ?? text));
        if (live) setRound((n) => n + 1);
      })
      // Not converted, still readable: the text stays as written.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [request, to, convert]);
  return (text) => (to ? (written.get(keyOf(text, to)) ?? text) : text);
}
