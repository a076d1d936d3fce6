export type { NodeListener } from './adapters/node.ts';
export { toNodeListener } from './adapters/node.ts';
export type { WalletAnswer } from './answer.ts';
export { ContractViolationError } from './contract-violation.ts';
export type { WalletHandler } from './create-wallet-handler.ts';
export { createWalletHandler } from './create-wallet-handler.ts';
export type { RefusalCode } from './errors.ts';
export {
  BadRequestError,
  BetRejectedError,
  GameNotAvailableError,
  InsufficientFundsError,
  PlayerBlockedError,
  PlayerNotFoundError,
  ResponsibleGamingLimitError,
  refusalError,
  ServiceUnavailableError,
  TransactionNotFoundError,
  WalletRefusal,
} from './errors.ts';
export type { HandleWalletCall, RawWalletCall, UnreadBody } from './handle-wallet-call.ts';
export type { Misconfiguration } from './misconfiguration.ts';
export { BodyAlreadyReadError, BodyParsedError } from './misconfiguration.ts';
export type { CallInfo, WalletEvent, WalletHandlerOptions } from './options.ts';
export { defaultMaxBodyBytes } from './options.ts';
export type { WalletCall } from './parse-wallet-call.ts';
export type { CallContext, Received, WalletCallbacks } from './wallet.ts';
