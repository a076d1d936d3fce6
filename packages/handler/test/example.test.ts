/**
 * The README's node:http quick start is examples/operator.ts, and its body-parser
 * troubleshooting is examples/express-body-parsers.ts, both included verbatim; this
 * test holds the README to the files and runs them.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@tbb-wallet/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawParserFirst, walletRouteFirst } from '../examples/express-body-parsers.ts';
import { createWalletHandler } from '../src/index.ts';
import { errorBody, recordingWallet, validRequests } from './support.ts';

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
  it.each(['operator.ts', 'express-body-parsers.ts'])('includes examples/%s verbatim', (file) => {
    expect(read('../README.md')).toContain(`\`\`\`ts\n${read(`../examples/${file}`)}\`\`\``);
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

describe('examples/express-body-parsers.ts', () => {
  it.each([
    ['walletRouteFirst', walletRouteFirst],
    ['rawParserFirst', rawParserFirst],
  ])('%s serves the wallet over the exact bytes and keeps express.json() for the rest', async (_name, build) => {
    const { wallet, calls } = recordingWallet();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const app = build(createWalletHandler({ secret, wallet }));
    const listening = app.listen(0, '127.0.0.1');
    await once(listening, 'listening');
    try {
      const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
      const raw = JSON.stringify(validRequests.bet, null, 2);
      const response = await fetch(`${url}/operator/wallet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-sign': await sign(raw, secret) },
        body: raw,
      });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 200,
        body: { transaction_id: 'op-bet-1', balance: 1000, currency_code: 'EUR' },
      });
      expect(calls.map((c) => c.action)).toEqual(['bet']);
      const echo = await fetch(`${url}/api/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      });
      expect(await echo.json()).toEqual({ a: 1 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      listening.closeAllConnections();
      listening.close();
    }
  });
});
