/**
 * Reads a request body once, as bytes, and stops at the limit: a body over
 * `maxBodyBytes` is answered 413 and the rest of the stream is cancelled, never buffered.
 * A body someone else read first, or a stream that breaks, is said so, for the core to
 * answer the same way on every adapter.
 *
 * @see WALLET-PROTOCOL.md §6 (body larger than the configured limit)
 */
import { concatBytes } from '@tbb-wallet/core';
import type { UnreadBody } from './handle-wallet-call.ts';

/** The body bytes, or why there are none. */
export type BodyRead = Uint8Array | UnreadBody;

/** True when a `Content-Length` header announces more than `limit` bytes (refused before reading). */
export function announcesTooMuch(contentLength: string | null | undefined, limit: number): boolean {
  if (!contentLength) return false;
  const length = Number(contentLength);
  return Number.isFinite(length) && length > limit;
}

/**
 * Reads a Web `Request` body up to `limit` bytes. Never rejects.
 * @returns the bytes; `'too-large'` when the body is (or announces itself) over the limit;
 * `'consumed'` when it was read (or locked) before; `'caller-left'` when the stream broke.
 */
export async function readBody(request: Request, limit: number): Promise<BodyRead> {
  if (request.bodyUsed || request.body?.locked) return 'consumed';
  if (announcesTooMuch(request.headers.get('content-length'), limit)) {
    await request.body?.cancel().catch(() => {});
    return 'too-large';
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'caller-left'; // the stream broke before its end
  }
  return concatBytes(chunks, total);
}
