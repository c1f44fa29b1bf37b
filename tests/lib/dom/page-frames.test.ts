import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { PageFrames, type FramePort } from '../../../lib/dom/page-frames';
import { MAX_RESTORES, UiFrame } from '../../../lib/dom/ui-frame';
import {
  FRAME_ROOM,
  frameHash,
  isFramePage,
  newFrameToken,
  parseFrameHash,
  parseFromFrame,
  parseRelayName,
  portName,
  relayName,
  type ToFrame,
} from '../../../lib/messaging/frame-port';
import { UiStore, type PageUiActions } from '../../../lib/page-ui-store';
import { CARD_WIDTH } from '../../../lib/place-card';

const TOKEN = '0123456789abcdef0123456789abcdef';
const FRAME_URL = 'chrome-extension://wenmai/page-frame.html';
const flush = () => new Promise((done) => setTimeout(done, 0));

function page() {
  const dom = new JSDOM('<!doctype html><html><head></head><body><p>正文</p></body></html>', {
    pretendToBeVisual: true,
  });
  return dom.window.document;
}

/** A port as a frame opens it, recording what the page script posts. */
function fakePort(name: string, senderId = 'wenmai') {
  const posted: ToFrame[] = [];
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port: FramePort = {
    name,
    sender: { id: senderId, url: `${FRAME_URL}#x` },
    postMessage: (message) => posted.push(message as ToFrame),
    disconnect: () => undefined,
    onMessage: { addListener: (listener) => onMessage.push(listener) },
    onDisconnect: { addListener: (listener) => onDisconnect.push(listener) },
  };
  return {
    port,
    posted,
    send: (message: unknown) => onMessage.forEach((listener) => listener(message)),
    disconnect: () => onDisconnect.forEach((listener) => listener()),
  };
}

function actions() {
  return {
    t: (key: string) => key,
    openReader: vi.fn(),
    openLine: vi.fn(),
    openTerm: vi.fn(),
    openTermArticles: vi.fn(),
    openPanel: vi.fn(),
    closeCard: vi.fn(),
    closePanel: vi.fn(),
    dismissBanner: vi.fn(),
    keepCard: vi.fn(),
    leaveCard: vi.fn(),
  } satisfies PageUiActions;
}

const SIMILAR = [
  {
    articleId: 'u-1',
    source: 'notes',
    title: '私人笔记',
    score: 1,
    relation: 'duplicate' as const,
  },
];

function mount(doc = page()) {
  const store = new UiStore();
  const acts = actions();
  const frames = new PageFrames(doc, store, acts, {
    frameUrl: FRAME_URL,
    extensionId: 'wenmai',
    token: TOKEN,
    marker: 'data-wenmai-ui',
    onBlocked: () => undefined,
  });
  /** The frames in the order they were created (the page sees no surface names or URLs). */
  const frameOf = (nth: number) => doc.querySelectorAll<HTMLIFrameElement>('iframe')[nth];
  return { doc, store, acts, frames, frameOf };
}

describe('the frame protocol', () => {
  it('names a frame by its surface and token, and reads nothing else from a hash', () => {
    expect(parseFrameHash(frameHash('card', TOKEN))).toEqual({
      surface: 'card',
      portName: portName('card', TOKEN),
    });
    for (const hash of ['', '#card', `#other.${TOKEN}`, `#card.${TOKEN}x`, '#card.XYZ'])
      expect(parseFrameHash(hash), hash).toBeNull();
    expect(newFrameToken((bytes) => bytes.fill(255))).toBe('f'.repeat(32));
    expect(parseRelayName(relayName(portName('panel', TOKEN)))).toBe(portName('panel', TOKEN));
    expect(parseRelayName('wenmai-relay:anything')).toBeNull();
  });

  it('takes only well-formed messages from a frame', () => {
    expect(parseFromFrame({ type: 'size', width: 10, height: 20 })).toEqual({
      type: 'size',
      width: 10,
      height: 20,
    });
    expect(parseFromFrame({ type: 'open-reader', articleId: 'u-1', passageId: 'u-1#3' })).toEqual({
      type: 'open-reader',
      articleId: 'u-1',
      passageId: 'u-1#3',
    });
    expect(parseFromFrame({ type: 'open-line', passageId: 'u-1#3' })).toEqual({
      type: 'open-line',
      passageId: 'u-1#3',
    });
    for (const bad of [
      null,
      [],
      { type: 'open-line', passageId: '' },
      { type: 'open-line', passageId: 'u-1#3', articleId: 'u-1' },
      { type: 'size', width: -1, height: 2 },
      { type: 'size', width: 1, height: Infinity },
      { type: 'open-reader', articleId: '' },
      { type: 'close', extra: 1 },
      { type: 'export-backup' },
    ])
      expect(parseFromFrame(bad), JSON.stringify(bad)).toBeNull();
  });

  it('knows the frame page on either extension origin', () => {
    const origin = 'chrome-extension://wenmai/';
    expect(isFramePage(`${origin}page-frame.html#banner.${TOKEN}`, origin)).toBe(true);
    expect(isFramePage('chrome-extension://session-id/page-frame.html', origin)).toBe(true);
    expect(isFramePage(`${origin}options.html`, origin)).toBe(false);
    expect(isFramePage('https://evil.example/page-frame.html', origin)).toBe(false);
  });
});

describe('PageFrames', () => {
  it('creates a frame only when there is something to show, and hides it after', async () => {
    const { doc, store, frameOf } = mount();
    expect(doc.querySelector('iframe')).toBeNull();
    store.update({ similar: SIMILAR });
    const frame = frameOf(0)!;
    // Nothing of the corpus in the page's DOM, nor the extension's address (the frame is
    // navigated, not given a src).
    expect(doc.documentElement.outerHTML).not.toContain('私人笔记');
    expect(doc.documentElement.outerHTML).not.toContain('chrome-extension:');
    expect(frame.getAttribute('style')).toContain('display:block !important');
    store.update({ bannerDismissed: true });
    expect(frame.getAttribute('style')).toContain('display:none !important');
    expect(frame.isConnected).toBe(true);
  });

  it('sends the view over the port named with its token, and only there', () => {
    const { store, frames } = mount();
    store.update({ similar: SIMILAR });
    const stranger = fakePort(portName('banner', 'f'.repeat(32)));
    expect(frames.accept(stranger.port)).toBe(false);
    const otherExtension = fakePort(portName('banner', TOKEN), 'other');
    expect(frames.accept(otherExtension.port)).toBe(false);
    const banner = fakePort(portName('banner', TOKEN));
    expect(frames.accept(banner.port)).toBe(true);
    expect(banner.posted.at(-1)).toEqual({
      type: 'view',
      view: { surface: 'banner', similar: SIMILAR },
    });
    expect(stranger.posted).toEqual([]);
  });

  it('sizes the banner to its box and places the card by its term, inside the window', () => {
    const { doc, store, frames, frameOf } = mount();
    store.update({ similar: SIMILAR });
    const banner = fakePort(portName('banner', TOKEN));
    frames.accept(banner.port);
    banner.send({ type: 'size', width: 300, height: 90 });
    const bannerStyle = frameOf(0)!.getAttribute('style')!;
    expect(bannerStyle).toContain('width:300px !important');
    expect(bannerStyle).toContain('height:90px !important');
    expect(bannerStyle).toContain(`right:${16 - FRAME_ROOM}px !important`);

    const { innerHeight } = doc.defaultView!;
    // A term near the bottom of the window: the card opens above it.
    const anchor = { left: 100, top: innerHeight - 30, bottom: innerHeight - 10 };
    store.update({
      card: { termId: 'xiaoma-la-dache', anchor, data: null, pinned: false, focus: false },
    });
    const card = fakePort(portName('card', TOKEN));
    frames.accept(card.port);
    card.send({ type: 'size', width: CARD_WIDTH + 2 * FRAME_ROOM, height: 200 + 2 * FRAME_ROOM });
    const style = frameOf(1)!.getAttribute('style')!;
    const top = Number(/top:(-?[\d.]+)px/.exec(style)![1]);
    const height = Number(/height:([\d.]+)px/.exec(style)![1]);
    expect(top + height - FRAME_ROOM).toBeLessThanOrEqual(anchor.top);
    expect(top).toBeGreaterThanOrEqual(0);
  });

  it('turns what the reader did in a frame into the UI’s actions', () => {
    const { store, frames, acts } = mount();
    store.update({
      similar: SIMILAR,
      card: {
        termId: 'a',
        anchor: { left: 0, top: 0, bottom: 10 },
        data: null,
        pinned: true,
        focus: false,
      },
    });
    const banner = fakePort(portName('banner', TOKEN));
    const card = fakePort(portName('card', TOKEN));
    frames.accept(banner.port);
    frames.accept(card.port);
    banner.send({ type: 'open-reader', articleId: 'u-1' });
    expect(acts.openReader).toHaveBeenCalledWith('u-1', undefined);
    banner.send({ type: 'close' });
    expect(acts.dismissBanner).toHaveBeenCalled();
    banner.send({ type: 'open-term', termId: 'b' }); // not the banner's to ask
    expect(acts.openTerm).not.toHaveBeenCalled();
    card.send({ type: 'open-term', termId: 'b' });
    expect(acts.openTerm).toHaveBeenCalledWith('b');
    card.send({ type: 'open-line', passageId: 'u-1#2' }); // only the panel lists parallels
    expect(acts.openLine).not.toHaveBeenCalled();
    card.send({ type: 'keep' });
    card.send({ type: 'leave' });
    card.send({ type: 'close' });
    expect([acts.keepCard, acts.leaveCard, acts.closeCard].map((f) => f.mock.calls.length)).toEqual(
      [1, 1, 1],
    );
  });

  it('takes its frames off the page when it stops', () => {
    const { doc, store, frames } = mount();
    store.update({ similar: SIMILAR });
    frames.stop();
    expect(doc.querySelector('iframe')).toBeNull();
  });
});

describe('UiFrame', () => {
  it('is put back where it was when the page removes, moves or restyles it', async () => {
    const doc = page();
    const frame = new UiFrame(doc, `${FRAME_URL}#banner.${TOKEN}`, 'data-wenmai-ui', () => {});
    frame.show({ right: 8, bottom: 8, width: 300, height: 90 });
    const element = frame.element;
    const style = element.getAttribute('style');
    element.remove();
    await flush();
    expect(element.parentNode).toBe(doc.documentElement);
    doc.body.append(element);
    await flush();
    expect(element.parentNode).toBe(doc.documentElement);
    element.setAttribute('style', 'display:none');
    element.setAttribute('hidden', '');
    element.setAttribute('src', 'https://evil.example/');
    await flush();
    expect(element.getAttribute('style')).toBe(style);
    expect(element.hasAttribute('hidden')).toBe(false);
    expect(element.hasAttribute('src')).toBe(false);
  });

  it('gives up on a page that keeps undoing it, and says so once', async () => {
    const doc = page();
    const blocked = vi.fn();
    const frame = new UiFrame(doc, `${FRAME_URL}#banner.${TOKEN}`, 'data-wenmai-ui', blocked);
    frame.show({ right: 8, bottom: 8, width: 300, height: 90 });
    for (let i = 0; i <= MAX_RESTORES + 2; i++) {
      frame.element.remove();
      await flush();
    }
    expect(blocked).toHaveBeenCalledTimes(1);
    expect(frame.element.isConnected).toBe(false);
  });
});
