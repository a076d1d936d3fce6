/**
 * Fuzz: random and mutated bodies, headers and signatures against `handle` in front of
 * the sandbox wallet. Whatever arrives: no exception out of `handle`, no 200 unless the
 * signature is the HMAC of the exact bytes (checked with node:crypto, not the code under
 * test), no 500, every refusal is the protocol's `{code, message}` and changes nothing
 * in the ledger. Runs: FUZZ_RUNS (default a few hundred).
 *
 * @see docs/WALLET-PROTOCOL.md §2, §5 and §6
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  errorBodyProblem,
  fuzzRuns,
  fuzzTimeoutMs,
  maxBodyBytes,
  oracleSign,
  post,
  sandboxHandler,
  snapshot,
  validBody,
} from './fuzz-support.ts';

const encoder = new TextEncoder();

/** A valid body with one byte-level mutation: flip, truncation, insertion or deletion. */
const mutatedBody = fc
  .tuple(
    validBody,
    fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
    ),
  )
  .map(([body, change]) => {
    const at = change.at % body.length;
    if (change.kind === 'flip') {
      const out = body.slice();
      out[at] = out[at]! ^ change.xor;
      return out;
    }
    if (change.kind === 'truncate') return body.slice(0, at);
    if (change.kind === 'insert') return Uint8Array.from([...body.slice(0, at), ...change.bytes, ...body.slice(at)]);
    return Uint8Array.from([...body.slice(0, at), ...body.slice(at + change.count)]);
  });

/** Any body: random bytes, random JSON, a valid body, or a mutated valid body. */
const anyBody = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.json().map((json) => encoder.encode(json)),
  validBody,
  mutatedBody,
  mutatedBody,
);

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

/** What to put in X-REQUEST-SIGN, given the body: absent, good, near-good, of another body, random. */
const signatureFor = (body: Uint8Array) => {
  const good = oracleSign(body);
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(''),
    fc.constant(good),
    fc.constant(good.toUpperCase()),
    fc.constant(` ${good}\t`),
    fc.constant(good.slice(0, 63)),
    fc.constant(`${good}0`),
    fc.constant(oracleSign(body, 'another-secret')),
    fc
      .tuple(fc.nat(63), fc.constantFrom(...'0123456789abcdefABCDEFxyz-'))
      .map(([at, c]) => good.slice(0, at) + c + good.slice(at + 1)),
    validBody.map((other) => oracleSign(other)),
    hex64,
    fc.string({ maxLength: 80 }),
  );
};

/** A header name in random casing. */
const casing = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

/** A body, and headers built around it (signature, duplicates, casing, content type). */
const mangledCall = anyBody.chain((body) =>
  fc.record({
    body: fc.constant(body),
    signature: signatureFor(body),
    name: casing('x-request-sign'),
    duplicate: fc.option(fc.oneof(fc.constant(oracleSign(body)), hex64, fc.string({ maxLength: 70 })), {
      nil: undefined,
    }),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
  }),
);

/** A valid body, signed right: so every run reaches the accepted path, not only by luck. */
const wellSignedCall = validBody.map((body) => ({
  body,
  signature: oracleSign(body),
  name: 'X-Request-Sign',
  duplicate: undefined,
  contentType: 'application/json',
}));

const fuzzCall = fc.oneof({ arbitrary: mangledCall, weight: 4 }, { arbitrary: wellSignedCall, weight: 1 });

function headersOf(call: {
  signature: string | undefined;
  name: string;
  duplicate: string | undefined;
  contentType: string;
}): Headers {
  const headers = new Headers();
  if (call.contentType) headers.set('content-type', call.contentType);
  if (call.signature !== undefined) headers.append(call.name, call.signature);
  if (call.duplicate !== undefined) headers.append(call.name.toUpperCase(), call.duplicate);
  return headers;
}

describe(`fuzz: random and mutated bodies, headers and signatures (${fuzzRuns} runs)`, () => {
  it(
    'never throws, never answers 200 to a bad signature, never moves money on a refusal',
    async () => {
      const { wallet, handle, errors } = sandboxHandler();
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(fuzzCall, async (call) => {
          const request = post(call.body, headersOf(call));
          // The oracle reads the header as the server sees it (trimmed, duplicates joined).
          const seen = request.headers.get('x-request-sign');
          const goodSignature = seen !== null && seen.toLowerCase() === oracleSign(call.body);
          errors.length = 0; // each run is judged on its own call (shrinking replays runs)
          const before = snapshot(wallet);
          const response = await handle(request);
          const text = await response.text();
          statuses.add(response.status);
          expect(response.status).not.toBe(500);
          expect(errors).toEqual([]);
          if (!goodSignature && call.body.byteLength <= maxBodyBytes) expect(response.status).toBe(403);
          if (response.status !== 200) {
            expect(errorBodyProblem(response.status, text)).toBeUndefined();
            expect(snapshot(wallet)).toBe(before);
          }
        }),
        { numRuns: fuzzRuns },
      );
      // The generators reach every step of the request path, accepted calls included.
      expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 403]));
    },
    fuzzTimeoutMs,
  );

  it(
    'a body over the limit is answered 413 whatever its signature, and moves nothing',
    async () => {
      const { wallet, handle } = sandboxHandler();
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 4_096 }), fc.boolean(), async (extra, signed) => {
          const body = new Uint8Array(maxBodyBytes + extra).fill(0x20);
          const before = snapshot(wallet);
          const response = await handle(post(body, signed ? { 'x-request-sign': oracleSign(body) } : {}));
          expect(response.status).toBe(413);
          expect(errorBodyProblem(413, await response.text())).toBeUndefined();
          expect(snapshot(wallet)).toBe(before);
        }),
        { numRuns: fuzzRuns },
      );
    },
    fuzzTimeoutMs,
  );
});
