import { checkTransactionResponse, checkWalletRequest, formatIssue } from '@tbb-wallet/core';
import { describe, expect, it } from 'vitest';

const win = () => ({
  player_id: '12',
  currency_code: 'EUR',
  is_mobile: false,
  action: 'win',
  amount: 100,
  payload: {
    reference: 'Monkey',
    session_token: 's',
    provider_transfer_data: { transaction_id: 't1', round_id: 'r1', round_close: true },
  },
});

const removed = Symbol('removed');

/** A valid win with the field at `path` set to `value`, or deleted. */
function winWith(path: string, value: unknown): Record<string, unknown> {
  const body: Record<string, unknown> = win();
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, body);
  if (value === removed) delete parent[last];
  else parent[last] = value;
  return body;
}

const transfer = 'payload.provider_transfer_data';
const rows: [name: string, path: string, value: unknown, want: string][] = [
  ['negative amount', 'amount', -1, 'amount: must be >= 0'],
  ['fractional amount', 'amount', 1.5, 'amount: must be integer'],
  ['amount of 2^53', 'amount', 2 ** 53, 'amount: must be <= 9007199254740991'],
  ['amount as a string', 'amount', '100', 'amount: must be integer'],
  ['missing amount', 'amount', removed, 'amount: is required'],
  ['unknown action', 'action', 'deposit', 'action: must be one of balance, bet, win, refund, rollback-win'],
  ['missing action', 'action', removed, 'action: is required and must be a string'],
  ['player_id as an object', 'player_id', {}, 'player_id: must be string or integer'],
  ['is_mobile as a string', 'is_mobile', 'no', 'is_mobile: must be boolean'],
  ['missing transaction_id', `${transfer}.transaction_id`, removed, `${transfer}.transaction_id: is required`],
  ['missing round_close on a win', `${transfer}.round_close`, removed, `${transfer}.round_close: is required`],
  [
    'jackpot_id as a number',
    `${transfer}.jackpot`,
    { jackpot_id: 5 },
    `${transfer}.jackpot.jackpot_id: must be string`,
  ],
];

describe('checkWalletRequest', () => {
  it('accepts a valid win, unknown fields included, and returns the same object', () => {
    const body = { ...win(), brand_new_vendor_field: { any: 'thing' } };
    expect(checkWalletRequest(body)).toEqual({ ok: true, value: body });
  });

  it('accepts player_id as an integer (the vendor examples do this)', () => {
    expect(checkWalletRequest({ ...win(), player_id: 12 }).ok).toBe(true);
  });

  it('accepts null in the vendor nullable fields', () => {
    const body = win();
    (body.payload.provider_transfer_data as Record<string, unknown>).free_spin = { free_spin_id: null };
    expect(checkWalletRequest(body).ok).toBe(true);
  });

  it.each(rows)('names the field: %s', (_name, path, value, want) => {
    const checked = checkWalletRequest(winWith(path, value));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(formatIssue(checked.issue)).toBe(want);
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'win'],
  ])('refuses %s as a whole body', (_name, value) => {
    expect(checkWalletRequest(value).ok).toBe(false);
  });
});

describe('checkTransactionResponse', () => {
  it('accepts a negative balance (a rollback-win may go below zero)', () => {
    expect(checkTransactionResponse({ transaction_id: 'o1', balance: -50, currency_code: 'EUR' }).ok).toBe(true);
  });

  it.each([
    ['fractional balance', { transaction_id: 'o1', balance: 1.5, currency_code: 'EUR' }, 'balance: must be integer'],
    ['missing transaction_id', { balance: 1, currency_code: 'EUR' }, 'transaction_id: is required'],
  ])('refuses %s', (_name, body, want) => {
    const checked = checkTransactionResponse(body);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(formatIssue(checked.issue)).toBe(want);
  });
});
