import { describe, expect, it, vi } from 'vitest';
import { createMessenger } from '../../../lib/messaging/client';
import { Mailbox } from '../../../lib/messaging/mailbox';
import { receiveCommands, type CommandRuntime } from '../../../lib/messaging/receive-commands';
import { emptyPageState } from '../../../lib/page-state';

describe('createMessenger', () => {
  it('unwraps the background’s Result, and throws its error as the message', async () => {
    const sendMessage = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, value: { termId: 'x' } })
      .mockResolvedValueOnce({ ok: false, error: 'unknown term y' })
      .mockResolvedValueOnce(undefined);
    const { askBackground } = createMessenger({ runtime: { sendMessage } });
    await expect(askBackground({ type: 'wenmai/find-term', text: '新质生产力' })).resolves.toEqual({
      termId: 'x',
    });
    await expect(askBackground({ type: 'wenmai/term', termId: 'y' })).rejects.toThrow(
      'unknown term y',
    );
    await expect(askBackground({ type: 'wenmai/import-status' })).rejects.toThrow('did not answer');
  });

  it('asks only the top frame of a tab, and answers null where no Wenmai is', async () => {
    const tabsSend = vi
      .fn()
      .mockResolvedValueOnce(emptyPageState('https://a.cn/', 'zh-Hans'))
      .mockRejectedValueOnce(new Error('Receiving end does not exist'))
      .mockResolvedValueOnce(undefined);
    const { askTab } = createMessenger({
      runtime: { sendMessage: vi.fn() },
      tabs: { sendMessage: tabsSend },
    });
    expect((await askTab(7, { type: 'wenmai/page-state' }))?.lang).toBe('zh-Hans');
    expect(tabsSend).toHaveBeenCalledWith(7, { type: 'wenmai/page-state' }, { frameId: 0 });
    expect(await askTab(7, { type: 'wenmai/article-text' })).toBeNull();
    expect(await askTab(7, { type: 'wenmai/article-text' })).toBeNull();
  });
});

describe('receiveCommands', () => {
  type Listener = Parameters<CommandRuntime['onMessage']['addListener']>[0];
  const runtimeWith = () => {
    let listener: Listener | null = null;
    const runtime: CommandRuntime = {
      id: 'wenmai',
      onMessage: { addListener: (l) => void (listener = l) },
    };
    const deliver = (message: unknown, senderId: string | undefined) => {
      const sendResponse = vi.fn();
      const async = listener!(message, { id: senderId }, sendResponse);
      return { async, sendResponse };
    };
    return { runtime, deliver };
  };

  it('answers the extension only, and only commands that parse', () => {
    const { runtime, deliver } = runtimeWith();
    const answer = vi.fn(() => emptyPageState('https://a.cn/', 'other'));
    receiveCommands(runtime, answer);
    expect(
      deliver({ type: 'wenmai/page-state' }, 'another-extension').sendResponse,
    ).not.toHaveBeenCalled();
    expect(
      deliver({ type: 'wenmai/page-state', extra: 1 }, 'wenmai').sendResponse,
    ).not.toHaveBeenCalled();
    expect(deliver({ type: 'wenmai/export-backup' }, 'wenmai').sendResponse).not.toHaveBeenCalled();
    expect(answer).not.toHaveBeenCalled();
    const { async, sendResponse } = deliver({ type: 'wenmai/page-state' }, 'wenmai');
    expect(async).toBe(false);
    expect(sendResponse).toHaveBeenCalledWith(expect.objectContaining({ lang: 'other' }));
  });

  it('keeps the channel open for an answer that comes later, and answers null on failure', async () => {
    const { runtime, deliver } = runtimeWith();
    receiveCommands(runtime, (request) =>
      request.type === 'wenmai/article-text'
        ? Promise.reject(new Error('gone'))
        : Promise.resolve(emptyPageState('https://a.cn/', 'zh-Hant')),
    );
    const later = deliver({ type: 'wenmai/set-script', script: 'simplified' }, 'wenmai');
    expect(later.async).toBe(true);
    await vi.waitFor(() => expect(later.sendResponse).toHaveBeenCalled());
    const failed = deliver({ type: 'wenmai/article-text' }, 'wenmai');
    await vi.waitFor(() => expect(failed.sendResponse).toHaveBeenCalledWith(null));
  });
  it('leaves a command it answers with undefined to the frame’s other receiver (the detector hands over to the page script)', () => {
    const { runtime, deliver } = runtimeWith();
    let pageScriptRunning = false;
    receiveCommands(runtime, () =>
      pageScriptRunning
        ? undefined
        : { ...emptyPageState('https://a.cn/', 'zh-Hans'), pending: ['analysis', 'terms'] },
    );
    const early = deliver({ type: 'wenmai/page-state', now: true }, 'wenmai');
    expect(early.sendResponse).toHaveBeenCalledWith(
      expect.objectContaining({ pending: ['analysis', 'terms'] }),
    );
    pageScriptRunning = true;
    const late = deliver({ type: 'wenmai/page-state', now: true }, 'wenmai');
    expect(late.async).toBe(false);
    // Not answered (with undefined or anything else): Chrome takes the first answer of a frame.
    expect(late.sendResponse).not.toHaveBeenCalled();
  });
});

describe('Mailbox', () => {
  it('hands what one script left to the next, once, under one name in the isolated world', () => {
    const world: Record<string, unknown> = {};
    // The first-screen config script writes plain JS into the same object (public/quick/*.js).
    (world.__wenmai ??= {}) as object;
    (world.__wenmai as Record<string, unknown>).quickConfig = { highlightStyle: 'color' };
    const detector = new Mailbox(world);
    expect(detector.peek('quickConfig')).toEqual({ highlightStyle: 'color' });
    const sheet = { css: '', node: {} as CSSStyleSheet, remove: vi.fn() };
    detector.put('quickSheet', sheet);
    const pageScript = new Mailbox(world);
    expect(pageScript.take('quickSheet')).toBe(sheet);
    expect(pageScript.take('quickSheet')).toBeUndefined();
    expect(Object.keys(world)).toEqual(['__wenmai']);
  });
});
