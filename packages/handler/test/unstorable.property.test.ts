/**
 * Property: whatever string lands in a value or a key of a signed bet — lone surrogates,
 * U+0000, surrogate pairs, anything — the handler never answers 500; a string that
 * cannot be stored is refused 400 naming its field and no callback runs, and every
 * well-formed string without U+0000 under the limits passes the check.
 *
 * @see WALLET-PROTOCOL.md §6
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWalletHandler } from '../src/index.ts';
import { recordingWallet, signedCall, validRequests } from './support.ts';

const bad = 'Bad request. Badly formatted JSON.';

/** Code units that make strings hard to store, mixed with ordinary and astral characters. */
const unit = fc.oneof(
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\u0000', '😀', '\ud83d', '\ude00'),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.string({ minLength: 1, maxLength: 3 }),
);
const text = fc.array(unit, { maxLength: 12 }).map((parts) => parts.join(''));

/** Where the string goes: a path from the body's root, and whether it is a key there. */
const places = [
  ['player_id', false],
  ['payload.reference', false],
  ['payload.session_token', false],
  ['payload.provider_transfer_data.transaction_id', false],
  ['payload.provider_transfer_data.round_id', false],
  ['payload.provider_transfer_data.table_reference', false],
  ['payload.provider_transfer_data.promo.id', false],
  ['payload.provider_transfer_data', true],
  ['', true],
] as const;

/** The oracle, independent of the code under test: UTF-8 round trip and a search for U+0000. */
function storable(value: string): boolean {
  return new TextDecoder().decode(new TextEncoder().encode(value)) === value && !value.includes('\u0000');
}

function bodyWith(place: (typeof places)[number], value: string): Record<string, unknown> {
  const body = structuredClone(validRequests.bet) as Record<string, unknown>;
  const [path, isKey] = place;
  const keys = path ? path.split('.') : [];
  const last = isKey ? undefined : keys.pop();
  let at = body;
  for (const key of keys) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  if (isKey) at[`k${value}`] = 'x';
  else at[last!] = value;
  return body;
}

describe('unstorable strings, property', () => {
  it('never 500, never a callback for an unstorable string, and storable strings pass', async () => {
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({ secret: 'handler-test-secret', wallet });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...places), text, async (place, value) => {
        calls.length = 0;
        // JSON.stringify writes a lone surrogate as a \u escape, as a provider's PHP would.
        const response = await handle(await signedCall(bodyWith(place, value)));
        const answer = JSON.parse(await response.text()) as { code?: number; message?: string };
        expect(response.status).not.toBe(500);
        const [path, isKey] = place;
        if (storable(value)) {
          expect(response.status).toBe(200);
          expect(calls.map((c) => c.action)).toEqual(['bet']);
        } else {
          expect(response.status).toBe(400);
          const field = isKey ? (path ? `${path}: a key` : 'a key') : `${path}:`;
          expect(answer.message?.startsWith(`${bad} ${field} must`)).toBe(true);
          expect(calls).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
