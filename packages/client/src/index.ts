export type { BetOrRefundOptions } from './bet-or-refund.ts';
export { refundOfBet } from './bet-or-refund.ts';
export type { BalanceInput, BetInput, RefundInput, RollbackWinInput, WalletClient, WinInput } from './client.ts';
export { createWalletClient } from './client.ts';
export type { WalletErrorInit } from './errors.ts';
export {
  BadRequestError,
  BetRejectedError,
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
  walletErrorClasses,
} from './errors.ts';
export type { FetchLike } from './node-transport.ts';
export { nodeHttpTransport } from './node-transport.ts';
export type { RetryOptions, WalletClientOptions, WalletRequestEvent, WalletResponseEvent } from './options.ts';
export { defaultRetry, defaultTimeoutMs } from './options.ts';
export { UnstorableRequestError } from './refuse-unstorable.ts';
export { backoffDelay, isRetryable, retryableStatuses } from './retry.ts';
export type { RefundOutcome } from './transport-errors.ts';
export {
  WalletConnectionError,
  WalletOutcomeUnknownError,
  WalletResponseError,
  WalletTimeoutError,
} from './transport-errors.ts';
