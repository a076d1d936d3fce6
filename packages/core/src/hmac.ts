/**
 * HMAC-SHA256 behind one interface: `node:crypto` where the runtime has it (a few µs,
 * synchronous), WebCrypto elsewhere (Workers, browsers; asynchronous and slower).
 * `node:crypto` is reached through `process.getBuiltinModule`, so bundles for
 * runtimes without it carry no import of it.
 */
import type { BodyBytes } from './bytes.ts';
import { toBytes } from './bytes.ts';

/** A secret shared by the provider and the operator (the vendor's "password"). */
export type Secret = string | Uint8Array;

/** Computes HMAC-SHA256 digests and compares them without leaking timing. */
export interface HmacBackend {
  readonly name: 'node:crypto' | 'webcrypto';
  digest(secret: Secret, body: BodyBytes): Promise<Uint8Array>;
  /** The digest as lowercase hex, computed at once, where the backend can (`node:crypto`). */
  readonly hexDigest?: ((secret: Secret, body: BodyBytes) => string) | undefined;
  /** Constant-time comparison of `expected` with the HMAC of `body`. */
  matches(secret: Secret, body: BodyBytes, expected: Uint8Array): Promise<boolean>;
  /** The same comparison at once, where the backend can (`node:crypto`): `verify()` then awaits nothing. */
  readonly matchesNow?: ((secret: Secret, body: BodyBytes, expected: Uint8Array) => boolean) | undefined;
}

type NodeCrypto = typeof import('node:crypto');

/** The `node:crypto` backend, or `undefined` on a runtime without it. */
export function nodeHmacBackend(): HmacBackend | undefined {
  const crypto = globalThis.process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  if (!crypto?.createHmac) return undefined;
  const digest = (secret: Secret, body: BodyBytes) =>
    new Uint8Array(crypto.createHmac('sha256', secret).update(body).digest());
  const matches = (secret: Secret, body: BodyBytes, expected: Uint8Array) => {
    const actual = crypto.createHmac('sha256', secret).update(body).digest(); // no copy: only compared
    return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  };
  return {
    name: 'node:crypto',
    digest: async (secret, body) => digest(secret, body),
    hexDigest: (secret, body) => crypto.createHmac('sha256', secret).update(body).digest('hex'),
    matches: async (secret, body, expected) => matches(secret, body, expected),
    matchesNow: matches,
  };
}

/** The WebCrypto backend; imported keys are cached per string secret. */
export function webHmacBackend(subtle: SubtleCrypto = globalThis.crypto.subtle): HmacBackend {
  const keys = new Map<string, Promise<CryptoKey>>();
  const importKey = (secret: Secret): Promise<CryptoKey> => {
    const make = () =>
      subtle.importKey('raw', toBytes(secret) as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]);
    if (typeof secret !== 'string') return make();
    let key = keys.get(secret);
    if (!key) {
      key = make();
      keys.set(secret, key);
    }
    return key;
  };
  return {
    name: 'webcrypto',
    digest: async (secret, body) =>
      new Uint8Array(await subtle.sign('HMAC', await importKey(secret), toBytes(body) as BufferSource)),
    // subtle.verify compares in constant time.
    matches: async (secret, body, expected) =>
      subtle.verify('HMAC', await importKey(secret), expected as BufferSource, toBytes(body) as BufferSource),
  };
}

let selected: HmacBackend | undefined;

/** The backend this runtime uses: `node:crypto` when present, WebCrypto otherwise. */
export function defaultHmacBackend(): HmacBackend {
  selected ??= nodeHmacBackend() ?? webHmacBackend();
  return selected;
}
