import type { BodyBytes } from './bytes.ts';
import { toHex } from './bytes.ts';
import type { HmacBackend, Secret } from './hmac.ts';
import { defaultHmacBackend } from './hmac.ts';
import { assertSecret } from './secrets.ts';

/**
 * Signs a request body as the protocol's `X-REQUEST-SIGN` header: HMAC-SHA256 of the
 * exact bytes, keyed with the shared secret, as 64 lowercase hex characters. A string
 * body is UTF-8 encoded; sign the very bytes you send.
 *
 * @throws TypeError when the secret is empty.
 * @see WALLET-PROTOCOL.md §2
 * @example
 * const body = JSON.stringify(request);
 * const signature = await sign(body, process.env.TBB_WALLET_SECRET!);
 */
export async function sign(
  rawBody: BodyBytes,
  secret: Secret,
  backend: HmacBackend = defaultHmacBackend(),
): Promise<string> {
  assertSecret(secret);
  return backend.hexDigest ? backend.hexDigest(secret, rawBody) : toHex(await backend.digest(secret, rawBody));
}
