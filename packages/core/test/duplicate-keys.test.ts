/**
 * A key sent twice in one object (WALLET-PROTOCOL.md §6): found in the text, named by its
 * path, never confused by what strings hold; through `findDuplicateKey` and through
 * `checkWalletRequest` given the body text.
 */
import { checkWalletRequest, findDuplicateKey, formatIssue } from '@tbb-wallet/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const once = 'must be sent once, not repeated in the same object';
const found = (json: string) => findDuplicateKey(JSON.parse(json), json);

const bet =
  '{"player_id":"12","currency_code":"EUR","is_mobile":false,"action":"bet","amount":100,' +
  '"payload":{"reference":"Monkey","session_token":"s","provider_transfer_data":{"transaction_id":"t1","round_id":"r1"}}}';

describe('findDuplicateKey', () => {
  it.each([
    ['a top-level key', '{"amount":1,"amount":100}', 'amount'],
    ['a nested key', '{"p":{"t":"a","x":1,"t":"b"}}', 'p.t'],
    ['a key spelled with an escape', '{"amount":1,"\\u0061mount":100}', 'amount'],
    ['a key in an object inside an array', '{"list":[1,{"a":1},{"a":1,"a":2}]}', 'list.2.a'],
    ['a key after whitespace and escaped quotes', '{ "k" : "say \\"k\\":" , "k" : 2 }', 'k'],
    ['an empty key', '{"":1,"":2}', ''],
    ['a key spaced from its colon', '{"a" :1,\n"a"\t: 2}', 'a'],
    // One copy spaced, one not: a count of `":` alone sees one key, as many as the parsed value keeps.
    ['a key sent twice, one copy spaced from its colon', '{"amount" :1,"amount":100}', 'amount'],
    ['a nested key sent twice, the other copy spaced', '{"p":{"t":"a","t"\n:"b"}}', 'p.t'],
  ])('names %s', (_, json, path) => {
    expect(found(json)).toEqual({ path, message: once });
  });

  it.each([
    ['distinct keys', '{"a":1,"b":{"a":2}}'],
    ['the same key in two objects', '{"x":{"k":1},"y":{"k":1},"k":[{"k":0}]}'],
    ['keys inside strings', '{"a":"\\"a\\":1,\\"a\\":2","b":"\\\\","c":"a:"}'],
    ['an array of strings followed by colons in text', '{"a":["x",":","y"]}'],
    ['string values that open with a colon', '{"a":":x","b":[":",":y"]}'],
    ['keys spaced from their colons', '{"a" : 1, "b" :{"c"\n:2}}'],
    ['__proto__ once', '{"__proto__":{"x":1},"x":1}'],
    ['the protocol’s bet', bet],
  ])('finds nothing in %s', (_, json) => {
    expect(found(json)).toBeUndefined();
  });

  it('finds a repeat at any depth JSON.parse accepts', () => {
    const depth = 20_000;
    const json = `{"d":${'['.repeat(depth)}{"a":1,"a":2}${']'.repeat(depth)}}`;
    expect(found(json)?.message).toBe(once);
    expect(found(json)?.path.length).toBeLessThanOrEqual(201);
  });

  it('agrees with a count of keys on random JSON (no false alarm, no miss)', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(found(json)).toBeUndefined(); // fast-check's json() never repeats a key
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.nat(), (object, pick) => {
        const keys = Object.keys(object);
        const key = keys[pick % keys.length]!;
        const json = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(key)}:0}`;
        expect(found(json)).toEqual({ path: key.length > 200 ? expect.any(String) : key, message: once });
      }),
    );
  });
});

describe('checkWalletRequest with the body text', () => {
  it('refuses a bet whose amount is sent twice, naming the field', () => {
    const json = bet.replace('"amount":100', '"amount":1,"amount":100');
    const checked = checkWalletRequest(JSON.parse(json), json);
    expect(checked.ok ? 'ok' : formatIssue(checked.issue)).toBe(`amount: ${once}`);
  });

  it('refuses a transaction_id sent twice when one copy is spaced from its colon', () => {
    const json = bet.replace('"transaction_id":"t1"', '"transaction_id" : "t1","transaction_id":"t2"');
    const checked = checkWalletRequest(JSON.parse(json), json);
    expect(checked.ok ? 'ok' : formatIssue(checked.issue)).toBe(
      `payload.provider_transfer_data.transaction_id: ${once}`,
    );
  });

  it('without the text, cannot see the repeat: the parsed value holds one key', () => {
    const json = bet.replace('"amount":100', '"amount":1,"amount":100');
    expect(checkWalletRequest(JSON.parse(json)).ok).toBe(true);
  });
});
