import { describe, expect, it } from 'vitest';
import { sendArticles, sendBackup } from '../../../entrypoints/options/send-imports';
import { readableError } from '../../../lib/format';
import type { AskBackground } from '../../../lib/messaging/client';
import { UploadAssembler } from '../../../lib/messaging/upload-parts';

const file = (name: string) => ({ name, title: name, text: `${name}的正文` });
const batches = [[file('a'), file('b')], [file('c'), file('d')], [file('e')]];

/** A background that stores what it is sent, and fails the requests listed (by their number). */
function background(failing: number[]) {
  const stored = new Set<string>();
  let request = 0;
  const ask = (async (r: { type: string; files: { name: string }[] }) => {
    request++;
    if (failing.includes(request)) {
      // Stopped mid-batch: the first file of the batch was stored before it went.
      stored.add(r.files[0]!.name);
      throw new Error('The message port closed before a response was received.');
    }
    for (const f of r.files) stored.add(f.name);
    return {
      added: r.files.map((f) => ({ name: f.name, articleId: `u-${f.name}`, replaced: false })),
      errors: [],
    };
  }) as unknown as AskBackground;
  return { ask, stored };
}

describe('sendArticles', () => {
  it('sends a batch once more when the background stopped, storing nothing twice', async () => {
    const { ask, stored } = background([2]);
    const progress: number[] = [];
    const sent = await sendArticles(batches, ask, (done) => progress.push(done));
    expect(sent.stopped).toBeNull();
    expect(sent.added.map((a) => a.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...stored].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('stops, saying how far it got and what is stored, when the retry fails too', async () => {
    const { ask } = background([2, 3]);
    const sent = await sendArticles(batches, ask);
    expect(sent.stopped).toEqual({
      sent: 2,
      total: 5,
      error: 'The message port closed before a response was received.',
    });
    expect(sent.added.map((a) => a.name)).toEqual(['a', 'b']);
  });
});

describe('sendBackup', () => {
  it('sends a backup over the message limit in parts that the background puts together', async () => {
    const assembler = new UploadAssembler();
    let restoredFrom = '';
    let requests = 0;
    const ask = (async (r: { upload: string; index: number; total: number; text: string }) => {
      requests++;
      const json = assembler.add(r.upload, r.index, r.total, r.text);
      if (json === null) return { restored: null };
      restoredFrom = json;
      return { restored: { articles: 2, glossary: 1 } };
    }) as unknown as AskBackground;
    const json = JSON.stringify({ format: 'wenmai-backup', text: '文'.repeat(20_000_000) });
    expect(await sendBackup(json, ask)).toEqual({ articles: 2, glossary: 1 });
    expect(requests).toBe(3);
    expect(restoredFrom).toBe(json);
  });
});

describe('readableError', () => {
  it('says a full disk is a full disk, and what to do', () => {
    const dexie = Object.assign(new Error('DataError Failed to write blobs (IOError)'), {
      name: 'DataError',
    });
    expect(readableError(dexie)).toMatch(/storage, is full\. Free some space/);
    const quota = Object.assign(new Error('wrapped'), {
      inner: Object.assign(new Error('The quota has been exceeded.'), {
        name: 'QuotaExceededError',
      }),
    });
    expect(readableError(quota)).toMatch(/is full/);
    expect(readableError(new Error('unknown term x'))).toBe('unknown term x');
  });
});
