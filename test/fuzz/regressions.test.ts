/**
 * Bugs the fuzz properties found in the packages, fixed, and kept here as their minimal
 * cases so they stay fixed.
 */
import { createWalletHandler } from '@tbb-wallet/handler';
import { createSandboxWallet } from '@tbb-wallet/testing';
import { describe, expect, it } from 'vitest';
import { oracleSign, secret, snapshot } from './fuzz-support.ts';

function setUp() {
  const wallet = createSandboxWallet({ players: [{ player_id: '6', currency_code: 'EUR', balance: 100 }] });
  const errors: unknown[] = [];
  const handle = createWalletHandler({ secret, wallet, onError: (error) => errors.push(error) });
  return { wallet, handle, errors };
}

const win = (amount: number, extra = '') =>
  `{"player_id":"6","currency_code":"EUR","is_mobile":false,"action":"win","amount":${amount},` +
  `"payload":{"reference":"r","session_token":"s","provider_transfer_data":{"transaction_id":"w-1","round_id":"r-1","round_close":true}}${extra}}`;

async function send(handle: (request: Request) => Promise<Response>, body: string) {
  const response = await handle(
    new Request('http://wallet.test/wallet', { method: 'POST', body, headers: { 'x-request-sign': oracleSign(body) } }),
  );
  return { status: response.status, body: await response.text() };
}

describe('bugs the fuzz suite found, now fixed', () => {
  // Found: the sandbox credited a win of 2^53−1 on a balance of 100, then the handler refused
  // its answer (balance > 2^53−1) with 500 — money moved on a 500. Now refused 400, nothing moves
  // (the shared rule suite holds the same case for the sandbox and the ledger).
  it('a win taking the balance past 2^53−1 is refused without moving money (sandbox)', async () => {
    const { wallet, handle } = setUp();
    const before = snapshot(wallet);
    const answer = await send(handle, win(2 ** 53 - 1));
    expect(answer).toEqual({
      status: 400,
      body: '{"code":400,"message":"Bad request. Badly formatted JSON. amount: the balance would leave the range ±(2^53−1)"}',
    });
    expect(snapshot(wallet)).toEqual(before);
  });

  // Found: canonicalJson recursed once per nesting level, so an unknown field nested 10,000
  // arrays deep (20 KB, under the 64 KiB limit) overflowed the stack and was answered 500.
  // Unknown fields are accepted (WALLET-PROTOCOL.md §2): now 200.
  it('a win with a deeply nested unknown field is answered, not 500 (canonicalJson)', async () => {
    const { handle, errors } = setUp();
    const depth = 10_000;
    const answer = await send(handle, win(5, `,"extra":${'['.repeat(depth)}${']'.repeat(depth)}`));
    expect({ status: answer.status, errors }).toEqual({ status: 200, errors: [] });
  });
});
