/**
 * walletMswHandlers: a provider's tests intercept fetch to the operator's URL and
 * get the real handler's answers, in front of the sandbox or their own wallet.
 */
import { createWalletClient, InvalidSignatureError } from '@tbb-wallet/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxWallet, walletMswHandlers } from '../src/index.ts';

const url = 'https://casino.test/api/tbb/wallet';
const secret = 'msw-secret';
const wallet = createSandboxWallet();
const server = setupServer(...walletMswHandlers({ url, secret, wallet }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const betInput = (transaction_id: string, amount: number) => ({
  player_id: '12',
  currency_code: 'EUR',
  is_mobile: false,
  amount,
  payload: { reference: 'Monkey', session_token: 's', provider_transfer_data: { transaction_id, round_id: 'r' } },
});

describe('walletMswHandlers', () => {
  it('answers the real client as the sandbox operator would, and the ledger shows it', async () => {
    const client = createWalletClient({ baseUrl: url, secret });
    const answer = await client.bet(betInput('msw-1', 250));
    expect(answer).toEqual({
      transaction_id: expect.stringMatching(/^sbx-\d+$/),
      balance: 99750,
      currency_code: 'EUR',
    });
    expect(await client.bet(betInput('msw-1', 250))).toEqual(answer);
    expect(wallet.ledger.balanceOf('12')).toBe(99750);
  });

  it('checks signatures with the real handler', async () => {
    const client = createWalletClient({ baseUrl: url, secret: 'another-secret' });
    await expect(client.bet(betInput('msw-2', 1))).rejects.toBeInstanceOf(InvalidSignatureError);
    expect(wallet.ledger.entries().map((e) => e.transactionId)).not.toContain('msw-2');
  });

  it('answers a GET with 405 and Allow: POST', async () => {
    const response = await fetch(url);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual({ code: 405, message: 'Method not allowed. Use POST.' });
  });

  it('serves a fresh sandbox when no wallet is given', async () => {
    server.use(...walletMswHandlers({ url, secret }));
    const client = createWalletClient({ baseUrl: url, secret });
    expect((await client.bet(betInput('msw-3', 100))).balance).toBe(99900);
  });
});
