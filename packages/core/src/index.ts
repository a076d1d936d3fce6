export type { BodyBytes } from './bytes.ts';
export { toBytes, toHex } from './bytes.ts';
export { canonicalJson } from './canonical-json.ts';
export type { WalletErrorCode } from './error-codes.ts';
export { definitiveRefusalCodes, isWalletErrorCode, walletErrorCodes, walletErrorMessages } from './error-codes.ts';
export type { HmacBackend, Secret } from './hmac.ts';
export { defaultHmacBackend, nodeHmacBackend, webHmacBackend } from './hmac.ts';
export type { Secrets } from './secrets.ts';
export { sign } from './sign.ts';
export type * from './types.ts';
export { walletActions } from './types.ts';
export type { Checked, SchemaIssue, Validator } from './validate.ts';
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
