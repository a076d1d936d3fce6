/**
 * The protocol's error codes and the vendor's message for each. Every non-200 answer
 * is `{ code, message }` with the HTTP status equal to `code`.
 *
 * 413 is this project's addition for a body over the configured limit.
 *
 * @see WALLET-PROTOCOL.md §5
 */
export const walletErrorMessages = {
  400: 'Bad request. Badly formatted JSON.',
  402: 'The player does not have enough money for the action.',
  403: "Forbidden. Request sign doesn't match.",
  404: 'Player not found.',
  405: 'Game is not available.',
  406: 'Previous transaction not found.',
  407: 'Player is blocked.',
  408: 'Bet is rejected.',
  413: 'Request body is too large.',
  418: 'The player has reached his responsible limits.',
  500: 'Unknown error.',
  503: 'Service is unavailable.',
  504: 'Request timed out.',
} as const;

/** A code the protocol answers with. */
export type WalletErrorCode = keyof typeof walletErrorMessages;

/** Every code of {@link walletErrorMessages}, ascending. */
export const walletErrorCodes = /* @__PURE__ */ Object.keys(walletErrorMessages).map(Number) as WalletErrorCode[];

/** True when `code` is one of the protocol's error codes. */
export function isWalletErrorCode(code: unknown): code is WalletErrorCode {
  return typeof code === 'number' && Object.hasOwn(walletErrorMessages, code);
}

/**
 * Refusals that are final: replaying the same call gets the same answer, so a caller
 * must never retry them (WALLET-PROTOCOL.md §6, "retry after a definitive refusal").
 */
export const definitiveRefusalCodes = [402, 403, 404, 405, 407, 408, 418] as const satisfies readonly WalletErrorCode[];
