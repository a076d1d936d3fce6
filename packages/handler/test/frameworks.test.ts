/**
 * Frameworks built on Web `Request`/`Response` use `handle` directly: Hono's route and
 * a Next.js-style route module, mounted the way the README shows.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createWalletHandler } from '../src/index.ts';
import { errorBody, recordingWallet, secret, signedCall, validRequests } from './support.ts';

describe('Hono', () => {
  function app() {
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({ secret, wallet });
    const hono = new Hono();
    hono.post('/wallet', (c) => handle(c.req.raw));
    return { hono, calls };
  }

  it('serves all five actions', async () => {
    const { hono, calls } = app();
    for (const body of Object.values(validRequests)) {
      const signed = await signedCall(body);
      const response = await hono.request('/wallet', {
        method: 'POST',
        headers: signed.headers,
        body: await signed.text(),
      });
      expect(response.status).toBe(200);
    }
    expect(calls).toHaveLength(5);
  });

  it('answers a bad signature with the protocol body', async () => {
    const { hono, calls } = app();
    const signed = await signedCall(validRequests.bet, { signature: null });
    const response = await hono.request('/wallet', {
      method: 'POST',
      headers: signed.headers,
      body: await signed.text(),
    });
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 403,
      body: errorBody(403, "Forbidden. Request sign doesn't match."),
    });
    expect(calls).toEqual([]);
  });
});

describe('Next.js route handler', () => {
  // app/operator/wallet/route.ts: `export const POST = createWalletHandler({ ... });`
  const { wallet, calls } = recordingWallet();
  const route = { POST: createWalletHandler({ secret, wallet }) };

  it('answers a signed call through `export const POST`', async () => {
    const response = await route.POST(await signedCall(validRequests.balance));
    expect(await response.json()).toEqual({ player_id: '6', balance: 1000, currency_code: 'EUR' });
    expect(calls).toHaveLength(1);
  });
});
