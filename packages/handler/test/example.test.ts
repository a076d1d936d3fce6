/**
 * The README's node:http quick start is examples/operator.ts, included verbatim; this
 * test holds the README to the file and runs the file.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@tbb-wallet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, validRequests } from './support.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const secret = 'example-secret';
let server: Server;
let base: string;

beforeAll(async () => {
  process.env.TBB_WALLET_SECRET = secret;
  process.env.PORT = '0';
  ({ server } = await import('../examples/operator.ts'));
  if (!server.listening) await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function call(body: unknown) {
  const raw = JSON.stringify(body);
  const response = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-sign': await sign(raw, secret) },
    body: raw,
  });
  return { status: response.status, body: await response.text() };
}

describe('README', () => {
  it('includes examples/operator.ts verbatim', () => {
    expect(read('../README.md')).toContain(read('../examples/operator.ts'));
  });
});

describe('examples/operator.ts', () => {
  it('answers balance, bet, a replay of the bet, win and a refusal', async () => {
    expect(await call(validRequests.balance)).toEqual({
      status: 200,
      body: '{"player_id":"6","balance":10000,"currency_code":"EUR"}',
    });
    const bet = await call(validRequests.bet);
    expect(JSON.parse(bet.body)).toEqual({ transaction_id: 'op-1', balance: 9900, currency_code: 'EUR' });
    expect(await call(validRequests.bet)).toEqual(bet);
    expect(JSON.parse((await call(validRequests.win)).body).balance).toBe(10_150);
    expect(await call({ ...validRequests.balance, player_id: 'nobody' })).toEqual({
      status: 404,
      body: errorBody(404, 'Player not found.'),
    });
  });
});
