/**
 * What can never be stored (WALLET-PROTOCOL.md §6), through core's public entry:
 * `checkWalletRequest` with and without the body text, and `findUnstorable`, which the
 * client runs before it sends.
 */
import { readFileSync } from 'node:fs';
import { checkWalletRequest, findUnstorable, formatIssue, identifierLimits } from '@tbb-wallet/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const bet = (transfer: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  player_id: '12',
  currency_code: 'EUR',
  is_mobile: false,
  action: 'bet',
  amount: 100,
  payload: {
    reference: 'Monkey',
    session_token: 's',
    provider_transfer_data: { transaction_id: 't1', round_id: 'r1', ...transfer },
  },
  ...extra,
});

const transfer = 'payload.provider_transfer_data';
const lone = 'must be well-formed Unicode (no lone surrogate)';

describe('checkWalletRequest refuses what cannot be stored', () => {
  it.each([
    ['a lone high surrogate', bet({ transaction_id: 'a\ud800' }), `${transfer}.transaction_id: ${lone}`],
    ['a lone low surrogate', bet({ round_id: '\udc00b' }), `${transfer}.round_id: ${lone}`],
    ['a reversed pair', bet({ round_id: '\ude00\ud83d' }), `${transfer}.round_id: ${lone}`],
    ['U+0000', bet({ transaction_id: 't\u0000' }), `${transfer}.transaction_id: must not contain U+0000`],
    ['a bad key at the top', bet({}, { '\ud800': 1 }), `a key ${lone}`],
    [
      'a bad key deep in an unknown field',
      bet({}, { extra: [{ ok: { 'k\u0000': 1 } }] }),
      'extra.0.ok: a key must not contain U+0000',
    ],
    ['a bad string in an array', bet({}, { extra: ['ok', '\udfff'] }), `extra.1: ${lone}`],
    [
      'a player_id string of 256',
      bet({}, { player_id: 'p'.repeat(256) }),
      'player_id: must NOT have more than 255 characters',
    ],
    [
      '256 astral characters',
      bet({ round_id: '😀'.repeat(256) }),
      `${transfer}.round_id: must NOT have more than 255 characters`,
    ],
  ])('%s', (_, body, want) => {
    const checked = checkWalletRequest(body);
    expect(checked.ok ? 'ok' : formatIssue(checked.issue)).toBe(want);
    // With the text the body came from, the answer is the same.
    const again = checkWalletRequest(JSON.parse(JSON.stringify(body)), JSON.stringify(body));
    expect(again.ok ? 'ok' : formatIssue(again.issue)).toBe(want);
  });

  it('accepts surrogate pairs, U+FFFD, and ids at their limits (code points, not UTF-16 units)', () => {
    const body = bet(
      { transaction_id: '😀'.repeat(255), round_id: '\ufffd'.repeat(255) },
      { player_id: 'p'.repeat(255) },
    );
    expect(checkWalletRequest(body).ok).toBe(true);
    expect(checkWalletRequest(body, JSON.stringify(body)).ok).toBe(true);
  });

  it('still walks a body whose text has no \\u escape but is not well-formed itself', () => {
    const text = `{"player_id":"12","currency_code":"EUR","is_mobile":false,"action":"balance","reference":"M","session_token":"\ud800"}`;
    const checked = checkWalletRequest(JSON.parse(text), text);
    expect(checked.ok ? 'ok' : formatIssue(checked.issue)).toBe(`session_token: ${lone}`);
  });

  it('walks a body nested 100,000 levels deep without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`;
    const text = JSON.stringify(bet()).replace(/}$/, `,"extra":${deep}}`);
    const checked = checkWalletRequest(JSON.parse(text), text);
    expect(checked.ok ? 'ok' : formatIssue(checked.issue)).toMatch(
      /^extra(\.0)+\.?…(\.?0)+: must not contain U\+0000$/,
    );
  });
});

describe('checkWalletRequest over deep bodies', () => {
  it.each([31, 32, 33, 1000])('accepts storable strings %i levels deep', (depth) => {
    const deep = `${'['.repeat(depth)}"ok \\u00e9"${']'.repeat(depth)}`;
    const text = JSON.stringify(bet()).replace(/}$/, `,"extra":${deep}}`);
    expect(checkWalletRequest(JSON.parse(text), text).ok).toBe(true);
  });
});

describe('findUnstorable', () => {
  it('reports only what can never be stored, not other schema issues', () => {
    expect(findUnstorable(bet({ transaction_id: 'x\u0000' }))).toEqual({
      path: `${transfer}.transaction_id`,
      message: 'must not contain U+0000',
    });
    expect(findUnstorable(bet({ table_reference: 'x'.repeat(256) }))).toEqual({
      path: `${transfer}.table_reference`,
      message: 'must NOT have more than 255 characters',
    });
    expect(findUnstorable({ ...bet(), amount: -1 })).toBeUndefined();
    expect(findUnstorable(bet())).toBeUndefined();
  });

  it('finds the same with the JSON.stringify text as without it, for any strings and keys', () => {
    // Lone surrogates and U+0000 among ordinary characters, in values and keys, and ids past their limits.
    const text = fc.string({ unit: fc.constantFrom('a', '\\', 'u', '\ud800', '\udc00', '\u0000', '😀', '\u00e9') });
    const request = fc.record({
      id: fc.oneof(text, fc.string({ minLength: 250, maxLength: 260 })),
      key: text,
      value: text,
    });
    fc.assert(
      fc.property(request, ({ id, key, value }) => {
        const call = bet({ transaction_id: id, extra: { [key]: [value] } });
        expect(findUnstorable(call, JSON.stringify(call))).toEqual(findUnstorable(call));
      }),
    );
  });
});

describe('identifierLimits', () => {
  it('are the maxLength of every string the spec limits (PlayerId is player_id)', () => {
    const spec = parse(readFileSync(new URL('../../../openapi/wallet.bundled.yaml', import.meta.url), 'utf8'));
    const found: Record<string, Set<number>> = {};
    const note = (name: string, limit: number) => {
      found[name] ??= new Set();
      found[name].add(limit);
    };
    for (const [name, schema] of Object.entries<Record<string, unknown>>(spec.components.schemas)) {
      const branch = (schema.anyOf as { maxLength?: number }[] | undefined)?.find((b) => b.maxLength);
      if (name === 'PlayerId' && branch?.maxLength) note('player_id', branch.maxLength);
      const properties = (schema.properties ?? {}) as Record<string, { maxLength?: number }>;
      for (const [field, property] of Object.entries(properties))
        if (property.maxLength) note(field, property.maxLength);
    }
    const limits = Object.fromEntries(Object.entries(found).map(([field, set]) => [field, [...set]]));
    expect(limits).toEqual(Object.fromEntries(Object.entries(identifierLimits).map(([field, n]) => [field, [n]])));
  });

  it('count code points, as the spec validators do', () => {
    expect(findUnstorable(bet({ round_id: '😀'.repeat(255) }))).toBeUndefined();
    expect(findUnstorable(bet({ round_id: '😀'.repeat(256) }))).toEqual({
      path: `${transfer}.round_id`,
      message: 'must NOT have more than 255 characters',
    });
    expect(
      findUnstorable({ action: 'balance', player_id: '6', reference: 'r', session_token: 's'.repeat(2049) }),
    ).toEqual({ path: 'session_token', message: 'must NOT have more than 2048 characters' });
  });
});
