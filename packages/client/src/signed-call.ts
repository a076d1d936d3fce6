/**
 * A call ready to send: its body serialised once, and the signature of exactly those
 * bytes. Every attempt of the call sends this same body and these same headers.
 *
 * @see WALLET-PROTOCOL.md §2 (signing) and §6 (idempotent retries)
 */
import type { Secret, WalletRequest } from '@tbb-wallet/core';
import { sign } from '@tbb-wallet/core';
import { refuseUnstorable } from './refuse-unstorable.ts';

/** A call's body and headers, fixed for all its attempts. */
export interface SignedCall {
  /** The request, for the types of the spec. */
  readonly request: WalletRequest;
  /** The exact body sent, `JSON.stringify(request)`. */
  readonly body: string;
  /** Every header sent (lower-case names), `x-request-sign` included. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Headers that frame the body or the connection, or ask for an encoding: the transport's
 * own. Given as extra headers they make undici refuse every attempt (a bet never sent
 * would look like one of unknown outcome), smuggle a second framing into the request
 * (node:http), or bring answers compressed that undici and node:http do not decode.
 */
const transportHeaders: ReadonlySet<string> = new Set([
  'content-length',
  'transfer-encoding',
  'expect',
  'keep-alive',
  'upgrade',
  'trailer',
  'accept-encoding',
]);

/**
 * The extra headers of every call, with lower-case names, checked once by `Headers`.
 * `Content-Type` and `X-REQUEST-SIGN` are the call's own and cannot be replaced.
 *
 * @throws TypeError for a header the transport writes itself (`Content-Length`,
 *   `Transfer-Encoding`, `Expect`, `Keep-Alive`, `Upgrade`, `Trailer`, `Accept-Encoding`).
 */
export function baseHeaders(extra: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  const headers = Object.fromEntries(new Headers(extra));
  for (const name in headers) {
    if (transportHeaders.has(name))
      throw new TypeError(
        `createWalletClient: headers cannot set ${name}, which the client's transport writes itself: remove it.`,
      );
  }
  delete headers['content-type'];
  delete headers['x-request-sign'];
  return headers;
}

/**
 * The one place where a call's body string is built.
 *
 * @throws UnstorableRequestError — a string no wallet can store (refused before any network call).
 */
export function bodyOf(request: WalletRequest): string {
  const body = JSON.stringify(request);
  refuseUnstorable(request, body);
  return body;
}

/** Serialises `request` once and signs those bytes once. */
export async function signCall(
  request: WalletRequest,
  secret: Secret,
  headers: Readonly<Record<string, string>>,
): Promise<SignedCall> {
  const body = bodyOf(request);
  const signature = await sign(body, secret);
  return {
    request,
    body,
    headers: { ...headers, 'content-type': 'application/json', 'x-request-sign': signature },
  };
}
