/**
 * What the fuzz properties share: how many runs (FUZZ_RUNS), the handler in front of
 * a sandbox wallet, valid bodies to start from, an independent signature oracle
 * (node:crypto directly, not the code under test) and a ledger snapshot.
 */
import { createHmac } from 'node:crypto';
import { walletErrorMessages } from '@tbb-wallet/core';
import type { WalletHandler } from '@tbb-wallet/handler';
import { createWalletHandler, defaultMaxBodyBytes } from '@tbb-wallet/handler';
import type { SandboxWallet } from '@tbb-wallet/testing';
import { createSandboxWallet } from '@tbb-wallet/testing';
import fc from 'fast-check';

/** Runs per property: a few hundred in `npm test`, `FUZZ_RUNS=10000` for the deep run (`npm run fuzz`). */
export const fuzzRuns = (() => {
  const value = Number(process.env.FUZZ_RUNS);
  return Number.isSafeInteger(value) && value > 0 ? value : 300;
})();

/** A time limit per property that grows with the number of runs. */
export const fuzzTimeoutMs = 30_000 + fuzzRuns * 20;

export const secret = 'fuzz-secret';
/** The handler's default limit (64 KiB), as operators run it. */
export const maxBodyBytes = defaultMaxBodyBytes;

/** The HMAC-SHA256 hex of `body`, computed without the package under test. */
export function oracleSign(body: Uint8Array | string, key: string = secret): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** A sandbox with fixed players (no player is created on first sight), and its handler. */
export function sandboxHandler(): { wallet: SandboxWallet; handle: WalletHandler; errors: unknown[] } {
  const wallet = createSandboxWallet({
    players: [
      { player_id: '6', currency_code: 'EUR', balance: 100_000 },
      { player_id: '12', currency_code: 'EUR', balance: 500 },
      { player_id: '77', currency_code: 'USD', balance: 10_000 },
      { player_id: 'blocked', currency_code: 'EUR', balance: 10_000, blocked: true },
    ],
  });
  const errors: unknown[] = [];
  const handle = createWalletHandler({ secret, wallet, onError: (error) => errors.push(error) });
  return { wallet, handle, errors };
}

/** Balances and entries as one comparable value. */
export function snapshot(wallet: SandboxWallet): string {
  return JSON.stringify({ balances: wallet.ledger.balances(), entries: wallet.ledger.entries() });
}

const encoder = new TextEncoder();

/** Builds the Request the fuzz sends: POST, given bytes and headers. */
export function post(body: Uint8Array | string, headers: Headers | Record<string, string>): Request {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return new Request('http://wallet.test/wallet', { method: 'POST', body: bytes as Uint8Array<ArrayBuffer>, headers });
}

/**
 * Checks an error answer: the body is exactly `{"code":N,"message":"..."}`, N is the
 * status and the message starts with the vendor's message for N.
 * @returns a description of what is wrong, or `undefined`.
 */
export function errorBodyProblem(status: number, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text}`;
  }
  if (typeof body !== 'object' || body === null) return `not an object: ${text}`;
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'code,message') return `keys ${keys}: ${text}`;
  const { code, message } = body as { code: unknown; message: unknown };
  if (code !== status) return `code ${String(code)} != status ${status}`;
  const vendor = walletErrorMessages[status as keyof typeof walletErrorMessages];
  if (vendor === undefined) return `status ${status} has no vendor message`;
  if (typeof message !== 'string' || !message.startsWith(vendor)) return `message ${String(message)}`;
  return undefined;
}

const players = fc.constantFrom('6', '12', '77', 'blocked', 'nobody');
const currency = fc.constantFrom('EUR', 'EUR', 'EUR', 'USD');
const txId = fc.integer({ min: 1, max: 12 }).map((n) => `tx-${n}`);
const amount = fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 200_000 }));
const text = fc.string({ minLength: 1, maxLength: 12 });
const common = { player_id: players, currency_code: currency, is_mobile: fc.boolean() };
const payload = <T>(transfer: fc.Arbitrary<T>) =>
  fc.record({ reference: text, session_token: text, provider_transfer_data: transfer });

/** A valid request of any of the five actions, as a plain JSON value. */
export const validRequest: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ ...common, action: fc.constant('balance'), reference: text, session_token: text }),
  fc.record({
    ...common,
    action: fc.constant('bet'),
    amount,
    payload: payload(fc.record({ transaction_id: txId, round_id: text })),
  }),
  fc.record({
    ...common,
    action: fc.constant('win'),
    amount,
    payload: payload(fc.record({ transaction_id: txId, round_id: text, round_close: fc.boolean() })),
  }),
  fc.record({
    ...common,
    action: fc.constant('refund'),
    amount,
    payload: payload(fc.record({ transaction_id: txId, round_id: text, refunded_transaction_id: txId })),
  }),
  fc.record({
    ...common,
    action: fc.constant('rollback-win'),
    amount,
    payload: payload(fc.record({ transaction_id: txId, round_id: text, rollback_win_transaction_id: txId })),
  }),
);

/** A valid body as bytes (compact or indented JSON). */
export const validBody: fc.Arbitrary<Uint8Array> = fc
  .tuple(validRequest, fc.constantFrom(undefined, 2, '\t'))
  .map(([request, indent]) => encoder.encode(JSON.stringify(request, null, indent)));
