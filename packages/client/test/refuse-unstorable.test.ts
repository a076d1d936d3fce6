/**
 * A request no operator can store is refused by the client itself: a typed
 * `UnstorableRequestError` naming the field, no network call, no hook, no retry, and
 * `betOrRefund` sends no refund for it.
 *
 * @see WALLET-PROTOCOL.md §6
 */
import { describe, expect, it } from 'vitest';
import type { WalletClient } from '../src/index.ts';
import { createWalletClient, isRetryable, UnstorableRequestError } from '../src/index.ts';
import { balanceAnswer, balanceInput, betInput, refundInput, secret, walletUrl, winInput } from './fixtures.ts';

/** A client whose fetch records every request and answers the balance answer. */
function recordingClient() {
  const sent: Request[] = [];
  const hooks: string[] = [];
  const client = createWalletClient({
    baseUrl: walletUrl,
    secret,
    retry: { attempts: 3, baseDelayMs: 1 },
    fetch: async (request) => {
      sent.push(request);
      return Response.json(balanceAnswer);
    },
    onRequest: (event) => void hooks.push(event.action),
  });
  return { client, sent, hooks };
}

const transfer = 'payload.provider_transfer_data';
const lone = 'must be well-formed Unicode (no lone surrogate)';
const nul = 'must not contain U+0000';
type Row = [name: string, { send: (client: WalletClient) => Promise<unknown>; path: string; message: string }];
const transferOf = <T extends { payload: { provider_transfer_data: object } }>(input: T, data: object): T => ({
  ...input,
  payload: { ...input.payload, provider_transfer_data: { ...input.payload.provider_transfer_data, ...data } },
});

const rows: Row[] = [
  [
    'a bet with a lone surrogate in transaction_id',
    {
      send: (c) => c.bet(transferOf(betInput, { transaction_id: 'ls-\ud800' })),
      path: `${transfer}.transaction_id`,
      message: lone,
    },
  ],
  [
    'a win with U+0000 in round_id',
    { send: (c) => c.win(transferOf(winInput, { round_id: 'r\u0000' })), path: `${transfer}.round_id`, message: nul },
  ],
  [
    'a balance with U+0000 in player_id',
    { send: (c) => c.balance({ ...balanceInput, player_id: '6\u0000' }), path: 'player_id', message: nul },
  ],
  [
    'a refund with a lone surrogate in an unknown field’s key',
    {
      send: (c) => c.refund({ ...refundInput, ...({ 'note-\udc00': 'x' } as object) }),
      path: '',
      message: `a key ${lone}`,
    },
  ],
  [
    'a refund naming a refunded_transaction_id of 256 characters',
    {
      send: (c) => c.refund(transferOf(refundInput, { refunded_transaction_id: 'b'.repeat(256) })),
      path: `${transfer}.refunded_transaction_id`,
      message: 'must NOT have more than 255 characters',
    },
  ],
  [
    'a win with a session_token of 2049 characters',
    {
      send: (c) => c.win({ ...winInput, payload: { ...winInput.payload, session_token: 's'.repeat(2049) } }),
      path: 'payload.session_token',
      message: 'must NOT have more than 2048 characters',
    },
  ],
  [
    'a balance with a player_id of 256 characters',
    {
      send: (c) => c.balance({ ...balanceInput, player_id: 'p'.repeat(256) }),
      path: 'player_id',
      message: 'must NOT have more than 255 characters',
    },
  ],
];

describe('the client refuses to send what no operator can store', () => {
  it.each(rows)('%s: UnstorableRequestError, nothing sent', async (_, { send, path, message }) => {
    const { client, sent, hooks } = recordingClient();
    const error = await send(client).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(UnstorableRequestError);
    expect((error as UnstorableRequestError).issue).toEqual({ path, message });
    expect((error as Error).message).toContain(path ? `${path}: ${message}` : message);
    expect(isRetryable(error)).toBe(false);
    expect(sent).toEqual([]);
    expect(hooks).toEqual([]);
  });

  it('betOrRefund throws it as it is and sends no refund', async () => {
    const { client, sent } = recordingClient();
    const bet = transferOf(betInput, { round_id: '\udbff' });
    await expect(client.betOrRefund(bet, { refundTransactionId: 'refund-1' })).rejects.toMatchObject({
      name: 'UnstorableRequestError',
      action: 'bet',
      issue: { path: `${transfer}.round_id`, message: lone },
    });
    expect(sent).toEqual([]);
  });

  it('sends ids at their limits: 255 characters, 255 astral code points, a 2048-character token', async () => {
    const { client, sent } = recordingClient();
    await client.balance({ ...balanceInput, player_id: '😀'.repeat(255), session_token: 's'.repeat(2048) });
    await client.balance({ ...balanceInput, reference: 'r'.repeat(255) });
    expect(sent).toHaveLength(2);
  });
});
