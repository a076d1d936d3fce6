/**
 * What the callbacks' outcomes become: refusals answered with their code and message,
 * anything else 500 "Unknown error." reported to onError, a malformed success never
 * sent, and one event per call without the secret or the signature.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallInfo, WalletCallbacks, WalletEvent } from '../src/index.ts';
import {
  BadRequestError,
  BetRejectedError,
  ContractViolationError,
  createWalletHandler,
  GameNotAvailableError,
  InsufficientFundsError,
  PlayerBlockedError,
  PlayerNotFoundError,
  ResponsibleGamingLimitError,
  refusalError,
  ServiceUnavailableError,
  TransactionNotFoundError,
  type WalletRefusal,
} from '../src/index.ts';
import { errorBody, recordingWallet, secret, signedCall, validRequests } from './support.ts';

const refusals: [WalletRefusal, number, string][] = [
  [new BadRequestError(), 400, 'Bad request. Badly formatted JSON.'],
  [new InsufficientFundsError(), 402, 'The player does not have enough money for the action.'],
  [new PlayerNotFoundError(), 404, 'Player not found.'],
  [new GameNotAvailableError(), 405, 'Game is not available.'],
  [new TransactionNotFoundError(), 406, 'Previous transaction not found.'],
  [new PlayerBlockedError(), 407, 'Player is blocked.'],
  [new BetRejectedError(), 408, 'Bet is rejected.'],
  [new ResponsibleGamingLimitError(), 418, 'The player has reached his responsible limits.'],
  [new ServiceUnavailableError(), 503, 'Service is unavailable.'],
  [new InsufficientFundsError('Balance too low for this bet.'), 402, 'Balance too low for this bet.'],
  [new BadRequestError('Currency does not match the wallet.'), 400, 'Currency does not match the wallet.'],
];

function failing(error: unknown): Partial<WalletCallbacks> {
  return {
    bet: () => {
      throw error;
    },
  };
}

describe('refusals', () => {
  it.each(refusals)('%s is answered %i with its message', async (refusal, status, message) => {
    const errors: unknown[] = [];
    const handle = createWalletHandler({
      secret,
      wallet: recordingWallet(failing(refusal)).wallet,
      onError: (e) => errors.push(e),
    });
    const response = await handle(await signedCall(validRequests.bet));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status,
      body: errorBody(status, message),
    });
    expect(errors).toEqual([]);
  });

  it.each(refusals)('refusalError(code) builds the class of %s', (refusal, status, message) => {
    const built = refusalError(refusal.code, message);
    expect([built.constructor, built.code, built.message]).toEqual([refusal.constructor, status, message]);
  });

  it('answers a rejected promise the same as a throw', async () => {
    const handle = createWalletHandler({
      secret,
      wallet: recordingWallet({ bet: async () => Promise.reject(new PlayerBlockedError()) }).wallet,
    });
    expect((await handle(await signedCall(validRequests.bet))).status).toBe(407);
  });
});

describe('unexpected failures', () => {
  it.each([
    ['an Error', new Error('connection to db-primary:5432 refused (password=hunter2)')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('a callback throwing %s is answered 500 "Unknown error." and reported', async (_name, thrown) => {
    const errors: [unknown, CallInfo][] = [];
    const handle = createWalletHandler({
      secret,
      wallet: recordingWallet(failing(thrown)).wallet,
      onError: (error, info) => errors.push([error, info]),
    });
    const response = await handle(await signedCall(validRequests.bet));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 500,
      body: errorBody(500, 'Unknown error.'),
    });
    const bodyBytes = Buffer.byteLength(JSON.stringify(validRequests.bet));
    expect(errors).toEqual([
      [thrown, { method: 'POST', bodyBytes, action: 'bet', player_id: '6', transaction_id: 'bet-1' }],
    ]);
  });

  it('an answer JSON cannot write (a BigInt) is answered 500 and reported with the call it belongs to', async () => {
    const errors: [unknown, CallInfo][] = [];
    const handle = createWalletHandler({
      secret,
      wallet: recordingWallet({ win: () => ({ transaction_id: 'op', balance: 1, currency_code: 'EUR', extra: 1n }) })
        .wallet,
      onError: (error, info) => errors.push([error, info]),
    });
    const response = await handle(await signedCall(validRequests.win));
    expect({ status: response.status, body: await response.text() }).toEqual({
      status: 500,
      body: errorBody(500, 'Unknown error.'),
    });
    const bodyBytes = Buffer.byteLength(JSON.stringify(validRequests.win));
    expect(errors).toEqual([
      [expect.any(TypeError), { method: 'POST', bodyBytes, action: 'win', player_id: '6', transaction_id: 'win-1' }],
    ]);
  });

  it('a hook that throws changes nothing', async () => {
    const handle = createWalletHandler({
      secret,
      wallet: recordingWallet(failing(new Error('x'))).wallet,
      onError: () => {
        throw new Error('hook');
      },
      onEvent: () => {
        throw new Error('hook');
      },
    });
    expect((await handle(await signedCall(validRequests.bet))).status).toBe(500);
  });
});

/** An ORM-style entity: its fields are getters on the prototype, which JSON.stringify does not see. */
class TransactionEntity {
  readonly #row = { transaction_id: 'op', balance: 10, currency_code: 'EUR' };
  get transaction_id() {
    return this.#row.transaction_id;
  }
  get balance() {
    return this.#row.balance;
  }
  get currency_code() {
    return this.#row.currency_code;
  }
}

describe('contract violations', () => {
  const good = { transaction_id: 'op', balance: 10, currency_code: 'EUR' };
  const malformed: [string, keyof WalletCallbacks, keyof typeof validRequests, unknown, string][] = [
    // Each of these reads as a good answer but is written as another: what is sent is what is checked.
    [
      'an entity whose fields are prototype getters (sent as {})',
      'bet',
      'bet',
      new TransactionEntity(),
      'transaction_id',
    ],
    ['an object made with Object.create (sent as {})', 'win', 'win', Object.create(good), 'transaction_id'],
    [
      'a toJSON that writes the balance as a string',
      'bet',
      'bet',
      { ...good, toJSON: () => ({ ...good, balance: '10' }) },
      'balance',
    ],
    ['a Date carrying the fields (sent as a string)', 'refund', 'refund', Object.assign(new Date(0), good), ''],
    ['fractional balance', 'bet', 'bet', { transaction_id: 'op', balance: 10.5, currency_code: 'EUR' }, 'balance'],
    ['balance as a string', 'win', 'win', { transaction_id: 'op', balance: '10', currency_code: 'EUR' }, 'balance'],
    ['missing transaction_id', 'refund', 'refund', { balance: 10, currency_code: 'EUR' }, 'transaction_id'],
    ['missing currency_code', 'rollbackWin', 'rollback-win', { transaction_id: 'op', balance: 10 }, 'currency_code'],
    ['missing player_id', 'balance', 'balance', { balance: 10, currency_code: 'EUR' }, 'player_id'],
    ['nothing at all', 'balance', 'balance', undefined, ''],
    // JSON.stringify writes these escaped (`\ud800`, `\u0000`): the platform could not store what it received.
    ['a lone surrogate in transaction_id', 'win', 'win', { ...good, transaction_id: 'op\ud800' }, 'transaction_id'],
    [
      'U+0000 in player_id',
      'balance',
      'balance',
      { player_id: '6\u0000', balance: 10, currency_code: 'EUR' },
      'player_id',
    ],
  ];
  it.each(malformed)(
    '%s is answered 500 and reported as a contract violation',
    async (_name, callback, action, answer, field) => {
      const errors: unknown[] = [];
      const handle = createWalletHandler({
        secret,
        wallet: recordingWallet({ [callback]: () => answer }).wallet,
        onError: (error) => errors.push(error),
      });
      const response = await handle(await signedCall(validRequests[action]));
      expect({ status: response.status, body: await response.text() }).toEqual({
        status: 500,
        body: errorBody(500, 'Unknown error.'),
      });
      expect(errors).toHaveLength(1);
      const error = errors[0] as ContractViolationError;
      expect(error).toBeInstanceOf(ContractViolationError);
      expect(error.message).toMatch(/^Contract violation/);
      expect(error.message).toContain(field);
      expect(error.issue.path).toBe(field);
    },
  );
});

describe('events', () => {
  it('reports one event per call, never the secret or the signature', async () => {
    const events: WalletEvent[] = [];
    const handle = createWalletHandler({ secret, wallet: recordingWallet().wallet, onEvent: (e) => events.push(e) });
    const request = await signedCall(validRequests.win);
    const signature = request.headers.get('x-request-sign')!;
    await handle(request);
    await handle(await signedCall(validRequests.win, { signature: null }));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ action: 'win', status: 200, player_id: '6', transaction_id: 'win-1' });
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[1]).toMatchObject({ status: 403 });
    expect(events[1]).not.toHaveProperty('action');
    const text = JSON.stringify(events);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(signature);
  });
});

describe('fuzzing', () => {
  it('random bodies and signatures never get a 200 and never throw out of handle', async () => {
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({ secret, wallet, maxBodyBytes: 2048 });
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc.json().map((text) => new TextEncoder().encode(text)),
      fc.constantFrom(...Object.values(validRequests)).map((value) => new TextEncoder().encode(JSON.stringify(value))),
    );
    const signature = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.stringMatching(/^[0-9a-fA-F]{64}$/),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(body, signature, fc.constantFrom('POST', 'GET', 'PUT', 'DELETE'), async (raw, sig, method) => {
        const answer = await handle.handleWalletCall({ body: raw, signature: sig, method });
        expect(answer.status).not.toBe(200);
        expect(JSON.parse(answer.body)).toEqual({ code: answer.status, message: expect.any(String) });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (sig !== null) headers['x-request-sign'] = sig;
        const withBody = method === 'GET' ? {} : { body: raw as BodyInit };
        let request: Request;
        try {
          request = new Request('http://wallet.test/', { method, headers, ...withBody });
        } catch {
          return; // a header value a Request cannot carry never reaches handle
        }
        const response = await handle(request);
        expect(response.status).not.toBe(200);
      }),
      { numRuns: 200 },
    );
    expect(calls).toEqual([]);
  }, 30_000);
});
