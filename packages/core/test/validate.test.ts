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

type Edit = (body: ReturnType<typeof win> & Record<string, unknown>) => void;

const rows: [name: string, edit: Edit, want: string][] = [
  ['negative amount', (b) => void (b.amount = -1), 'amount: must be >= 0'],
  ['fractional amount', (b) => void (b.amount = 1.5), 'amount: must be integer'],
  ['amount of 2^53', (b) => void (b.amount = 2 ** 53), 'amount: must be <= 9007199254740991'],
  ['amount as a string', (b) => void ((b as Record<string, unknown>).amount = '100'), 'amount: must be integer'],
  ['missing amount', (b) => void delete (b as Record<string, unknown>).amount, 'amount: is required'],
  [
    'unknown action',
    (b) => void (b.action = 'deposit'),
    'action: must be one of balance, bet, win, refund, rollback-win',
  ],
  [
    'missing action',
    (b) => void delete (b as Record<string, unknown>).action,
    'action: is required and must be a string',
  ],
  [
    'player_id as an object',
    (b) => void ((b as Record<string, unknown>).player_id = {}),
    'player_id: must be string or integer',
  ],
  [
    'is_mobile as a string',
    (b) => void ((b as Record<string, unknown>).is_mobile = 'no'),
    'is_mobile: must be boolean',
  ],
  [
    'missing transaction_id',
    (b) => void delete (b.payload.provider_transfer_data as Record<string, unknown>).transaction_id,
    'payload.provider_transfer_data.transaction_id: is required',
  ],
  [
    'missing round_close on a win',
    (b) => void delete (b.payload.provider_transfer_data as Record<string, unknown>).round_close,
    'payload.provider_transfer_data.round_close: is required',
  ],
  [
    'jackpot_id as a number',
    (b) => void ((b.payload.provider_transfer_data as Record<string, unknown>).jackpot = { jackpot_id: 5 }),
    'payload.provider_transfer_data.jackpot.jackpot_id: must be string',
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

  it.each(rows)('names the field: %s', (_name, edit, want) => {
    const body = win() as ReturnType<typeof win> & Record<string, unknown>;
    edit(body);
    const checked = checkWalletRequest(body);
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
