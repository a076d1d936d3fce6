/**
 * The bound on an answer's bytes (`maxAnswerBytes`), as the transports apply it: a
 * declared `Content-Length` over the bound is refused before the body is read, and a
 * body is read chunk by chunk and given up (its stream cancelled) as soon as it passes
 * the bound, so no more than the bound and one chunk is ever held.
 */
import { concatBytes } from '@tbb-wallet/core';
import { WalletAnswerTooLargeError } from './transport-errors.ts';

/** The declared length when it is over `maxBytes`; `undefined` when it is not, or there is none. */
export function declaredOver(
  contentLength: string | string[] | null | undefined,
  maxBytes: number,
): number | undefined {
  if (contentLength === null || contentLength === undefined) return undefined;
  const declared = Number(contentLength);
  return declared > maxBytes ? declared : undefined;
}

const utf8 = new TextDecoder();

/**
 * The body of a fetch `Response` as UTF-8 text (a leading byte order mark dropped, as
 * `Response.text()` does), read up to `maxBytes`. Counts the bytes the body stream
 * yields, so a `Content-Length` that lies, a compressed body that inflates, or an
 * endless stream stops at the bound.
 *
 * @throws WalletAnswerTooLargeError when the answer is larger than `maxBytes` (the body is cancelled).
 */
export async function textWithin(response: Response, maxBytes: number): Promise<string> {
  const declared = declaredOver(response.headers.get('content-length'), maxBytes);
  // A compressed body's Content-Length counts the wire bytes, not what the stream yields.
  if (declared !== undefined && !response.headers.has('content-encoding')) {
    response.body?.cancel().catch(ignore);
    throw new WalletAnswerTooLargeError(response.status, maxBytes, declared);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(ignore);
      throw new WalletAnswerTooLargeError(response.status, maxBytes);
    }
    chunks.push(value);
  }
  return utf8.decode(concatBytes(chunks, size));
}

function ignore(): void {}
