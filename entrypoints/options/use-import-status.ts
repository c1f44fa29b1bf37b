import { useEffect, useRef, useState } from 'react';
import type { AskBackground } from '../../lib/messaging/client';
import type { ImportStatus } from '../../lib/views';

const POLL_MS = 500;
/** Polls while the background has not started importing yet (just installed), then gives up. */
const IDLE_POLLS = 10;

/**
 * The corpus import's status, polled every 500 ms while an import runs (or has not started yet);
 * `onFinished` runs when one this page waited for has ended (lists loaded before are stale then).
 * A new `round` starts polling again (after the reader restores a backup or wipes their data).
 */
export function useImportStatus(
  askBackground: AskBackground,
  round: number,
  fail: (error: unknown) => void,
  onFinished: () => void,
): ImportStatus | null {
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let waited = false;
    let idlePolls = 0;
    const poll = async () => {
      let next: ImportStatus;
      try {
        next = await askBackground({ type: 'wenmai/import-status' });
      } catch (error) {
        if (!stopped) fail(error);
        return;
      }
      if (stopped) return;
      setStatus(next);
      if (next.state === 'running' || (next.state === 'idle' && idlePolls++ < IDLE_POLLS)) {
        waited = true;
        timer = setTimeout(() => void poll(), POLL_MS);
      } else if (waited) finished.current();
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [askBackground, round, fail]);
  return status;
}
