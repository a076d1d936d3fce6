/**
 * The operator's answers as error classes: one per protocol code, each a
 * {@link WalletError} carrying the HTTP status, the code, the message and the raw body.
 *
 * @see WALLET-PROTOCOL.md §5
 */
import { WalletClientError } from './client-error.ts';

/** What the operator answered with a non-200 status and a `{ code, message }` body. */
export interface WalletErrorInit {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The `code` of the error body (the protocol makes it equal to the status). */
  readonly code: number;
  /** The `message` of the error body. */
  readonly message: string;
  /** The raw text of the answer's body, as received. */
  readonly body: string;
}

/**
 * The operator refused or failed a call with a protocol error body. Codes without a
 * subclass below are thrown as a plain `WalletError`. A 4xx is final: the same call
 * gets the same refusal again (WALLET-PROTOCOL.md §6). A 500, 503 or 504 is safe to
 * retry with the same body, except for a `bet` (see `WalletOutcomeUnknownError`).
 */
export class WalletError extends WalletClientError {
  override name = 'WalletError';
  override readonly kind = 'refused';
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The protocol code of the error body. */
  readonly code: number;
  /** The raw text of the answer's body. */
  readonly body: string;

  constructor(init: WalletErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
  }
}

/** 400: the body is not JSON or does not match the schema, or a reused transaction_id with a different body. */
export class BadRequestError extends WalletError {
  override name = 'BadRequestError';
}
/** 402: the player does not have enough money. Final: never retried. */
export class InsufficientFundsError extends WalletError {
  override name = 'InsufficientFundsError';
}
/** 403: the operator rejected the `X-REQUEST-SIGN` signature; `message` is the operator's, then what to check (the shared secret, first). */
export class InvalidSignatureError extends WalletError {
  override name = 'InvalidSignatureError';

  /** The operator's message (also in `body`), followed by what to check. */
  constructor(init: WalletErrorInit) {
    super({ ...init, message: `${init.message} ${signatureAdvice}` });
  }
}
const signatureAdvice =
  "(check that the client's secret is the operator's, byte for byte, and that nothing re-serialises the body; " +
  '`tbb-wallet sign` prints a body’s signature)';
/** 404: the player is unknown to the operator. */
export class PlayerNotFoundError extends WalletError {
  override name = 'PlayerNotFoundError';
}
/** 405: the game is not available (also the answer to a method other than POST). */
export class GameNotAvailableError extends WalletError {
  override name = 'GameNotAvailableError';
}
/** 406: a refund names a bet the operator never recorded; it will refuse that bet if it arrives later. */
export class TransactionNotFoundError extends WalletError {
  override name = 'TransactionNotFoundError';
}
/** 407: the player is blocked. */
export class PlayerBlockedError extends WalletError {
  override name = 'PlayerBlockedError';
}
/** 408: the bet is rejected. */
export class BetRejectedError extends WalletError {
  override name = 'BetRejectedError';
}
/** 413: the body is larger than the operator's limit. */
export class PayloadTooLargeError extends WalletError {
  override name = 'PayloadTooLargeError';
}
/** 418: a responsible-gaming limit refuses the action. */
export class ResponsibleGamingLimitError extends WalletError {
  override name = 'ResponsibleGamingLimitError';
}
/** 500: an unexpected failure at the operator. Retried for every action but `bet`. */
export class OperatorError extends WalletError {
  override name = 'OperatorError';
}
/** 503: the operator is temporarily unavailable. Retried for every action but `bet`. */
export class ServiceUnavailableError extends WalletError {
  override name = 'ServiceUnavailableError';
}
/** 504: the operator timed out. Retried for every action but `bet`. */
export class GatewayTimeoutError extends WalletError {
  override name = 'GatewayTimeoutError';
}

/** The class thrown for each protocol code; any other code is a plain {@link WalletError}. */
export const walletErrorClasses: Readonly<Record<number, typeof WalletError>> = {
  400: BadRequestError,
  402: InsufficientFundsError,
  403: InvalidSignatureError,
  404: PlayerNotFoundError,
  405: GameNotAvailableError,
  406: TransactionNotFoundError,
  407: PlayerBlockedError,
  408: BetRejectedError,
  413: PayloadTooLargeError,
  418: ResponsibleGamingLimitError,
  500: OperatorError,
  503: ServiceUnavailableError,
  504: GatewayTimeoutError,
};
