import { useLayoutEffect, useRef } from 'react';
import type { FrameView, FromFrame } from '../lib/messaging/frame-port';
import { Banner } from './Banner';
import { ParallelPanel } from './ParallelPanel';
import { TermCard } from './TermCard';

export interface FrameSurfaceProps {
  view: FrameView | null;
  t: (key: string, substitutions?: string | string[]) => string;
  /** What the reader did, and the box's size after each render (banner and card). */
  onEvent: (event: FromFrame) => void;
  /** Room around the box inside the frame, in CSS pixels (for its shadow). */
  room: number;
}

/**
 * One of Wenmai's frames on a page: the banner, the glossary card or the parallel passages, as the
 * page script's view says. Reports the box's own size (its frame is sized to it).
 */
export function FrameSurface({ view, t, onEvent, room }: FrameSurfaceProps) {
  const box = useRef<HTMLDivElement | null>(null);
  const last = useRef('');
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      // The whole box, also where it scrolls inside (the card, when the window leaves less room).
      const width = Math.ceil(element.offsetWidth) + 2 * room;
      const height =
        Math.ceil(element.scrollHeight + element.offsetHeight - element.clientHeight) + 2 * room;
      const size = `${width}x${height}`;
      if (size === last.current) return;
      last.current = size;
      onEvent({ type: 'size', width, height });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    void document.fonts?.ready.then(measure);
    return () => observer.disconnect();
  });
  if (!view) return null;
  const openReader = (articleId: string, passageId?: string) =>
    onEvent(
      passageId
        ? { type: 'open-reader', articleId, passageId }
        : { type: 'open-reader', articleId },
    );
  const close = () => onEvent({ type: 'close' });
  switch (view.surface) {
    case 'banner':
      return (
        <div className="wm-frame-box" ref={box}>
          <Banner similar={view.similar} t={t} onOpen={openReader} onDismiss={close} />
        </div>
      );
    case 'card':
      return (
        <div className="wm-frame-box">
          <TermCard
            card={view.card}
            loading={!view.card && !view.error}
            focusOnOpen={view.focus}
            t={t}
            onOpenOccurrence={openReader}
            onOpenTerm={(termId) => onEvent({ type: 'open-term', termId })}
            onOpenPeriod={(termId, period) =>
              onEvent(
                period
                  ? { type: 'open-term-articles', termId, period }
                  : { type: 'open-term-articles', termId },
              )
            }
            onClose={close}
            onPointerEnter={() => onEvent({ type: 'keep' })}
            onPointerLeave={() => onEvent({ type: 'leave' })}
            boxRef={box}
            {...(view.error ? { error: view.error } : {})}
          />
        </div>
      );
    case 'panel':
      return (
        <ParallelPanel
          passage={view.passage}
          matches={view.matches}
          titles={view.titles}
          t={t}
          onOpen={openReader}
          onOpenLine={(passageId) => onEvent({ type: 'open-line', passageId })}
          onClose={close}
        />
      );
  }
}
