import { canonicalJson } from '@tbb-wallet/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('canonicalJson', () => {
  it('is the same for the same content whatever the key order and spacing', () => {
    const a = JSON.parse('{"b":1,"a":{"y":[1,{"q":null,"p":true}],"x":"s"}}');
    const b = JSON.parse('{ "a" : { "x" : "s", "y" : [1, {"p":true, "q":null}] }, "b" : 1 }');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"s","y":[1,{"p":true,"q":null}]},"b":1}');
  });

  it('differs when any value differs', () => {
    expect(canonicalJson({ amount: 10 })).not.toBe(canonicalJson({ amount: 11 }));
    expect(canonicalJson({ amount: 10 })).not.toBe(canonicalJson({ amount: '10' }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('round-trips any JSON value to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
