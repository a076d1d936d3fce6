/** Bytes as the protocol signs them: a string is UTF-8 encoded, bytes are taken as they are. */
export type BodyBytes = Uint8Array | string;

const encoder = new TextEncoder();

/** UTF-8 bytes of a string, or the bytes themselves. */
export function toBytes(input: BodyBytes): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

const hexDigits = '0123456789abcdef';

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += hexDigits[byte >> 4]! + hexDigits[byte & 15]!;
  return out;
}

const sha256Hex = /^[0-9a-fA-F]{64}$/;

/**
 * The 32 bytes of a SHA-256 hex digest in either case, or `undefined` when `text`
 * is not exactly 64 hex digits. Never throws.
 */
export function parseDigestHex(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !sha256Hex.test(text)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
