/**
 * The provider's client of an operator's wallet: five typed, signed methods, retried
 * where that is safe, and `betOrRefund` for bets whose outcome is unknown. Each
 * method is one straight line: call → body + signature → attempt → answer
 * (`performCall`), over the transport the build chose.
 *
 * @see WALLET-PROTOCOL.md §3 (actions), §5 (errors), §6 (retries and refunds)
 */
import type { RequestValidator, WalletRequest } from '@tbb-wallet/core';
import {
  assertHookOptions,
  assertKnownOptions,
  assertSecret,
  checkBalanceResponse,
  checkTransactionResponse,
} from '@tbb-wallet/core';
import { betOrRefund } from './bet-or-refund.ts';
import { WalletError } from './errors.ts';
import type { CallOptions, WalletClientOptions } from './options.ts';
import {
  callOptionNames,
  checkMaxAnswerBytes,
  checkTimeout,
  defaultMaxAnswerBytes,
  defaultTimeoutMs,
  resolveRetry,
} from './options.ts';
import type { CallContext, CallPolicy } from './perform-call.ts';
import { performCall } from './perform-call.ts';
import { isRetryable } from './retry.ts';
import { baseHeaders } from './signed-call.ts';
import type { Transport } from './transport.ts';
import { WalletAbortedError, WalletOutcomeUnknownError, WalletResponseError } from './transport-errors.ts';
import type { BetCallOptions, BetInput, WalletClient } from './wallet-client.ts';

/** Picks the transport of a client: the build's default, or the user's `fetch`, reading at most `maxAnswerBytes` of an answer. */
export type ChooseTransport = (walletUrl: string, options: WalletClientOptions, maxAnswerBytes: number) => Transport;

/** Every option of {@link WalletClientOptions}: a misspelt one is refused, not ignored. */
const clientOptionNames = {
  baseUrl: true,
  secret: true,
  fetch: true,
  dispatcher: true,
  timeoutMs: true,
  maxAnswerBytes: true,
  retry: true,
  headers: true,
  onRequest: true,
  onResponse: true,
  onEvent: true,
  telemetry: true,
} as const satisfies Record<keyof WalletClientOptions, true>;

/**
 * A client of one operator's wallet over the transport `choose` picks. Every body is
 * serialised once and signed (`X-REQUEST-SIGN`, HMAC-SHA256 lowercase hex of exactly
 * the bytes sent).
 */
export function buildWalletClient(options: WalletClientOptions, choose: ChooseTransport): WalletClient {
  assertKnownOptions('createWalletClient', options, clientOptionNames);
  assertHookOptions('createWalletClient', options, ['fetch', 'onRequest', 'onResponse', 'onEvent'], 'startCall');
  const url = walletUrl(options.baseUrl);
  const secret = options.secret;
  assertSecret(secret);
  const timeoutMs = checkTimeout(options.timeoutMs ?? defaultTimeoutMs);
  const retry = resolveRetry(options.retry);
  const maxAnswerBytes = checkMaxAnswerBytes(options.maxAnswerBytes ?? defaultMaxAnswerBytes);
  const prefix = Math.random().toString(36).slice(2, 8);
  let calls = 0;
  const context: CallContext = {
    url,
    secret,
    transport: choose(url, options, maxAnswerBytes),
    headers: baseHeaders(options.headers),
    hooks: { onRequest: options.onRequest, onResponse: options.onResponse, onEvent: options.onEvent },
    telemetry: options.telemetry,
    nextCallId: () => `${prefix}-${++calls}`,
  };
  /** The policy of one call: the client's, with the call's own options checked (a misspelt one refused) and applied. */
  const policy = (call: CallOptions | undefined, final?: CallPolicy['final']): CallPolicy => {
    if (call !== undefined) assertKnownOptions("a call's options", call, callOptionNames);
    return {
      timeoutMs: call?.timeoutMs === undefined ? timeoutMs : checkTimeout(call.timeoutMs),
      retry: final
        ? { ...retry, attempts: 1 }
        : call?.retry
          ? resolveRetry(call.retry, retry, "a call's { retry }")
          : retry,
      signal: call?.signal,
      final,
    };
  };
  const defaults = policy(undefined);
  /** One call; a bad per-call option rejects it like any other failure. */
  const send = async <T>(request: WalletRequest, check: RequestValidator<T>, call: CallOptions | undefined) =>
    performCall(context, request, check, call ? policy(call) : defaults);
  const sendBet = async (request: BetInput, call: BetCallOptions | undefined) => {
    const transactionId = request.payload.provider_transfer_data.transaction_id;
    const unknown = (error: Error) =>
      outcomeUnknown(error) ? new WalletOutcomeUnknownError(transactionId, error) : error;
    return performCall(context, { ...request, action: 'bet' }, checkTransactionResponse, policy(call, unknown));
  };

  const client: WalletClient = {
    balance: (request, call) => send({ ...request, action: 'balance' }, checkBalanceResponse, call),
    bet: sendBet,
    win: (request, call) => send({ ...request, action: 'win' }, checkTransactionResponse, call),
    refund: (request, call) => send({ ...request, action: 'refund' }, checkTransactionResponse, call),
    rollbackWin: (request, call) => send({ ...request, action: 'rollback-win' }, checkTransactionResponse, call),
    betOrRefund: (request, betOptions) =>
      betOrRefund(client, request, betOptions, (refund, refundRetry) =>
        send({ ...refund, action: 'refund' }, checkTransactionResponse, { retry: refundRetry }),
      ),
  };
  return client;
}

/**
 * True when a bet may or may not have been debited: no answer, a 5xx, an abort while it
 * was under way, or a 200 whose body does not match the spec (the operator says it
 * debited, but with no transaction id or balance the provider can use). A 4xx is a
 * refusal whatever its body says.
 */
function outcomeUnknown(error: Error): boolean {
  if (error instanceof WalletResponseError) return error.status < 400 || error.status >= 500;
  if (error instanceof WalletError) return error.status >= 500;
  if (error instanceof WalletAbortedError) return error.sent;
  return isRetryable(error);
}

/**
 * The wallet URL, checked the same on every build: an `http:` or `https:` URL without
 * credentials. A fetch cannot send either (every attempt would fail before a byte left,
 * and a bet look of unknown outcome), and undici drops the credentials without a word.
 */
function walletUrl(baseUrl: string | URL): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError("baseUrl must be the operator's full wallet URL, e.g. https://casino.example/api/tbb/wallet.");
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`baseUrl must be an http: or https: URL, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new TypeError(
      'baseUrl must not hold credentials (user:password@), which no transport sends: put them in headers.',
    );
  return url.href;
}
