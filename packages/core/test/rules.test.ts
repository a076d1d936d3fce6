/**
 * The decision functions alone: what they answer and what they ask a backend to write
 * for each fact they are given. The behaviour they add up to is the shipped rule suite
 * (@tbb-wallet/testing `walletRules`), run on the sandbox and the ledger.
 */
import type { PlayerFacts, StoredTransaction, TransferRequest } from '@tbb-wallet/core';
import { canonicalJson, decideBalance, decideTransfer, transferLookups } from '@tbb-wallet/core';
import { describe, expect, it } from 'vitest';

const game = { reference: 'barbarabang::MadMonkey', session_token: 'session-1' };
const base = { player_id: 'p1', currency_code: 'EUR', is_mobile: false };
const player: PlayerFacts = { currency: 'EUR', balance: 1000 };

function bet(amount = 100, id = 'b1'): TransferRequest {
  return {
    ...base,
    action: 'bet',
    amount,
    payload: { ...game, provider_transfer_data: { transaction_id: id, round_id: 'r1' } },
  };
}
function win(amount = 100, id = 'w1'): TransferRequest {
  const data = { transaction_id: id, round_id: 'r1', round_close: true };
  return { ...base, action: 'win', amount, payload: { ...game, provider_transfer_data: data } };
}
function refund(original = 'b1', id = 'rf1', amount = 100): TransferRequest {
  const data = { transaction_id: id, round_id: 'r1', refunded_transaction_id: original };
  return { ...base, action: 'refund', amount, payload: { ...game, provider_transfer_data: data } };
}
function rollback(original = 'w1', id = 'rb1', amount = 100): TransferRequest {
  const data = { transaction_id: id, round_id: 'r1', rollback_win_transaction_id: original };
  return { ...base, action: 'rollback-win', amount, payload: { ...game, provider_transfer_data: data } };
}
function accepted(movement: number, playerId = 'p1'): StoredTransaction {
  const response = { transaction_id: 'op-1', balance: 1000 + movement, currency_code: 'EUR' };
  return { playerId, fingerprint: 'x', movement, answer: { status: 200, response } };
}
const fresh = { player, stored: undefined, tombstoned: false };

describe('decideTransfer', () => {
  it('moves a new bet and asks to record it with its canonical fingerprint, burying nothing', () => {
    expect(decideTransfer(bet(), fresh)).toEqual({
      kind: 'move',
      movement: -100,
      balance: 900,
      bury: undefined,
      record: {
        action: 'bet',
        transactionId: 'b1',
        playerId: 'p1',
        fingerprint: canonicalJson(bet()),
        amount: 100,
        movement: -100,
        roundId: 'r1',
        originalTransactionId: null,
      },
    });
  });

  it('uses the fingerprint the backend gives (a hash) in place of the canonical text', () => {
    const decision = decideTransfer(bet(), { ...fresh, fingerprint: 'sha-1' });
    expect(decision.kind === 'move' && decision.record.fingerprint).toBe('sha-1');
  });

  it('replays the stored answer of the same body, refusals included, and asks to write nothing', () => {
    const stored = { playerId: 'p1', fingerprint: canonicalJson(bet()), movement: 0, answer: { status: 402 } } as const;
    expect(decideTransfer(bet(), { ...fresh, stored })).toEqual({ kind: 'replay', answer: { status: 402 } });
  });

  it('refuses a reused id with another body 400, naming the id, and records nothing', () => {
    const stored = { ...accepted(-100), fingerprint: canonicalJson(bet(100)) };
    expect(decideTransfer(bet(101), { ...fresh, stored })).toEqual({
      kind: 'refuse',
      code: 400,
      message:
        'Bad request. Badly formatted JSON. payload.provider_transfer_data.transaction_id: b1 was already sent with another body',
      record: undefined,
      bury: undefined,
    });
  });

  it.each<[string, TransferRequest, Partial<typeof fresh> & { original?: StoredTransaction }, number]>([
    ['unknown player', bet(), { player: undefined }, 404],
    ['blocked player bets', bet(), { player: { ...player, blocked: true } }, 407],
    ['bet whose id a refund named', bet(), { tombstoned: true }, 408],
    ['bet above the balance', bet(1001), {}, 402],
    ['refund of an unknown bet', refund(), {}, 406],
    ["refund of another player's bet", refund(), { original: accepted(-100, 'p2') }, 406],
    ['refund of a refused bet', refund(), { original: { ...accepted(0), answer: { status: 402 } } }, 406],
  ])('%s: refused %i and remembered', (_name, request, facts, code) => {
    const decision = decideTransfer(request, { ...fresh, ...facts });
    expect(decision).toMatchObject({
      kind: 'refuse',
      code,
      record: { movement: 0, transactionId: request.payload.provider_transfer_data.transaction_id },
    });
  });

  it.each<[string, TransferRequest, { original?: StoredTransaction; tombstoned?: boolean }, number]>([
    ['win', win(250), {}, 250],
    ['win whose id a rollback named', win(250), { tombstoned: true }, 0],
    ['refund: the ORIGINAL bet back', refund('b1', 'rf1', 7), { original: accepted(-300) }, 300],
    ['second refund of a bet', refund(), { original: accepted(-300), tombstoned: true }, 0],
    ['rollback-win: the ORIGINAL win back', rollback('w1', 'rb1', 9999), { original: accepted(500) }, -500],
    ['rollback-win of an unknown win', rollback(), {}, 0],
    ['second rollback of a win', rollback(), { original: accepted(500), tombstoned: true }, 0],
  ])('%s moves %i', (_name, request, facts, movement) => {
    expect(decideTransfer(request, { ...fresh, ...facts })).toMatchObject({
      kind: 'move',
      movement,
      balance: 1000 + movement,
    });
  });

  it.each([
    ['refund', refund('b9', 'rf9'), 'bet', 'b9'],
    ['rollback-win', rollback('w9', 'rb9'), 'win', 'w9'],
  ])('%s buries its original the first time only, named by its own id', (_name, request, action, original) => {
    const id = request.payload.provider_transfer_data.transaction_id;
    expect(decideTransfer(request, fresh)).toMatchObject({ bury: { action, transactionId: original, namedBy: id } });
    expect(decideTransfer(request, { ...fresh, tombstoned: true })).toMatchObject({ bury: undefined });
    expect(transferLookups(request)).toEqual({
      stored: { action: request.action, transactionId: id },
      original: { action, transactionId: original },
      tombstone: { action, transactionId: original },
    });
  });

  it.each([
    ['refund', refund('b9', 'rf9'), 406],
    ['rollback-win', rollback('w9', 'rb9'), undefined],
  ])("%s naming another player's original buries nothing: its owner may still reverse it", (_name, request, code) => {
    const decision = decideTransfer(request, { ...fresh, original: accepted(-100, 'p2') });
    expect(decision).toMatchObject({ bury: undefined, record: { movement: 0 } });
    expect(decision.kind === 'refuse' ? decision.code : undefined).toBe(code);
  });

  it('looks a bet or win up by its own id, with no original', () => {
    expect(transferLookups(win())).toEqual({
      stored: { action: 'win', transactionId: 'w1' },
      original: undefined,
      tombstone: { action: 'win', transactionId: 'w1' },
    });
  });

  it('refuses 400 a currency other than the wallet currency, recording nothing', () => {
    expect(decideTransfer({ ...win(), currency_code: 'USD' }, fresh)).toEqual({
      kind: 'refuse',
      code: 400,
      message: "Bad request. Badly formatted JSON. currency_code: must be EUR, the player's wallet currency",
      record: undefined,
      bury: undefined,
    });
  });

  it('refuses 400 a movement past 2^53−1, recording and burying nothing', () => {
    const decision = decideTransfer(rollback(), {
      ...fresh,
      player: { ...player, balance: -Number.MAX_SAFE_INTEGER },
      original: accepted(1),
    });
    expect(decision).toMatchObject({ kind: 'refuse', code: 400, record: undefined, bury: undefined });
    expect(decideTransfer(win(Number.MAX_SAFE_INTEGER), fresh)).toMatchObject({ kind: 'refuse', code: 400 });
  });
});

describe('decideBalance', () => {
  const request = { ...base, action: 'balance' as const, ...game };

  it.each<[string, PlayerFacts | undefined, unknown]>([
    ['a known player', player, { kind: 'answer', response: { player_id: 'p1', balance: 1000, currency_code: 'EUR' } }],
    ['an unknown player', undefined, { kind: 'refuse', code: 404, message: 'Player not found.' }],
    ['a blocked player', { ...player, blocked: true }, { kind: 'refuse', code: 407, message: 'Player is blocked.' }],
    [
      'a USD wallet',
      { ...player, currency: 'USD' },
      { kind: 'refuse', code: 400, message: expect.stringContaining('must be USD') },
    ],
  ])('answers %s', (_name, facts, want) => {
    expect(decideBalance(request, facts)).toEqual(want);
  });
});
