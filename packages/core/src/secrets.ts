import type { Secret } from './hmac.ts';

/** One secret, or several during a rotation (any of them is accepted). */
export type Secrets = Secret | readonly Secret[];

/** @throws TypeError when the secret is empty or not a string or bytes (the message never shows it). */
export function assertSecret(secret: unknown): asserts secret is Secret {
  const ok = (typeof secret === 'string' || secret instanceof Uint8Array) && secret.length > 0;
  if (!ok) throw new TypeError('A wallet secret must be a non-empty string or Uint8Array.');
}

/**
 * The secrets as a non-empty list.
 * @throws TypeError when the list is empty or holds an empty secret.
 */
export function secretList(secrets: Secrets): readonly Secret[] {
  const list: readonly Secret[] = Array.isArray(secrets) ? secrets : [secrets as Secret];
  if (list.length === 0) throw new TypeError('At least one wallet secret is needed.');
  for (const secret of list) assertSecret(secret);
  return list;
}
