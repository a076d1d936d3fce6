import type { BodyBytes } from './bytes.ts';
import { parseDigestHex } from './bytes.ts';
import type { HmacBackend } from './hmac.ts';
import { defaultHmacBackend } from './hmac.ts';
import type { Secrets } from './secrets.ts';
import { secretList } from './secrets.ts';

/**
 * Checks an `X-REQUEST-SIGN` value against the exact raw body bytes. The signature
 * is accepted in either case of hex and compared in constant time with the HMAC of
 * each secret (pass several during a rotation). A missing, empty, odd-length,
 * non-hex or wrong-length signature resolves to `false`; it never throws.
 *
 * @throws TypeError only for a misconfiguration: no secret, or an empty one.
 * @see WALLET-PROTOCOL.md §2 and §6 (signature encoding, rotation)
 */
export async function verify(
  rawBody: BodyBytes,
  signature: string | null | undefined,
  secretOrSecrets: Secrets,
  backend: HmacBackend = defaultHmacBackend(),
): Promise<boolean> {
  const secrets = secretList(secretOrSecrets);
  const expected = parseDigestHex(signature);
  if (!expected) return false;
  let matched = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  const atOnce = backend.matchesNow;
  for (const secret of secrets) {
    if (atOnce ? atOnce(secret, rawBody, expected) : await backend.matches(secret, rawBody, expected)) matched = true;
  }
  return matched;
}
