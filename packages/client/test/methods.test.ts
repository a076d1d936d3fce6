/**
 * Each of the five methods against an MSW operator: the signed body it sends, the
 * typed answer, every protocol error code mapped to its class, and answers outside
 * the spec.
 */
import { describe, expect, it } from 'vitest';
import type { WalletClient } from '../src/index.ts';
import {
  BadRequestError,
  BetRejectedError,
  createWalletClient,
  GameNotAvailableError,
  GatewayTimeoutError,
  InsufficientFundsError,
  InvalidSignatureError,
  OperatorError,
  PayloadTooLargeError,
  PlayerBlockedError,
  PlayerNotFoundError,
  ResponsibleGamingLimitError,
  ServiceUnavailableError,
  TransactionNotFoundError,
  WalletError,
  WalletOutcomeUnknownError,
  WalletResponseError,
} from '../src/index.ts';
import {
  balanceAnswer,
  balanceInput,
  betInput,
  refundInput,
  rollbackWinInput,
  secret,
  transactionAnswer,
  walletUrl,
  winInput,
} from './fixtures.ts';
import { errorAnswer, HttpResponse, hmacHex, operatorAt, useMswServer } from './operator.ts';

const server = useMswServer();

type Method = 'balance' | 'bet' | 'win' | 'refund' | 'rollbackWin';
const methods: [Method, { action: string; input: object; answer: object }][] = [
  ['balance', { action: 'balance', input: balanceInput, answer: balanceAnswer }],
  ['bet', { action: 'bet', input: betInput, answer: transactionAnswer }],
  ['win', { action: 'win', input: winInput, answer: transactionAnswer }],
  ['refund', { action: 'refund', input: refundInput, answer: transactionAnswer }],
  ['rollbackWin', { action: 'rollback-win', input: rollbackWinInput, answer: transactionAnswer }],
];

/**
 * The answer's error of a call answered 200 with a body it cannot use: a bet may have been
 * debited, so it throws `WalletOutcomeUnknownError` with that error as its cause.
 */
function answerErrorOf(method: Method, error: unknown): unknown {
  if (method !== 'bet') return error;
  expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
  expect(error).toMatchObject({ transactionId: 'bet-1001' });
  return (error as Error).cause;
}

const errorClasses: [number, typeof WalletError][] = [
  [400, BadRequestError],
  [402, InsufficientFundsError],
  [403, InvalidSignatureError],
  [404, PlayerNotFoundError],
  [405, GameNotAvailableError],
  [406, TransactionNotFoundError],
  [407, PlayerBlockedError],
  [408, BetRejectedError],
  [413, PayloadTooLargeError],
  [418, ResponsibleGamingLimitError],
  [500, OperatorError],
  [503, ServiceUnavailableError],
  [504, GatewayTimeoutError],
];

function call(wallet: WalletClient, method: Method, input: object): Promise<unknown> {
  return (wallet[method] as (request: object) => Promise<unknown>)(input);
}

/** A client that does not retry, so each answer is seen as it is. */
function client() {
  return createWalletClient({ baseUrl: walletUrl, secret, retry: { attempts: 1 } });
}

/** What the method throws, or a failure when it resolves. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe.each(methods)('%s', (method, { action, input, answer }) => {
  it('sends the signed body, with action, to the wallet URL as configured, and resolves to the 200 body', async () => {
    const operator = operatorAt(() => HttpResponse.json(answer));
    server.use(operator.handler);

    await expect(call(client(), method, input)).resolves.toEqual(answer);

    expect(operator.calls).toHaveLength(1);
    const [received] = operator.calls;
    expect(received?.url).toBe(walletUrl);
    expect(received?.method).toBe('POST');
    expect(received?.contentType).toBe('application/json');
    expect(received?.json).toEqual({ ...input, action });
    expect(received?.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(received?.signature).toBe(hmacHex(received?.body ?? ''));
  });

  it.each(errorClasses)(
    'maps %i to its class, with status, code, message and the raw body',
    async (code, ErrorClass) => {
      const raw = `{"code": ${code},  "message": "the operator's words"}`;
      server.use(operatorAt(() => new HttpResponse(raw, { status: code })).handler);

      const error = await failure(call(client(), method, input));

      // A bet with no definitive answer is an unknown outcome; the operator's error is its cause.
      const walletError = method === 'bet' && code >= 500 ? (error as WalletOutcomeUnknownError).cause : error;
      if (method === 'bet' && code >= 500) expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
      expect(walletError).toBeInstanceOf(ErrorClass);
      expect(walletError).toBeInstanceOf(WalletError);
      // A 403 adds what to check to the operator's words (a wrong secret is the usual cause).
      const message =
        code === 403
          ? expect.stringMatching(
              /^the operator's words \(check that the client's secret is the operator's, byte for byte/,
            )
          : "the operator's words";
      expect(walletError).toMatchObject({ status: code, code, message, body: raw });
      expect((walletError as Error).name).toBe(ErrorClass.name);
    },
  );

  it('maps a code the protocol does not know to a plain WalletError', async () => {
    server.use(operatorAt(() => errorAnswer(409, 'Conflict.')).handler);

    const error = await failure(call(client(), method, input));

    expect(error).toBeInstanceOf(WalletError);
    expect((error as WalletError).constructor).toBe(WalletError);
    expect(error).toMatchObject({ status: 409, code: 409, message: 'Conflict.' });
  });

  it('throws WalletResponseError for a 200 body that does not match the spec', async () => {
    const malformed = JSON.stringify({ ...answer, balance: '10.00' });
    server.use(operatorAt(() => new HttpResponse(malformed, { status: 200 })).handler);

    const error = answerErrorOf(method, await failure(call(client(), method, input)));

    expect(error).toBeInstanceOf(WalletResponseError);
    expect(error).toMatchObject({ status: 200, body: malformed, issue: { path: 'balance' } });
  });

  // The provider stores what the operator answered: PostgreSQL turns a lone surrogate into U+FFFD
  // (two ids would become one) and refuses U+0000, after the operator has moved the money.
  it.each([
    [
      'a lone surrogate in a value',
      'currency_code',
      '"currency_code":"EU\\ud800"',
      'must be well-formed Unicode (no lone surrogate)',
    ],
    ['U+0000 in a value', 'currency_code', '"currency_code":"EU\\u0000R"', 'must not contain U+0000'],
    [
      'a lone surrogate in a key',
      '',
      '"\\udc00":1,"currency_code":"EUR"',
      'a key must be well-formed Unicode (no lone surrogate)',
    ],
  ])(
    'throws WalletResponseError for a 200 body with %s, never a value no database can keep',
    async (_, path, member, message) => {
      const unstorable = JSON.stringify(answer).replace('"currency_code":"EUR"', member);
      server.use(operatorAt(() => new HttpResponse(unstorable, { status: 200 })).handler);

      const error = answerErrorOf(method, await failure(call(client(), method, input)));

      expect(error).toBeInstanceOf(WalletResponseError);
      expect(error).toMatchObject({ status: 200, body: unstorable, issue: { path, message } });
    },
  );

  it('throws WalletResponseError for a 200 body that is not JSON', async () => {
    server.use(operatorAt(() => new HttpResponse('OK', { status: 200 })).handler);

    const error = answerErrorOf(method, await failure(call(client(), method, input)));

    expect(error).toBeInstanceOf(WalletResponseError);
    expect(error).toMatchObject({ status: 200, body: 'OK', issue: undefined });
  });

  it('throws WalletResponseError for an error body that is not JSON', async () => {
    const html = '<html><body>Bad Request</body></html>';
    server.use(operatorAt(() => new HttpResponse(html, { status: 400 })).handler);

    const error = await failure(call(client(), method, input));

    expect(error).toBeInstanceOf(WalletResponseError);
    expect(error).toMatchObject({ status: 400, body: html });
    expect((error as Error).message).toContain('not JSON');
  });

  it('throws WalletResponseError for a JSON error body that is not {code, message}', async () => {
    const body = '{"error":"nope"}';
    server.use(operatorAt(() => new HttpResponse(body, { status: 404 })).handler);

    const error = await failure(call(client(), method, input));

    expect(error).toBeInstanceOf(WalletResponseError);
    expect(error).toMatchObject({ status: 404, body, issue: { message: 'is required' } });
  });

  it('is refused with InvalidSignatureError when signed with another secret', async () => {
    server.use(operatorAt(() => HttpResponse.json(answer)).handler);
    const wrong = createWalletClient({ baseUrl: walletUrl, secret: 'not-the-operators-secret' });

    const error = await failure(call(wrong, method, input));

    expect(error).toBeInstanceOf(InvalidSignatureError);
  });
});
