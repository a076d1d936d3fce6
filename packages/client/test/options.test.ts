/**
 * Options and hooks: extra headers, the wallet URL as configured, hook events, and
 * the shared secret kept out of every error, message and hook argument.
 */
import { describe, expect, it } from 'vitest';
import type { WalletRequestEvent, WalletResponseEvent } from '../src/index.ts';
import { createWalletClient } from '../src/index.ts';
import { balanceAnswer, balanceInput, betInput, secret, transactionAnswer, walletUrl, winInput } from './fixtures.ts';
import { errorAnswer, HttpResponse, hmacHex, operatorAt, useMswServer } from './operator.ts';

const server = useMswServer();

describe('createWalletClient', () => {
  it.each([
    ['an empty secret', { baseUrl: walletUrl, secret: '' }, TypeError],
    ['a secret read from a file with its newline', { baseUrl: walletUrl, secret: `${secret}\n` }, TypeError],
    ['a relative baseUrl', { baseUrl: '/wallet', secret }, TypeError],
    ['attempts 0', { baseUrl: walletUrl, secret, retry: { attempts: 0 } }, RangeError],
    ['a deadline of 0', { baseUrl: walletUrl, secret, retry: { deadlineMs: 0 } }, RangeError],
    ['timeoutMs 0', { baseUrl: walletUrl, secret, timeoutMs: 0 }, RangeError],
  ])('refuses %s', (_, options, ErrorClass) => {
    expect(() => createWalletClient(options)).toThrow(ErrorClass);
  });

  it('keeps a query string and a trailing slash of the wallet URL, and takes a URL object', async () => {
    const url = 'https://casino.example/wallets/tbb/?operator=7';
    const operator = operatorAt(() => HttpResponse.json(balanceAnswer), 'https://casino.example/wallets/tbb/');
    server.use(operator.handler);

    await createWalletClient({ baseUrl: new URL(url), secret }).balance(balanceInput);

    expect(operator.calls[0]?.url).toBe(url);
  });

  it('sends extra headers, which cannot replace the signature or the content type', async () => {
    const operator = operatorAt(() => HttpResponse.json(balanceAnswer));
    server.use(operator.handler);
    const headers = { 'X-Provider': 'barbarabang', 'x-request-sign': 'forged', 'content-type': 'text/plain' };

    await createWalletClient({ baseUrl: walletUrl, secret, headers }).balance(balanceInput);

    const [call] = operator.calls;
    expect(call?.headers.get('x-provider')).toBe('barbarabang');
    expect(call?.signature).toBe(hmacHex(call?.body ?? ''));
    expect(call?.contentType).toBe('application/json');
  });

  it('signs with a Uint8Array secret', async () => {
    server.use(operatorAt(() => HttpResponse.json(balanceAnswer)).handler);
    const wallet = createWalletClient({ baseUrl: walletUrl, secret: new TextEncoder().encode(secret) });

    await expect(wallet.balance(balanceInput)).resolves.toEqual(balanceAnswer);
  });
});

describe('hooks', () => {
  it('tell each attempt what was sent and what came back', async () => {
    server.use(operatorAt(() => HttpResponse.json(transactionAnswer)).handler);
    const requests: WalletRequestEvent[] = [];
    const responses: WalletResponseEvent[] = [];
    const wallet = createWalletClient({
      baseUrl: walletUrl,
      secret,
      onRequest: (event) => requests.push(event),
      onResponse: (event) => responses.push(event),
    });

    await wallet.win(winInput);

    expect(requests).toEqual([
      {
        action: 'win',
        attempt: 1,
        url: walletUrl,
        headers: { 'content-type': 'application/json', 'x-request-sign': hmacHex(requests[0]?.body ?? '') },
        body: JSON.stringify({ ...winInput, action: 'win' }),
      },
    ]);
    expect(responses).toEqual([{ action: 'win', attempt: 1, status: 200, body: JSON.stringify(transactionAnswer) }]);
  });

  it('cannot break a call by throwing', async () => {
    server.use(operatorAt(() => HttpResponse.json(transactionAnswer)).handler);
    const wallet = createWalletClient({
      baseUrl: walletUrl,
      secret,
      onRequest: () => {
        throw new Error('logger down');
      },
      onResponse: () => {
        throw new Error('logger down');
      },
    });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);
  });
});

describe('the secret', () => {
  it('appears in no error, message, cause or hook argument', async () => {
    const answers = [
      () => errorAnswer(402),
      () => errorAnswer(403),
      () => errorAnswer(503),
      () => new HttpResponse('not json', { status: 500 }),
      () => HttpResponse.json({ balance: 'x' }),
      () => HttpResponse.error(),
    ];
    const seen: unknown[] = [];
    for (const answer of answers) {
      server.use(operatorAt(answer).handler);
      const wallet = createWalletClient({
        baseUrl: walletUrl,
        secret,
        retry: { attempts: 1 },
        onRequest: (event) => seen.push(event),
        onResponse: (event) => seen.push(event),
      });
      for (const call of [() => wallet.bet(betInput), () => wallet.win(winInput), () => wallet.balance(balanceInput)]) {
        seen.push(await call().catch((error: unknown) => error));
      }
    }
    for (const wrong of [
      { baseUrl: 'nope', secret },
      { baseUrl: walletUrl, secret, timeoutMs: -1 },
    ]) {
      seen.push(
        (() => {
          try {
            return createWalletClient(wrong);
          } catch (error) {
            return error;
          }
        })(),
      );
    }

    expect(seen.filter((item) => item instanceof Error)).toHaveLength(20);
    for (const item of seen) expect(describeDeeply(item)).not.toContain(secret);
  });
});

/** Everything an error or event shows: own properties, message, stack, and its causes. */
function describeDeeply(value: unknown, depth = 0): string {
  if (!(value instanceof Error)) return JSON.stringify(value) ?? String(value);
  const own = Object.fromEntries(
    Object.getOwnPropertyNames(value).map((key) => [key, String(Reflect.get(value, key))]),
  );
  const cause = depth < 5 && value.cause !== undefined ? describeDeeply(value.cause, depth + 1) : '';
  return `${String(value)} ${value.stack ?? ''} ${JSON.stringify(own)} ${cause}`;
}
