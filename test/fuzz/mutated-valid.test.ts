/**
 * Fuzz: valid requests mutated as JSON values (fields deleted, types swapped, numbers
 * out of range, unknown actions, extra unknown fields, player_id as a number, nested
 * nulls), then signed correctly over the mutated bytes. The answer is 200, or a 4xx
 * whose body is exactly `{"code":N,"message":"..."}` with N the status and a message
 * starting with the vendor's; never a 500, and a refusal moves nothing.
 *
 * @see docs/WALLET-PROTOCOL.md §3, §5 and §6
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  errorBodyProblem,
  fuzzRuns,
  fuzzTimeoutMs,
  oracleSign,
  post,
  sandboxHandler,
  snapshot,
  validRequest,
} from './fuzz-support.ts';

type Json = fc.JsonValue;
type JsonObject = { [key: string]: Json };

/** Every object in `value` with its keys, so a mutation can pick a place. */
function placesIn(value: Json, out: JsonObject[] = []): JsonObject[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const place = value as JsonObject;
    out.push(place);
    for (const child of Object.values(place)) placesIn(child, out);
  }
  return out;
}

const outOfRange = fc.constantFrom<Json>(
  -1,
  -0.5,
  1.5,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  1e308,
  Number.MIN_VALUE,
  0,
  '100',
  '',
);

/**
 * Unknown fields nested up to 20,000 levels (a 40 KB body, under the 64 KiB limit).
 * canonicalJson once overflowed the stack past ~3,000 (see regressions.test.ts). The
 * value is a marker string replaced by the nested text once the body is serialised
 * (JSON.stringify itself would recurse).
 */
const deepestNesting = 20_000;
const deep = fc.integer({ min: 1, max: deepestNesting }).map((depth): Json => `\u0000deep:${depth}`);

function expandDeep(text: string): string {
  return text.replace(/"\\u0000deep:(\d+)"/g, (_, depth: string) => `${'['.repeat(+depth)}${']'.repeat(+depth)}`);
}

/** One change to a request, at the `at`-th object inside it. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), key: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), key: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), key: fc.nat(), value: outOfRange }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), key: fc.nat(), value: fc.constant(null) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.constant(0), name: fc.constant('amount'), value: outOfRange }),
  fc.record({ kind: fc.constant('set' as const), at: fc.constant(0), name: fc.constant('amount'), value: outOfRange }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.constant(0),
    name: fc.constant('action'),
    value: fc.oneof(fc.string({ maxLength: 14 }), fc.constantFrom('BET', 'rollback_win', 'rollbackWin', ' win')),
  }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.constant(0),
    name: fc.constant('player_id'),
    value: fc.oneof(fc.integer(), fc.constantFrom(6, 12, 2 ** 53, -6, 6.5, 1e21)),
  }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    name: fc.string({ maxLength: 12 }),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), deep),
  }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.constant(0),
    name: fc.constantFrom('payload', 'provider_transfer_data', 'reference'),
    value: fc.constant(null),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(request: Record<string, unknown>, changes: readonly Mutation[]): Json {
  const copy = structuredClone(request) as JsonObject;
  for (const change of changes) {
    const places = placesIn(copy);
    const place = places[change.at % places.length]!;
    const keys = Object.keys(place);
    if (change.kind === 'set') {
      place[change.name] = change.value;
    } else if (keys.length > 0) {
      const key = keys[change.key % keys.length]!;
      if (change.kind === 'delete') delete place[key];
      else place[key] = change.value;
    }
  }
  return copy;
}

const mutatedRequest = fc
  .tuple(validRequest, fc.oneof(fc.tuple(mutation), fc.array(mutation, { minLength: 1, maxLength: 3 })))
  .map(([request, changes]) => expandDeep(JSON.stringify(mutate(request, changes))));

describe(`fuzz: mutated valid bodies with a valid signature (${fuzzRuns} runs)`, () => {
  it(
    'answer 200, or a 4xx with the protocol body and the vendor message; never 500; a refusal moves nothing',
    async () => {
      const { wallet, handle, errors } = sandboxHandler();
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(mutatedRequest, async (body) => {
          errors.length = 0; // each run is judged on its own call (shrinking replays runs)
          const before = snapshot(wallet);
          const response = await handle(post(body, { 'x-request-sign': oracleSign(body) }));
          const text = await response.text();
          statuses.add(response.status);
          expect({ status: response.status, errors }).toEqual({ status: expect.any(Number), errors: [] });
          if (response.status === 200) return;
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(errorBodyProblem(response.status, text)).toBeUndefined();
          expect(snapshot(wallet)).toBe(before);
        }),
        { numRuns: fuzzRuns },
      );
      expect([...statuses]).toEqual(expect.arrayContaining([200, 400]));
    },
    fuzzTimeoutMs,
  );
});
