/**
 * An unknown option is named, with the one it most likely meant, instead of being ignored.
 */
import { assertKnownOptions } from '@tbb-wallet/core';
import { describe, expect, it } from 'vitest';

const known = { baseUrl: true, secret: true, retry: true, timeoutMs: true, maxBodyBytes: true } as const;

describe('assertKnownOptions', () => {
  it('accepts known options, given or not', () => {
    expect(() => assertKnownOptions('f', { baseUrl: 'x', retry: undefined }, known)).not.toThrow();
    expect(() => assertKnownOptions('f', {}, known)).not.toThrow();
  });

  it.each([
    ['retries', 'retry'],
    ['timeout', 'timeoutMs'],
    ['maxBodyByte', 'maxBodyBytes'],
    ['baseURL', 'baseUrl'],
    ['secrte', 'secret'],
  ])('names %s and suggests %s', (typo, meant) => {
    expect(() => assertKnownOptions('createThing', { [typo]: 1 }, known)).toThrow(
      new TypeError(
        `createThing: unknown option \`${typo}\` — did you mean \`${meant}\`? ` +
          'Its options are: baseUrl, secret, retry, timeoutMs, maxBodyBytes.',
      ),
    );
  });

  it('suggests nothing for a name close to none, and still refuses a key set to undefined', () => {
    expect(() => assertKnownOptions('f', { database: undefined }, known)).toThrow(
      new TypeError('f: unknown option `database`. Its options are: baseUrl, secret, retry, timeoutMs, maxBodyBytes.'),
    );
  });

  it('does not take inherited names for options', () => {
    expect(() => assertKnownOptions('f', { toString: 1 }, known)).toThrow(/unknown option `toString`/);
  });
});
