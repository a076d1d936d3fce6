export { refundOfBet } from './bet-or-refund.ts';
export { WalletClientError } from './client-error.ts';
export { createWalletClient } from './create-wallet-client.ts';
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
export type { FetchLike } from './fetch-transport.ts';
export { nodeHttpTransport } from './node-transport.ts';
export type {
  CallOptions,
  RetryOptions,
  WalletClientEvent,
  WalletClientOptions,
  WalletRequestEvent,
  WalletResponseEvent,
} from './options.ts';
export { defaultMaxAnswerBytes, defaultRetry, defaultTimeoutMs } from './options.ts';
export { UnstorableRequestError } from './refuse-unstorable.ts';
export { backoffDelay, isRetryable, retryableStatuses } from './retry.ts';
export type { RefundOutcome } from './transport-errors.ts';
export {
  WalletAbortedError,
  WalletAnswerTooLargeError,
  WalletConnectionError,
  WalletOutcomeUnknownError,
  WalletResponseError,
  WalletTimeoutError,
} from './transport-errors.ts';
export type {
  BalanceInput,
  BetCallOptions,
  BetInput,
  BetOrRefundOptions,
  RefundInput,
  RollbackWinInput,
  WalletClient,
  WinInput,
} from './wallet-client.ts';
