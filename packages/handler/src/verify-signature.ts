/**
 * Step 3 of the request path: the `X-REQUEST-SIGN` header against the exact raw bytes.
 *
 * @see WALLET-PROTOCOL.md §2 and §6 (either hex case, several secrets during a rotation)
 */
import type { Secret } from '@tbb-wallet/core';
import { verify } from '@tbb-wallet/core';
import type { WalletAnswer } from './answer.ts';
import { errorAnswer } from './answer.ts';

/** The name of the signature header (HTTP header names are case-insensitive). */
export const signatureHeader = 'x-request-sign';

const forbidden: WalletAnswer = errorAnswer(403);

const answerOf = (matched: boolean): WalletAnswer | undefined => (matched ? undefined : forbidden);

/** `undefined` when the signature matches one of the secrets, otherwise the 403 answer. Never throws for a bad signature. */
export function verifySignature(
  raw: Uint8Array,
  signature: string | null | undefined,
  secrets: readonly Secret[],
): Promise<WalletAnswer | undefined> {
  return verify(raw, signature, secrets).then(answerOf); // not an async function: one promise less a call
}
