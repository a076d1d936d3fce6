/**
 * Steps 4 and 5 of the request path: the raw bytes as JSON, then the generated
 * validator. The bytes are parsed once and never re-serialised; unknown fields are
 * kept, and a `player_id` sent as a JSON number becomes its decimal string.
 *
 * @see WALLET-PROTOCOL.md §3 and §6
 */
import type { WalletRequest } from '@tbb-wallet/core';
import { checkWalletRequest, formatIssue, walletErrorMessages } from '@tbb-wallet/core';
import type { WalletAnswer } from './answer.ts';
import { errorAnswer } from './answer.ts';
import type { Received } from './wallet.ts';

/** A validated call of any of the five actions, as the callbacks receive it (told apart by `action`). */
export type WalletCall = WalletRequest extends infer R ? (R extends WalletRequest ? Received<R> : never) : never;

/** The call, or the 400 answer that refuses it. */
export type Parsed =
  | { readonly ok: true; readonly call: WalletCall }
  | { readonly ok: false; readonly answer: WalletAnswer };

const decoder = new TextDecoder('utf-8', { fatal: true });
const badJson: Parsed = { ok: false, answer: errorAnswer(400) };

function refuse(field: string): Parsed {
  return { ok: false, answer: errorAnswer(400, `${walletErrorMessages[400]} ${field}`) };
}

/** The body as text and its value; `undefined` for bytes that are not UTF-8 (the decoder is fatal) or not JSON. */
function parseJson(raw: Uint8Array): { text: string; value: unknown } | undefined {
  try {
    const text = decoder.decode(raw);
    return { text, value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * Parses and validates a body; a 400 answer names the offending field. A string or key
 * that is not well-formed Unicode or holds U+0000, or an over-long identifier, is a 400
 * too: no database can store it (WALLET-PROTOCOL.md §6).
 */
export function parseWalletCall(raw: Uint8Array): Parsed {
  const json = parseJson(raw);
  if (typeof json?.value !== 'object' || json.value === null || Array.isArray(json.value)) return badJson;
  const checked = checkWalletRequest(json.value, json.text);
  if (!checked.ok) return refuse(formatIssue(checked.issue));
  const playerId = checked.value.player_id;
  if (typeof playerId === 'string') return { ok: true, call: checked.value as WalletCall };
  // A number past 2^53−1 has already lost digits in JSON.parse: refusing it is safer
  // than crediting a different player.
  if (!Number.isSafeInteger(playerId)) return refuse('player_id: must be a string or an integer up to 2^53-1');
  return { ok: true, call: { ...checked.value, player_id: String(playerId) } as WalletCall };
}
