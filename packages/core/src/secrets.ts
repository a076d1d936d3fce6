import type { Secret } from './hmac.ts';

/** One secret, or several during a rotation (any of them is accepted). */
export type Secrets = Secret | readonly Secret[];

/** True for a space, tab, newline or carriage return: what a file or a copy-paste leaves around a secret. */
function isEdgeSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * @throws TypeError when the secret is empty, not a string or bytes, or a string that starts
 *   or ends with whitespace — almost always a trailing newline from a file or an environment
 *   variable, which signs every call with another secret (each then refused 403). The message
 *   never shows the secret.
 */
export function assertSecret(secret: unknown): asserts secret is Secret {
  const ok = (typeof secret === 'string' || secret instanceof Uint8Array) && secret.length > 0;
  if (!ok) throw new TypeError('A wallet secret must be a non-empty string or Uint8Array.');
  if (
    typeof secret === 'string' &&
    (isEdgeSpace(secret.charCodeAt(0)) || isEdgeSpace(secret.charCodeAt(secret.length - 1)))
  ) {
    throw new TypeError(
      'A wallet secret starts or ends with whitespace (often the newline at the end of a file or an environment ' +
        'variable): trim it, e.g. readFileSync(path, "utf8").trim(). If the whitespace really is part of the ' +
        'secret, pass it as bytes: new TextEncoder().encode(secret).',
    );
  }
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
