import { describe, expect, it } from 'vitest';
import {
  contentRequestSchema,
  parseBackgroundRequest,
  parseContentRequest,
} from '../../../lib/messaging/messages';

describe('parseContentRequest', () => {
  it.each([
    [{ type: 'wenmai/page-state' }],
    [{ type: 'wenmai/page-state', now: true }],
    [{ type: 'wenmai/page-state', parallelsFrom: 50 }],
    [{ type: 'wenmai/page-state', now: false, parallelsFrom: 0 }],
    [{ type: 'wenmai/set-script', script: 'traditional' }],
    [{ type: 'wenmai/set-highlights', enabled: false }],
    [{ type: 'wenmai/lookup', text: '小马拉大车' }],
    [{ type: 'wenmai/article-text' }],
    [{ type: 'wenmai/cycle-script' }],
    [{ type: 'wenmai/show-term', termId: 'xinzhi-shengchanli', direction: 'previous' }],
  ])('accepts %j, as the zod schema does', (message) => {
    expect(parseContentRequest(message)).toEqual(message);
    expect(contentRequestSchema.safeParse(message).success).toBe(true);
  });

  it.each([
    ['not an object', 'wenmai/page-state'],
    ['null', null],
    ['an array', [{ type: 'wenmai/page-state' }]],
    ['an unknown type', { type: 'wenmai/delete-everything' }],
    ['an extra field', { type: 'wenmai/page-state', callback: 'x' }],
    ['a string for now', { type: 'wenmai/page-state', now: 'yes' }],
    ['a negative page', { type: 'wenmai/page-state', parallelsFrom: -50 }],
    ['a fractional page', { type: 'wenmai/page-state', parallelsFrom: 1.5 }],
    ['an endless page', { type: 'wenmai/page-state', parallelsFrom: 1e9 }],
    ['a wrong script', { type: 'wenmai/set-script', script: 'klingon' }],
    ['a string for a boolean', { type: 'wenmai/set-highlights', enabled: 'false' }],
    ['an oversized lookup', { type: 'wenmai/lookup', text: '字'.repeat(201) }],
    ['a wrong direction', { type: 'wenmai/show-term', termId: 'x', direction: 'up' }],
    ['an empty term id', { type: 'wenmai/show-term', termId: '', direction: 'next' }],
  ])('rejects %s, as the zod schema does', (_name, message) => {
    expect(parseContentRequest(message)).toBeNull();
    expect(contentRequestSchema.safeParse(message).success).toBe(false);
  });
});

describe('parseBackgroundRequest', () => {
  it('accepts a well-formed request', () => {
    expect(parseBackgroundRequest({ type: 'wenmai/term', termId: 'xiaoma-la-dache' })).toEqual({
      type: 'wenmai/term',
      termId: 'xiaoma-la-dache',
    });
  });

  it.each([
    ['an unknown type', { type: 'wenmai/eval', code: '1' }],
    ['a prototype key as type', { type: '__proto__' }],
    ['a missing field', { type: 'wenmai/term' }],
    ['an extra field', { type: 'wenmai/list-articles', all: true }],
    [
      'a bad settings object',
      { type: 'wenmai/set-settings', settings: { traditionalVariant: 'cn' } },
    ],
    ['no type', { termId: 'x' }],
  ])('ignores %s', (_name, message) => {
    expect(parseBackgroundRequest(message)).toBeNull();
  });
});
