/**
 * The README's examples are the files in examples/, verbatim; this test holds the
 * README to them and runs the in-memory wallet (examples/wallet-rules.test.ts runs
 * itself: it is the sandbox's run of the rule suite).
 */
import { readFileSync } from 'node:fs';
import { sign } from '@tbb-wallet/core';
import { beforeAll, describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const secret = 'readme-secret';

describe('README', () => {
  it.each(['in-memory-wallet.ts', 'wallet-rules.test.ts'])('includes examples/%s verbatim', (file) => {
    expect(read('../README.md')).toContain(`\`\`\`ts\n${read(`../examples/${file}`).trimEnd()}\n\`\`\``);
  });
});

describe('examples/in-memory-wallet.ts', () => {
  let example: typeof import('../examples/in-memory-wallet.ts');
  beforeAll(async () => {
    process.env.TBB_WALLET_SECRET = secret;
    example = await import('../examples/in-memory-wallet.ts');
  });

  async function call(body: unknown) {
    const raw = JSON.stringify(body);
    const request = new Request('http://127.0.0.1/wallet', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-sign': await sign(raw, secret) },
      body: raw,
    });
    const response = await example.handle(request);
    return { status: response.status, body: await response.json() };
  }
  const bet = (player_id: string, transaction_id: string, amount: number) => ({
    player_id,
    currency_code: 'EUR',
    is_mobile: false,
    action: 'bet',
    amount,
    payload: { reference: 'Monkey', session_token: 's', provider_transfer_data: { transaction_id, round_id: 'r1' } },
  });

  it('debits a bet once, replays it, refuses the blocked player and records what moved', async () => {
    const first = await call(bet('6', 'readme-b1', 400));
    expect(first).toEqual({ status: 200, body: { transaction_id: 'sbx-1', balance: 9600, currency_code: 'EUR' } });
    expect(await call(bet('6', 'readme-b1', 400))).toEqual(first);
    expect(await call(bet('7', 'readme-b2', 400))).toEqual({
      status: 407,
      body: { code: 407, message: 'Player is blocked.' },
    });
    expect(example.wallet.ledger.balanceOf('6')).toBe(9600);
    expect(example.wallet.ledger.entries()).toMatchObject([
      { transactionId: 'readme-b1', movement: -400, balance: 9600 },
    ]);
  });
});
