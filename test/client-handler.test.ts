/**
 * The real client against the real handler, end to end: through MSW (the handler
 * answers the intercepted `Request`) and over real HTTP on 127.0.0.1 through
 * `toNodeListener`, for all five actions and a refusal.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WalletClient } from '@tbb-wallet/client';
import { InsufficientFundsError as ClientInsufficientFunds, createWalletClient } from '@tbb-wallet/client';
import type { WalletCallbacks, WalletHandler } from '@tbb-wallet/handler';
import { createWalletHandler, InsufficientFundsError, toNodeListener } from '@tbb-wallet/handler';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const secret = 'client-handler-secret';

/** A small wallet in memory: one player in EUR, every call recorded. */
function memoryWallet() {
  let balance = 1_000;
  let next = 0;
  const seen: string[] = [];
  const answer = (delta: number, action: string) => {
    seen.push(action);
    balance += delta;
    return { transaction_id: `op-${++next}`, balance, currency_code: 'EUR' };
  };
  const wallet: WalletCallbacks = {
    balance: (req) => {
      seen.push('balance');
      return { player_id: req.player_id, balance, currency_code: 'EUR' };
    },
    bet: (req) => {
      if (req.amount > balance) throw new InsufficientFundsError();
      return answer(-req.amount, 'bet');
    },
    win: (req) => answer(req.amount, 'win'),
    refund: (req) => answer(req.amount, 'refund'),
    rollbackWin: (req) => answer(-req.amount, 'rollback-win'),
  };
  return { wallet, seen };
}

const common = { player_id: '6', currency_code: 'EUR', is_mobile: false } as const;
const payload = <T extends { transaction_id: string }>(transfer: T) => ({
  reference: 'barbarabang::MadMonkey',
  session_token: 'session-1',
  provider_transfer_data: { round_id: 'round-1', ...transfer },
});

/** Plays the five actions and a refused bet through `client`. */
async function playRound(client: WalletClient, seen: string[]) {
  expect(await client.balance({ ...common, reference: 'barbarabang::MadMonkey', session_token: 'session-1' })).toEqual({
    player_id: '6',
    balance: 1000,
    currency_code: 'EUR',
  });
  expect(await client.bet({ ...common, amount: 100, payload: payload({ transaction_id: 'bet-1' }) })).toEqual({
    transaction_id: 'op-1',
    balance: 900,
    currency_code: 'EUR',
  });
  expect(
    (await client.win({ ...common, amount: 300, payload: payload({ transaction_id: 'win-1', round_close: true }) }))
      .balance,
  ).toBe(1200);
  expect(
    (
      await client.refund({
        ...common,
        amount: 100,
        payload: payload({ transaction_id: 'refund-1', refunded_transaction_id: 'bet-1' }),
      })
    ).balance,
  ).toBe(1300);
  expect(
    (
      await client.rollbackWin({
        ...common,
        amount: 300,
        payload: payload({ transaction_id: 'rb-1', rollback_win_transaction_id: 'win-1' }),
      })
    ).balance,
  ).toBe(1000);
  const refused = client.bet({ ...common, amount: 5_000, payload: payload({ transaction_id: 'bet-2' }) });
  await expect(refused).rejects.toBeInstanceOf(ClientInsufficientFunds);
  await expect(refused).rejects.toMatchObject({
    status: 402,
    code: 402,
    message: 'The player does not have enough money for the action.',
  });
  expect(seen).toEqual(['balance', 'bet', 'win', 'refund', 'rollback-win']);
}

describe('client ↔ handler through MSW', () => {
  const url = 'https://casino.test/api/tbb/wallet';
  let handle: WalletHandler;
  let seen: string[];
  const server = setupServer(http.post(url, ({ request }) => handle(request)));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('plays all five actions and a refusal', async () => {
    const memory = memoryWallet();
    handle = createWalletHandler({ secret, wallet: memory.wallet });
    seen = memory.seen;
    await playRound(createWalletClient({ baseUrl: url, secret }), seen);
  });

  it('a client with another secret is refused 403 and nothing runs', async () => {
    const memory = memoryWallet();
    handle = createWalletHandler({ secret, wallet: memory.wallet });
    const client = createWalletClient({ baseUrl: url, secret: 'not-the-secret', retry: { attempts: 1 } });
    await expect(
      client.bet({ ...common, amount: 1, payload: payload({ transaction_id: 'bet-x' }) }),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureError',
      status: 403,
      body: JSON.stringify({ code: 403, message: "Forbidden. Request sign doesn't match." }),
      message: expect.stringMatching(
        /^Forbidden\. Request sign doesn't match\. \(check that the client's secret is the operator's, byte for byte, and that nothing re-serialises the body; `tbb-wallet sign` prints a body’s signature\)$/,
      ),
    });
    expect(memory.seen).toEqual([]);
  });
});

describe('client ↔ handler over HTTP on 127.0.0.1', () => {
  it('plays all five actions and a refusal through toNodeListener', async () => {
    const memory = memoryWallet();
    const server = createServer(toNodeListener(createWalletHandler({ secret, wallet: memory.wallet })));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      await playRound(createWalletClient({ baseUrl: `http://127.0.0.1:${port}/operator/wallet`, secret }), memory.seen);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
