/**
 * The answer of the handler before it becomes a `Response` or a Node reply: a status,
 * headers and the exact body text. Every non-200 body is `{"code":N,"message":"..."}`
 * with the status equal to `code`.
 *
 * @see WALLET-PROTOCOL.md §5
 */
import type { WalletErrorCode } from '@tbb-wallet/core';
import { walletErrorMessages } from '@tbb-wallet/core';

/**
 * What the handler answers: status, headers (lower-case names) and body text. Status `0`
 * means answer nothing: the caller broke the stream before its body arrived.
 */
export interface WalletAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const json = { 'content-type': 'application/json' } as const;

/** A 200 answer with the given JSON text. */
export function okAnswer(body: string): WalletAnswer {
  return { status: 200, headers: json, body };
}

/** An error answer `{ code, message }`, with the vendor's message unless one is given. */
export function errorAnswer(
  code: WalletErrorCode | number,
  message: string = walletErrorMessages[code as WalletErrorCode] ?? walletErrorMessages[500],
  extraHeaders: Readonly<Record<string, string>> = {},
): WalletAnswer {
  return { status: code, headers: { ...json, ...extraHeaders }, body: JSON.stringify({ code, message }) };
}

/** 405 with `Allow: POST`: the protocol is POST only (WALLET-PROTOCOL.md §6). */
export const methodNotAllowed: WalletAnswer = errorAnswer(405, 'Method not allowed. Use POST.', { allow: 'POST' });

/** 413: the body is over the configured limit and was not parsed (WALLET-PROTOCOL.md §6). */
export const bodyTooLarge: WalletAnswer = errorAnswer(413);

/** 500 "Unknown error.": nothing internal is ever put in the answer. */
export const unknownError: WalletAnswer = errorAnswer(500);

/**
 * Nothing to answer: the caller left before its body arrived. An adapter writes nothing
 * (the Web handler returns `Response.error()`, a network error, as `fetch` knows it).
 */
export const noAnswer: WalletAnswer = { status: 0, headers: {}, body: '' };
