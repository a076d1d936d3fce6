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

describe('canonicalJson on deep values', () => {
  it('writes a value nested 100,000 levels deep without overflowing the stack', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}${'{"a":1}'}${']'.repeat(depth)}`;
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('writes exactly what the plain recursive definition writes', () => {
    // The definition, by recursion (fine for shallow values): sorted keys, no spaces.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalJson around the depth where it stops recursing', () => {
  it('writes what the definition writes at every depth from 1 to 200, objects and arrays mixed', () => {
    let value: unknown = JSON.parse('{"z":"end \\" \\\\ \\u0001 \\ud800 \\ud83d\\ude00 é","a":[1,-0,1e2]}');
    let text = '{"a":[1,0,100],"z":"end \\" \\\\ \\u0001 \\ud800 😀 é"}';
    for (let depth = 1; depth <= 200; depth++) {
      expect(canonicalJson(value)).toBe(text);
      [value, text] = depth % 2 ? [{ b: value, a: null }, `{"a":null,"b":${text}}`] : [[value, true], `[${text},true]`];
    }
  });

  it('writes each string and key as JSON.stringify does, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (key, text) => {
        expect(canonicalJson({ [key]: [key, text] })).toBe(
          `{${JSON.stringify(key)}:[${JSON.stringify(key)},${JSON.stringify(text)}]}`,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
