export type { BodyBytes } from './bytes.ts';
export { concatBytes, toBytes, toHex } from './bytes.ts';
export { canonicalJson } from './canonical-json.ts';
export { findDuplicateKey } from './duplicate-keys.ts';
export type { WalletErrorCode } from './error-codes.ts';
export { definitiveRefusalCodes, isWalletErrorCode, walletErrorCodes, walletErrorMessages } from './error-codes.ts';
export type { HmacBackend, Secret } from './hmac.ts';
export { defaultHmacBackend, nodeHmacBackend, webHmacBackend } from './hmac.ts';
export {
  assertHookOptions,
  assertKnownOptions,
  maxTimerMs,
  resolveMilliseconds,
  timerBoundMessage,
} from './option-names.ts';
export type { BalanceDecision } from './rules/decide-balance.ts';
export { decideBalance } from './rules/decide-balance.ts';
export type { TransferDecision, TransferFacts } from './rules/decide-transfer.ts';
export { decideTransfer } from './rules/decide-transfer.ts';
export type { TransferLookups } from './rules/lookups.ts';
export { originalIdOf, transferLookups } from './rules/lookups.ts';
export type {
  LedgerEntry,
  NewPlayer,
  NewTransaction,
  PlayerFacts,
  RememberedRefusalCode,
  StoredAnswer,
  StoredTransaction,
  Tombstone,
  TransactionKey,
  TransferAction,
  TransferRequest,
} from './rules/records.ts';
export { keyText } from './rules/records.ts';
export type { Refusal } from './rules/refusals.ts';
export { badRequest, balanceOutOfRange, currencyMismatch, reusedTransactionId } from './rules/refusals.ts';
export type { Secrets } from './secrets.ts';
export { assertSecret } from './secrets.ts';
export { settleWithin } from './settle-within.ts';
export { sign } from './sign.ts';
export { findUnstorable, identifierLimits } from './storable.ts';
export type {
  ClientAttemptTelemetry,
  ClientCallStart,
  ClientCallTelemetry,
  ClientTelemetry,
  ServerCallStart,
  ServerCallTelemetry,
  ServerTelemetry,
  WorkSpan,
  WorkTelemetry,
} from './telemetry.ts';
export {
  errorTypeOf,
  httpDurationBuckets,
  httpMethodOf,
  isFailure,
  refusalCodeOf,
  walletAttributes,
} from './telemetry-attributes.ts';
export type * from './types.ts';
export { walletActions } from './types.ts';
export type { Checked, RequestValidator, SchemaIssue, Validator } from './validate.ts';
export {
  checkBalanceRequest,
  checkBalanceResponse,
  checkBetRequest,
  checkErrorBody,
  checkRefundRequest,
  checkRollbackWinRequest,
  checkTransactionResponse,
  checkWalletRequest,
  checkWinRequest,
  formatIssue,
} from './validate.ts';
export { verify } from './verify.ts';
export type { WalletEvent, WalletEventErrorKind } from './wallet-event.ts';
