import { execFileSync } from 'node:child_process';
import { nodeHmacBackend, sign, verify, webHmacBackend } from '@tbb-wallet/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const vendorWin =
  '{"amount":100000,"is_mobile":false,"player_id":"12","currency_code":"EUR","action":"win","payload":{"reference":"Monkey","session_token":"8eb654b0-e660-4fe5-9fa2-f9c7d26689ac","provider_transfer_data":{"round_id":"20111312111","transaction_id":"11121219dd1f161","round_close":true}}}';

/** The reference implementation: `openssl dgst -sha256 -hmac SECRET` over the same bytes. */
function openssl(body: string, secret: string): string {
  const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret], { input: Buffer.from(body, 'utf8') });
  return out.toString().trim().split('= ').at(-1)!;
}

const vectors: [name: string, body: string, secret: string][] = [
  ['empty object', '{}', 'k'],
  ['the vendor win example', vendorWin, 'password'],
  ['whitespace and key order survive', '{ "b":1,\n  "a" : 2 }', 'secret with spaces'],
  ['UTF-8 body', '{"player_id":"Zoë","reference":"🎰"}', 's3cr3t'],
  ['empty body', '', 'k'],
];

const backends = [
  ['node:crypto', nodeHmacBackend()!],
  ['webcrypto', webHmacBackend()],
] as const;

describe.each(backends)('sign and verify with %s', (_name, backend) => {
  it.each(vectors)('matches openssl for %s', async (_case, body, secret) => {
    const expected = openssl(body, secret);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    await expect(sign(body, secret, backend)).resolves.toBe(expected);
    await expect(sign(new TextEncoder().encode(body), secret, backend)).resolves.toBe(expected);
    await expect(verify(body, expected, secret, backend)).resolves.toBe(true);
  });

  it('holds for any bytes and any secret (but one with whitespace at an edge, refused)', async () => {
    const secrets = fc.string({ minLength: 1 }).filter((secret) => !/^[ \t\r\n]|[ \t\r\n]$/.test(secret));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array(), secrets, async (body, secret) => {
        const signature = await sign(body, secret, backend);
        expect(signature).toMatch(/^[0-9a-f]{64}$/);
        expect(await verify(body, signature, secret, backend)).toBe(true);
        expect(await verify(body, signature.toUpperCase(), secret, backend)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('fails after any one-byte change of the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (body, at, xor) => {
          const signature = await sign(body, 'secret', backend);
          const tampered = body.slice();
          const i = at % body.length;
          tampered[i] = tampered[i]! ^ xor;
          expect(await verify(tampered, signature, 'secret', backend)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fails after any change or truncation of the signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.nat(63), fc.nat(62), async (body, at, keep) => {
        const signature = await sign(body, 'secret', backend);
        const flipped = signature.slice(0, at) + (signature[at] === '0' ? '1' : '0') + signature.slice(at + 1);
        expect(await verify(body, flipped, 'secret', backend)).toBe(false);
        expect(await verify(body, signature.slice(0, keep), 'secret', backend)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('verify never throws on a malformed signature', () => {
  const body = '{"action":"balance"}';
  const good = openssl(body, 'k');
  const malformed: [name: string, signature: string | null | undefined][] = [
    ['missing (undefined)', undefined],
    ['missing (null)', null],
    ['empty', ''],
    ['odd length', good.slice(0, 63)],
    ['non-hex', `${good.slice(0, 62)}zz`],
    ['too short (32 chars)', good.slice(0, 32)],
    ['too long (65 chars)', `${good}0`],
    ['twice the length', good + good],
    ['surrounded by spaces', ` ${good} `],
    ['prefixed like other APIs', `sha256=${good}`],
    ['base64 of the digest', Buffer.from(good, 'hex').toString('base64')],
  ];
  it.each(malformed)('%s → false', async (_name, signature) => {
    await expect(verify(body, signature, 'k')).resolves.toBe(false);
  });

  it('accepts uppercase hex', async () => {
    await expect(verify(body, good.toUpperCase(), 'k')).resolves.toBe(true);
  });
});

describe('secrets', () => {
  const body = '{"action":"win"}';

  it('accepts any secret of a rotation list and refuses one removed from it', async () => {
    const signedWithOld = await sign(body, 'old-secret');
    const signedWithNew = await sign(body, 'new-secret');
    await expect(verify(body, signedWithOld, ['new-secret', 'old-secret'])).resolves.toBe(true);
    await expect(verify(body, signedWithNew, ['new-secret', 'old-secret'])).resolves.toBe(true);
    await expect(verify(body, signedWithOld, ['new-secret'])).resolves.toBe(false);
  });

  it('treats a Uint8Array secret as its bytes', async () => {
    const bytes = new TextEncoder().encode('k');
    await expect(sign(body, bytes)).resolves.toBe(await sign(body, 'k'));
  });

  it.each([
    ['an empty secret', ''],
    ['an empty list', []],
    ['a list holding an empty secret', ['ok', '']],
  ])('refuses %s as a configuration error without showing it', async (_name, secrets) => {
    await expect(verify(body, 'a'.repeat(64), secrets)).rejects.toThrow(TypeError);
  });

  it.each([
    ['a trailing newline', 's3cret-value\n'],
    ['a trailing CRLF', 's3cret-value\r\n'],
    ['a leading space', ' s3cret-value'],
    ['a trailing tab', 's3cret-value\t'],
  ])('refuses a secret with %s, saying to trim it, without showing it', async (_name, secret) => {
    for (const attempt of [sign(body, secret), verify(body, 'a'.repeat(64), ['ok', secret])]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/starts or ends with whitespace.*trim it/);
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('signs with whitespace that is part of a secret given as bytes, and inside a string secret', async () => {
    const bytes = new TextEncoder().encode('k\n');
    await expect(sign(body, bytes)).resolves.toMatch(/^[0-9a-f]{64}$/);
    await expect(sign(body, 'two words')).resolves.toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not put the secret in the error message', async () => {
    const error = await sign(body, 42 as unknown as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).not.toContain('42');
  });
});
