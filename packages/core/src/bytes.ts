/** Bytes as the protocol signs them: a string is UTF-8 encoded, bytes are taken as they are. */
export type BodyBytes = Uint8Array | string;

const encoder = new TextEncoder();

/** UTF-8 bytes of a string, or the bytes themselves. */
export function toBytes(input: BodyBytes): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

/** The chunks of a body as one byte array of `total` bytes; a single chunk is returned as it is, not copied. */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const hexDigits = '0123456789abcdef';

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += hexDigits[byte >> 4]! + hexDigits[byte & 15]!;
  return out;
}

/** The value of a hex digit's char code (either case), or -1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

/**
 * The 32 bytes of a SHA-256 hex digest in either case, or `undefined` when `text`
 * is not exactly 64 hex digits. Never throws.
 */
export function parseDigestHex(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length !== 64) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    const high = nibble(text.charCodeAt(i * 2));
    const low = nibble(text.charCodeAt(i * 2 + 1));
    if (high < 0 || low < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}
