/**
 * Input no database can store (issue 14), and a body two JSON parsers would read as two
 * different calls (a key sent twice), are refused 400 naming the field, by the real
 * handler, before any callback runs, on every backend alike: the in-memory sandbox,
 * the ledger on PGlite, the ledger on the PostgreSQL at DATABASE_URL, and an
 * operator's own callbacks. Each case asserts the exact body and that no money moved;
 * numbers are read by their value (`1e2` and `100.0` are 100, `-0` is 0).
 *
 * @see docs/WALLET-PROTOCOL.md §6
 */
import { randomUUID } from 'node:crypto';
import { sign } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler } from '@tbb-wallet/handler';
import { createLedger } from '@tbb-wallet/ledger';
import { createSandboxWallet } from '@tbb-wallet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, noDatabase, pgSkipReason } from '../packages/ledger/test/support/databases.ts';

const secret = 'unstorable-input-secret';
const bad = 'Bad request. Badly formatted JSON.';
const lone = 'must be well-formed Unicode (no lone surrogate)';
const nul = 'must not contain U+0000';
const tooLong = (n: number) => `must NOT have more than ${n} characters`;
const transfer = 'payload.provider_transfer_data';

type Body = Record<string, unknown> & {
  payload: { provider_transfer_data: Record<string, unknown> } & Record<string, unknown>;
};
type Action = 'bet' | 'refund' | 'rollback-win' | 'balance';

/** A valid call of `action` for `playerId`, 100 subunits, fresh transaction ids. */
function validBody(action: Action, playerId: string): Body {
  const id = randomUUID();
  const extra =
    action === 'refund'
      ? { refunded_transaction_id: `bet-${id}` }
      : action === 'rollback-win'
        ? { rollback_win_transaction_id: `win-${id}` }
        : {};
  return {
    player_id: playerId,
    currency_code: 'EUR',
    is_mobile: false,
    action,
    amount: 100,
    payload: {
      reference: 'barbarabang::MadMonkey',
      session_token: 'session-1',
      provider_transfer_data: { transaction_id: `tx-${id}`, round_id: `round-${id}`, table_reference: 't-1', ...extra },
    },
  };
}

function balanceBody(playerId: string): Record<string, unknown> {
  return {
    player_id: playerId,
    currency_code: 'EUR',
    is_mobile: false,
    action: 'balance',
    reference: 'Monkey',
    session_token: 's',
  };
}

/** Each case sets the field at `at` (a dotted path; a new key when it is not there) to `value`. */
type Case = [name: string, { action: Action; at: string; value: unknown; issue: string }];
const cases: Case[] = [
  [
    'a lone high surrogate in transaction_id',
    {
      action: 'bet',
      at: `${transfer}.transaction_id`,
      value: 'ls-\ud800',
      issue: `${transfer}.transaction_id: ${lone}`,
    },
  ],
  [
    'a lone low surrogate in round_id',
    { action: 'bet', at: `${transfer}.round_id`, value: '\udc00-round', issue: `${transfer}.round_id: ${lone}` },
  ],
  [
    'a lone surrogate in an unknown nested field',
    { action: 'bet', at: `${transfer}.promo`, value: { id: 'p-\udbff' }, issue: `${transfer}.promo.id: ${lone}` },
  ],
  ['a lone surrogate in a top-level key', { action: 'bet', at: 'extra-\ud800', value: 1, issue: `a key ${lone}` }],
  [
    'a lone surrogate in a nested key',
    { action: 'bet', at: `${transfer}.\udfff`, value: 'x', issue: `${transfer}: a key ${lone}` },
  ],
  [
    'U+0000 in transaction_id',
    { action: 'bet', at: `${transfer}.transaction_id`, value: 'tx\u0000', issue: `${transfer}.transaction_id: ${nul}` },
  ],
  ['U+0000 in player_id', { action: 'bet', at: 'player_id', value: 'p\u0000', issue: `player_id: ${nul}` }],
  [
    'U+0000 in round_id',
    { action: 'bet', at: `${transfer}.round_id`, value: '\u0000', issue: `${transfer}.round_id: ${nul}` },
  ],
  ['U+0000 in a key', { action: 'bet', at: 'payload.k\u0000', value: true, issue: `payload: a key ${nul}` }],
  [
    'U+0000 in refunded_transaction_id',
    {
      action: 'refund',
      at: `${transfer}.refunded_transaction_id`,
      value: 'bet\u0000',
      issue: `${transfer}.refunded_transaction_id: ${nul}`,
    },
  ],
  [
    'a player_id of 256 characters',
    { action: 'bet', at: 'player_id', value: 'p'.repeat(256), issue: `player_id: ${tooLong(255)}` },
  ],
  [
    'a transaction_id of 256 characters',
    {
      action: 'bet',
      at: `${transfer}.transaction_id`,
      value: 't'.repeat(256),
      issue: `${transfer}.transaction_id: ${tooLong(255)}`,
    },
  ],
  [
    'a transaction_id of 3000 characters (past the index row limit)',
    {
      action: 'bet',
      at: `${transfer}.transaction_id`,
      value: 't'.repeat(3000),
      issue: `${transfer}.transaction_id: ${tooLong(255)}`,
    },
  ],
  [
    'a round_id of 256 characters',
    {
      action: 'bet',
      at: `${transfer}.round_id`,
      value: 'r'.repeat(256),
      issue: `${transfer}.round_id: ${tooLong(255)}`,
    },
  ],
  [
    'a table_reference of 256 characters',
    {
      action: 'bet',
      at: `${transfer}.table_reference`,
      value: 'x'.repeat(256),
      issue: `${transfer}.table_reference: ${tooLong(255)}`,
    },
  ],
  [
    'a reference of 256 characters',
    { action: 'bet', at: 'payload.reference', value: 'g'.repeat(256), issue: `payload.reference: ${tooLong(255)}` },
  ],
  [
    'a session_token of 2049 characters',
    {
      action: 'bet',
      at: 'payload.session_token',
      value: 's'.repeat(2049),
      issue: `payload.session_token: ${tooLong(2048)}`,
    },
  ],
  [
    'a refunded_transaction_id of 256 characters',
    {
      action: 'refund',
      at: `${transfer}.refunded_transaction_id`,
      value: 'b'.repeat(256),
      issue: `${transfer}.refunded_transaction_id: ${tooLong(255)}`,
    },
  ],
  [
    'a rollback_win_transaction_id of 256 characters',
    {
      action: 'rollback-win',
      at: `${transfer}.rollback_win_transaction_id`,
      value: 'w'.repeat(256),
      issue: `${transfer}.rollback_win_transaction_id: ${tooLong(255)}`,
    },
  ],
  [
    'a balance reference of 256 characters',
    { action: 'balance', at: 'reference', value: 'g'.repeat(256), issue: `reference: ${tooLong(255)}` },
  ],
  [
    'a balance session_token with a lone surrogate',
    { action: 'balance', at: 'session_token', value: '\ud83d', issue: `session_token: ${lone}` },
  ],
];

/** `body` with the field at the dotted path `at` set to `value`. */
function withField(body: Record<string, unknown>, at: string, value: unknown): Record<string, unknown> {
  const keys = at.split('.');
  const last = keys.pop() as string;
  let node = body;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  node[last] = value;
  return body;
}

/** A backend under test: its callbacks, how to make a player and read a balance. */
interface Backend {
  wallet: WalletCallbacks;
  addPlayer(playerId: string, balance: number): Promise<void>;
  balanceOf(playerId: string): Promise<number | undefined>;
  /** Accepted transactions of the player, when the backend keeps them. */
  entries?(playerId: string): Promise<unknown[]>;
  /** False for callbacks that answer a repeated `transaction_id` as a new call. */
  replays: boolean;
  close(): Promise<void>;
}

/** The operator's own callbacks: a constant answer, and a record of every call. */
function ownCallbacks(): Backend {
  const balances = new Map<string, number>();
  const move = (request: { player_id: string; amount: number }, sign: number) => {
    const balance = (balances.get(request.player_id) ?? 0) + sign * request.amount;
    balances.set(request.player_id, balance);
    return { transaction_id: `op-${randomUUID()}`, balance, currency_code: 'EUR' };
  };
  return {
    wallet: {
      balance: (r) => ({ player_id: r.player_id, balance: balances.get(r.player_id) ?? 0, currency_code: 'EUR' }),
      bet: (r) => move(r, -1),
      win: (r) => move(r, 1),
      refund: (r) => move(r, 1),
      rollbackWin: (r) => move(r, -1),
    },
    addPlayer: async (id, balance) => void balances.set(id, balance),
    balanceOf: async (id) => balances.get(id),
    replays: false,
    close: async () => {},
  };
}

function sandbox(): Backend {
  const wallet = createSandboxWallet({ players: [] });
  return {
    wallet,
    addPlayer: async (player_id, balance) => wallet.addPlayer({ player_id, currency_code: 'EUR', balance }),
    balanceOf: async (id) => wallet.ledger.balanceOf(id),
    replays: true,
    close: async () => {},
  };
}

function ledgerBackend(ledger: ReturnType<typeof createLedger>, close: () => Promise<void>): Backend {
  return {
    wallet: ledger.wallet,
    addPlayer: async (player_id, balance) => {
      await ledger.addPlayer({ player_id, currency_code: 'EUR', balance });
    },
    balanceOf: (id) => ledger.balanceOf(id),
    entries: (id) => ledger.entries(id),
    replays: true,
    close,
  };
}

/** Wraps the callbacks so a test sees every call that reached them. */
function recorded(wallet: WalletCallbacks): { wallet: WalletCallbacks; calls: string[] } {
  const calls: string[] = [];
  const wrap =
    <A extends unknown[], R>(name: string, f: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name);
      return f(...args);
    };
  return {
    calls,
    wallet: {
      balance: wrap('balance', wallet.balance.bind(wallet)),
      bet: wrap('bet', wallet.bet.bind(wallet)),
      win: wrap('win', wallet.win.bind(wallet)),
      refund: wrap('refund', wallet.refund.bind(wallet)),
      rollbackWin: wrap('rollbackWin', wallet.rollbackWin.bind(wallet)),
    },
  };
}

async function post(handle: (request: Request) => Promise<Response>, body: unknown) {
  return postText(handle, JSON.stringify(body));
}

/** Posts the exact text, signed. */
async function postText(handle: (request: Request) => Promise<Response>, raw: string) {
  const headers = { 'content-type': 'application/json', 'x-request-sign': await sign(raw, secret) };
  const response = await handle(
    new Request('http://127.0.0.1/operator/wallet', { method: 'POST', headers, body: raw }),
  );
  return { status: response.status, body: await response.text() };
}

function describeBackend(name: string, start: () => Promise<Backend>, skip = false) {
  describe.skipIf(skip)(`unstorable input on ${name}`, () => {
    let backend: Backend;
    let calls: string[];
    let handle: (request: Request) => Promise<Response>;
    beforeAll(async () => {
      backend = await start();
      const wrapped = recorded(backend.wallet);
      calls = wrapped.calls;
      handle = createWalletHandler({ secret, wallet: wrapped.wallet });
    }, 120_000); // PGlite takes seconds to start on a busy machine
    afterAll(async () => backend?.close());

    async function freshPlayer(): Promise<string> {
      const id = `p${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await backend.addPlayer(id, 1000);
      return id;
    }

    it.each(cases)(
      '%s → 400 naming the field, no callback, no money moved',
      async (_, { action, at, value, issue }) => {
        const playerId = await freshPlayer();
        const body = withField(action === 'balance' ? balanceBody(playerId) : validBody(action, playerId), at, value);
        calls.length = 0;
        const answer = await post(handle, body);
        expect(answer).toEqual({ status: 400, body: JSON.stringify({ code: 400, message: `${bad} ${issue}` }) });
        expect(calls).toEqual([]);
        expect(await backend.balanceOf(playerId)).toBe(1000);
        if (backend.entries) expect(await backend.entries(playerId)).toEqual([]);
      },
    );

    it('bytes that are not UTF-8 (0xff, an encoded surrogate) → 400, no callback', async () => {
      const playerId = await freshPlayer();
      const text = JSON.stringify(validBody('bet', playerId)).replace('session-1', 'session-\u0001');
      calls.length = 0;
      for (const bytes of [[0xff], [0xed, 0xa0, 0x80]]) {
        const encoded = new TextEncoder().encode(text);
        const at = encoded.indexOf(0x01);
        const raw = Uint8Array.from([...encoded.slice(0, at), ...bytes, ...encoded.slice(at + 1)]);
        const headers = { 'content-type': 'application/json', 'x-request-sign': await sign(raw, secret) };
        const response = await handle(
          new Request('http://127.0.0.1/operator/wallet', { method: 'POST', headers, body: raw }),
        );
        expect({ status: response.status, body: await response.text() }).toEqual({
          status: 400,
          body: JSON.stringify({ code: 400, message: bad }),
        });
      }
      expect(calls).toEqual([]);
      expect(await backend.balanceOf(playerId)).toBe(1000);
    });

    const once = 'must be sent once, not repeated in the same object';
    it.each([
      ['amount', '"amount":100', '"amount":1,"amount":100', `amount: ${once}`],
      ['action (balance, then bet)', '"action":"bet"', '"action":"balance","action":"bet"', `action: ${once}`],
      ['player_id', '"player_id":', '"player_id":"someone-else","player_id":', `player_id: ${once}`],
      [
        'transaction_id',
        '"transaction_id":',
        '"transaction_id":"tx-other","transaction_id":',
        `${transfer}.transaction_id: ${once}`,
      ],
      ['amount, once through an escape', '"amount":100', '"amount":100,"\\u0061mount":5', `amount: ${once}`],
      ['amount, one copy spaced from its colon', '"amount":100', '"amount" :1,"amount":100', `amount: ${once}`],
      [
        'transaction_id, one copy spaced from its colon',
        '"transaction_id":',
        '"transaction_id"\n:"tx-other","transaction_id":',
        `${transfer}.transaction_id: ${once}`,
      ],
    ])('a bet with %s sent twice → 400 naming it, no callback, no money moved', async (_, from, to, issue) => {
      const playerId = await freshPlayer();
      const text = JSON.stringify(validBody('bet', playerId)).replace(from, to);
      calls.length = 0;
      expect(await postText(handle, text)).toEqual({
        status: 400,
        body: JSON.stringify({ code: 400, message: `${bad} ${issue}` }),
      });
      expect(calls).toEqual([]);
      expect(await backend.balanceOf(playerId)).toBe(1000);
      if (backend.entries) expect(await backend.entries(playerId)).toEqual([]);
    });

    it('the same key in two objects is no repeat: a bet with a top-level reference too is debited', async () => {
      const playerId = await freshPlayer();
      const answer = await post(handle, { ...validBody('bet', playerId), reference: 'also-here' });
      expect(answer.status).toBe(200);
      expect(await backend.balanceOf(playerId)).toBe(900);
    });

    it('numbers are read by value: 1e2 and 100.0 debit 100, and the same bet sent as 100 is its replay', async () => {
      const playerId = await freshPlayer();
      const body = validBody('bet', playerId);
      const asExponent = await postText(handle, JSON.stringify(body).replace('"amount":100', '"amount":1e2'));
      expect(asExponent.status).toBe(200);
      expect(JSON.parse(asExponent.body)).toMatchObject({ balance: 900 });
      if (backend.replays) expect(await post(handle, body)).toEqual(asExponent);
      const decimal = validBody('bet', playerId);
      expect(await postText(handle, JSON.stringify(decimal).replace('"amount":100', '"amount":100.0'))).toMatchObject({
        status: 200,
      });
      expect(await backend.balanceOf(playerId)).toBe(800);
    });

    it('-0 is an amount of 0: a win of -0 is accepted and moves nothing, then replays as 0', async () => {
      const playerId = await freshPlayer();
      const bet = validBody('bet', playerId);
      const win = {
        ...bet,
        action: 'win',
        payload: {
          ...bet.payload,
          provider_transfer_data: { ...bet.payload.provider_transfer_data, round_close: true },
        },
      };
      const first = await postText(handle, JSON.stringify(win).replace('"amount":100', '"amount":-0'));
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toMatchObject({ balance: 1000 });
      if (backend.replays) expect(await post(handle, { ...win, amount: 0 })).toEqual(first);
      expect(await backend.balanceOf(playerId)).toBe(1000);
    });

    it('identifiers at their limits (255 characters, 255 astral code points; a 2048-character token) are stored', async () => {
      const playerId = await freshPlayer();
      const body = validBody('bet', playerId);
      body.payload.provider_transfer_data.transaction_id = 't'.repeat(255);
      body.payload.provider_transfer_data.round_id = '😀'.repeat(255);
      body.payload.session_token = 's'.repeat(2048);
      const answer = await post(handle, body);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ balance: 900, currency_code: 'EUR' });
      expect(await backend.balanceOf(playerId)).toBe(900);
    });
  });
}

describeBackend('an operator’s own callbacks', async () => ownCallbacks());
describeBackend('the in-memory sandbox', async () => sandbox());
describeBackend('the ledger on PGlite', async () => {
  const ledger = createLedger();
  await ledger.migrate();
  return ledgerBackend(ledger, () => ledger.close());
});
describeBackend(
  `the ledger on PostgreSQL${pgSkipReason}`,
  async () => {
    const schema = await createTestSchema();
    const ledger = createLedger({ database: schema.pool(4) });
    await ledger.migrate();
    return ledgerBackend(ledger, async () => {
      await ledger.close();
      await schema.drop();
    });
  },
  noDatabase,
);

// The bugs of issue 14 as PostgreSQL showed them: every lone surrogate was stored as
// U+FFFD, so three different ids were one, and a refund of a bet never sent found one.
describe.skipIf(noDatabase)(`issue 14 regressions on PostgreSQL${pgSkipReason}`, () => {
  let backend: Backend;
  let handle: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    const schema = await createTestSchema();
    const ledger = createLedger({ database: schema.pool(4) });
    await ledger.migrate();
    backend = ledgerBackend(ledger, async () => {
      await ledger.close();
      await schema.drop();
    });
    handle = createWalletHandler({ secret, wallet: backend.wallet });
  });
  afterAll(async () => backend?.close());

  it('ls-\\ud800, ls-\\udbff and ls-\\udc00 are not one id: each is refused 400 and nothing is debited', async () => {
    const playerId = `p${randomUUID().slice(0, 8)}`;
    await backend.addPlayer(playerId, 1000);
    for (const id of ['ls-\ud800', 'ls-\udbff', 'ls-\udc00']) {
      const body = validBody('bet', playerId);
      body.payload.provider_transfer_data.transaction_id = id;
      expect(await post(handle, body)).toEqual({
        status: 400,
        body: JSON.stringify({ code: 400, message: `${bad} ${transfer}.transaction_id: ${lone}` }),
      });
    }
    expect(await backend.balanceOf(playerId)).toBe(1000);
    expect(await backend.entries?.(playerId)).toEqual([]);
  });

  it('a refund naming ls-\\udc00 does not give back the bet ls-\\ufffd (U+FFFD, what PostgreSQL made of it)', async () => {
    const playerId = `p${randomUUID().slice(0, 8)}`;
    await backend.addPlayer(playerId, 1000);
    const bet = validBody('bet', playerId);
    bet.payload.provider_transfer_data.transaction_id = `ls-\ufffd-${playerId}`;
    expect((await post(handle, bet)).status).toBe(200);
    const refund = validBody('refund', playerId);
    refund.payload.provider_transfer_data.refunded_transaction_id = `ls-\udc00-${playerId}`;
    expect(await post(handle, refund)).toEqual({
      status: 400,
      body: JSON.stringify({ code: 400, message: `${bad} ${transfer}.refunded_transaction_id: ${lone}` }),
    });
    const neverSent = validBody('refund', playerId);
    expect((await post(handle, neverSent)).status).toBe(406);
    expect(await backend.balanceOf(playerId)).toBe(900);
  });
});
