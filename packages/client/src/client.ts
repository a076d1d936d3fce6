/**
 * The provider's client of an operator's wallet: five typed, signed methods, retried
 * where that is safe, and `betOrRefund` for bets whose outcome is unknown.
 *
 * @see WALLET-PROTOCOL.md §3 (actions), §5 (errors), §6 (retries and refunds)
 */
import type {
  BalanceRequest,
  BalanceResponse,
  BetRequest,
  RefundRequest,
  RollbackWinRequest,
  TransactionResponse,
  WinRequest,
} from '@tbb-wallet/core';
import { checkBalanceResponse, checkTransactionResponse } from '@tbb-wallet/core';
import type { BetOrRefundOptions } from './bet-or-refund.ts';
import { betOrRefund } from './bet-or-refund.ts';
import { WalletError } from './errors.ts';
import type { WalletClientOptions } from './options.ts';
import { defaultTimeoutMs, resolveRetry } from './options.ts';
import type { CallContext } from './perform-call.ts';
import { performCall } from './perform-call.ts';
import { isRetryable } from './retry.ts';
import { createSender } from './transport.ts';
import { WalletOutcomeUnknownError, WalletResponseError } from './transport-errors.ts';

/** A `balance` request as a method takes it: the body without `action`. */
export type BalanceInput = Omit<BalanceRequest, 'action'>;
/** A `bet` request without `action`. */
export type BetInput = Omit<BetRequest, 'action'>;
/** A `win` request without `action`. */
export type WinInput = Omit<WinRequest, 'action'>;
/** A `refund` request without `action`. */
export type RefundInput = Omit<RefundRequest, 'action'>;
/** A `rollback-win` request without `action`. */
export type RollbackWinInput = Omit<RollbackWinRequest, 'action'>;

/** The methods of a wallet client. Each resolves to the operator's checked 200 body. */
export interface WalletClient {
  /** Reads the balance; retried on connection errors, timeouts, 500, 503, 504. */
  balance(request: BalanceInput): Promise<BalanceResponse>;
  /**
   * Debits a bet, exactly once: never retried. A definitive refusal throws its class
   * (`InsufficientFundsError`, …); no answer or a 5xx throws {@link WalletOutcomeUnknownError}.
   */
  bet(request: BetInput): Promise<TransactionResponse>;
  /** Credits a win; retried with the byte-identical body and signature until it lands or the policy ends. */
  win(request: WinInput): Promise<TransactionResponse>;
  /** Refunds a bet; retried like `win`. A 406 means the operator never recorded the bet. */
  refund(request: RefundInput): Promise<TransactionResponse>;
  /** Takes back a win (`action: "rollback-win"`); retried like `win`. */
  rollbackWin(request: RollbackWinInput): Promise<TransactionResponse>;
  /**
   * Places a bet; when its outcome is unknown, refunds it (retried until it lands)
   * and rethrows the {@link WalletOutcomeUnknownError}, with `refund` telling what happened.
   */
  betOrRefund(request: BetInput, options: BetOrRefundOptions): Promise<TransactionResponse>;
}

/**
 * Creates a client of one operator's wallet. Every body is serialised once and signed
 * (`X-REQUEST-SIGN`, HMAC-SHA256 lowercase hex of exactly the bytes sent).
 *
 * @throws TypeError when `baseUrl` is not an absolute URL or the secret is empty;
 *   RangeError when `timeoutMs` or a retry option is out of range.
 * @example
 * const wallet = createWalletClient({ baseUrl: 'https://casino.example/api/tbb/wallet', secret });
 * const { balance } = await wallet.balance({ player_id: '6', currency_code: 'EUR', is_mobile: false, reference: 'Monkey', session_token });
 */
export function createWalletClient(options: WalletClientOptions): WalletClient {
  const url = walletUrl(options.baseUrl);
  const secret = options.secret;
  if (!((typeof secret === 'string' || secret instanceof Uint8Array) && secret.length > 0))
    throw new TypeError('createWalletClient needs a non-empty secret (a string or Uint8Array).');
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be a number greater than 0.');
  const retry = resolveRetry(options.retry);
  const once = { ...retry, attempts: 1 };
  const headers = new Headers(options.headers);
  const context: CallContext = {
    url,
    secret,
    send: createSender(url, options.fetch),
    headers,
    timeoutMs,
    onRequest: options.onRequest,
    onResponse: options.onResponse,
  };

  const client: WalletClient = {
    balance: (request) => performCall(context, { ...request, action: 'balance' }, checkBalanceResponse, retry),
    bet: async (request) => {
      try {
        return await performCall(context, { ...request, action: 'bet' }, checkTransactionResponse, once);
      } catch (error) {
        if (!outcomeUnknown(error)) throw error;
        throw new WalletOutcomeUnknownError(request.payload.provider_transfer_data.transaction_id, error);
      }
    },
    win: (request) => performCall(context, { ...request, action: 'win' }, checkTransactionResponse, retry),
    refund: (request) => performCall(context, { ...request, action: 'refund' }, checkTransactionResponse, retry),
    rollbackWin: (request) =>
      performCall(context, { ...request, action: 'rollback-win' }, checkTransactionResponse, retry),
    betOrRefund: (request, betOptions) =>
      betOrRefund(client, request, betOptions, (refund, refundRetry) =>
        performCall(
          context,
          { ...refund, action: 'refund' },
          checkTransactionResponse,
          resolveRetry(refundRetry, retry),
        ),
      ),
  };
  return client;
}

/**
 * True when a bet may or may not have been debited: no answer, or a 5xx. A 4xx and
 * a malformed 200 are answers, not unknowns.
 */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof WalletError || error instanceof WalletResponseError) return error.status >= 500;
  return isRetryable(error);
}

function walletUrl(baseUrl: string | URL): string {
  try {
    return new URL(baseUrl).href;
  } catch {
    throw new TypeError("baseUrl must be the operator's full wallet URL, e.g. https://casino.example/api/tbb/wallet.");
  }
}
