/**
 * What `onError` is told of the call an error belongs to, when the call failed before its
 * body was validated: never `{}` — the method always, the body's size and the action it names
 * once there is a body.
 */
import { sign } from '@tbb-wallet/core';
import { describe, expect, it } from 'vitest';
import type { CallInfo, RawWalletCall } from '../src/index.ts';
import { BodyParsedError, createWalletHandler } from '../src/index.ts';
import { recordingWallet, secret, validRequests } from './support.ts';

const encoder = new TextEncoder();

async function reported(call: Omit<RawWalletCall, 'signature'>): Promise<[unknown, CallInfo][]> {
  const errors: [unknown, CallInfo][] = [];
  const handle = createWalletHandler({
    secret,
    wallet: recordingWallet().wallet,
    onError: (error, info) => errors.push([error, info]),
  });
  const body = call.body instanceof Uint8Array ? call.body : new Uint8Array(0);
  const answer = await handle.handleWalletCall({ ...call, signature: await sign(body, secret) });
  expect(answer.status).toBe(500);
  return errors;
}

describe('onError info before validation', () => {
  const winBytes = encoder.encode(JSON.stringify(validRequests.win));
  const failure = new Error('a hook of the framework threw');

  it.each([
    ['a framework failure with a body naming an action', winBytes, { action: 'win' as const }],
    ['a framework failure with a body that is not JSON', encoder.encode('{not json'), {}],
    ['a framework failure with JSON naming no known action', encoder.encode('{"action":"deposit"}'), {}],
  ])('%s: method, size and what the body names', async (_name, body, named) => {
    expect(await reported({ body, method: 'POST', failure })).toEqual([
      [failure, { method: 'POST', bodyBytes: body.byteLength, ...named }],
    ]);
  });

  it('a body parser in front: the mistake is told with the method', async () => {
    expect(await reported({ body: 'parsed', method: 'POST' })).toEqual([
      [expect.any(BodyParsedError), { method: 'POST' }],
    ]);
  });
});
