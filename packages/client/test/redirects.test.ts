/**
 * An operator URL that answers a redirect, over real HTTP on 127.0.0.1, on the three
 * transports: no transport follows it. A fetch follows redirects by default, and a 307
 * or 308 replays the POST, body and `X-REQUEST-SIGN` included, to whatever origin
 * `Location` names; the call then resolves to that origin's answer, as if the operator
 * had debited the bet. The client sends to `baseUrl` only, and a redirect is a
 * `WalletResponseError` with its status: not retried, and a bet's outcome unknown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WalletOutcomeUnknownError, WalletResponseError } from '../src/index.ts';
import { createWalletClient as createNodeClient } from '../src/node.ts';
import { betInput, secret, transactionAnswer, winInput } from './fixtures.ts';
import type { RawServer } from './raw-server.ts';
import { answer, startRawServer } from './raw-server.ts';
import { type CreateClient, transports as shared } from './transports.ts';

const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const transports: [string, CreateClient][] = [
  ...shared.slice(0, 2),
  ['the global fetch as it is', (options) => createNodeClient({ ...options, fetch })],
  ...shared.slice(2),
];

const message = (status: number) =>
  `The operator's wallet answered ${status} with a redirect, which the client never follows: set baseUrl to the wallet's final URL.`;

/** An operator that redirects every call to another origin, which answers 200 as if it had recorded it. */
async function redirecting(status: number): Promise<{ operator: RawServer; elsewhere: RawServer }> {
  const elsewhere = await startRawServer((_request, res) => answer(res, 200, transactionAnswer));
  const operator = await startRawServer((_request, res) =>
    res.writeHead(status, { location: elsewhere.url.replace('127.0.0.1', 'localhost') }).end(),
  );
  servers.push(elsewhere, operator);
  return { operator, elsewhere };
}

describe.each(transports)('a redirect over %s', (_name, create) => {
  it.each([301, 302, 303, 307, 308])('%i: a win is not sent elsewhere nor retried', async (status) => {
    const { operator, elsewhere } = await redirecting(status);
    const wallet = create({ baseUrl: operator.url, secret, retry: { baseDelayMs: 1 } });

    const error = await wallet.win(winInput).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(WalletResponseError);
    expect(error).toMatchObject({ status, message: message(status) });
    expect(operator.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it.each([307, 308])('%i: a bet is an unknown outcome, sent once, never to the other origin', async (status) => {
    const { operator, elsewhere } = await redirecting(status);
    const wallet = create({ baseUrl: operator.url, secret });

    const error = await wallet.bet(betInput).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as WalletOutcomeUnknownError).cause).toBeInstanceOf(WalletResponseError);
    expect((error as WalletOutcomeUnknownError).cause).toMatchObject({ status });
    expect(operator.requests.map((request) => request.json.action)).toEqual(['bet']);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('a user fetch that drops the redirect mode and follows a redirect', () => {
  // A wrapper that rebuilds the call from the Request's parts: the client cannot stop it
  // following, but never takes the other origin's answer for the operator's, nor retries.
  const following = (request: Request, init?: RequestInit) =>
    fetch(request.url, { method: request.method, headers: request.headers, body: init?.body ?? null });

  it("a win is a WalletResponseError, not the other origin's 200, and is not retried", async () => {
    const { operator, elsewhere } = await redirecting(307);
    const wallet = createNodeClient({ baseUrl: operator.url, secret, fetch: following, retry: { baseDelayMs: 1 } });

    const error = await wallet.win(winInput).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(WalletResponseError);
    expect(error).toMatchObject({ status: 0, message: message(0) });
    expect(operator.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(1);
  });

  it("a bet is an unknown outcome, not debited on the other origin's say-so", async () => {
    const { operator, elsewhere } = await redirecting(308);
    const wallet = createNodeClient({ baseUrl: operator.url, secret, fetch: following });

    const error = await wallet.bet(betInput).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as WalletOutcomeUnknownError).cause).toMatchObject({ status: 0 });
    expect(operator.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(1);
  });
});
