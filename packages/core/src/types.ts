/**
 * The protocol's types under the names users see. They are generated from
 * `openapi/wallet.bundled.yaml` by @hey-api/openapi-ts; this file only names them.
 *
 * @see WALLET-PROTOCOL.md §3
 */
import type {
  BalanceRequest,
  BalanceResponse,
  BetRequest,
  ErrorBody,
  RefundRequest,
  RollbackWinRequest,
  TransactionResponse,
  WalletRequest,
  WinRequest,
} from './generated/types.gen.ts';

export type { components, operations, paths } from './generated/openapi.gen.ts';
export type {
  BalanceRequest,
  BalanceResponse,
  BetPayload,
  BetRequest,
  BetTransferData,
  ErrorBody,
  FreeSpin,
  Jackpot,
  Promo,
  RefundPayload,
  RefundRequest,
  RefundTransferData,
  RollbackWinPayload,
  RollbackWinRequest,
  RollbackWinTransferData,
  Tournament,
  TransactionResponse,
  WalletRequest,
  WalletResponse,
  WinPayload,
  WinRequest,
  WinTransferData,
} from './generated/types.gen.ts';

/** The five values of `action`. */
export type WalletAction = WalletRequest['action'];

/** Each action's request and 200 response, keyed by the wire value of `action`. */
export interface WalletActions {
  balance: { request: BalanceRequest; response: BalanceResponse };
  bet: { request: BetRequest; response: TransactionResponse };
  win: { request: WinRequest; response: TransactionResponse };
  refund: { request: RefundRequest; response: TransactionResponse };
  'rollback-win': { request: RollbackWinRequest; response: TransactionResponse };
}

/** The request of one action, by its `action` value. */
export type RequestOf<A extends WalletAction> = WalletActions[A]['request'];
/** The 200 response of one action, by its `action` value. */
export type ResponseOf<A extends WalletAction> = WalletActions[A]['response'];

/** Every `action` value, in the protocol's order. */
export const walletActions = [
  'balance',
  'bet',
  'win',
  'refund',
  'rollback-win',
] as const satisfies readonly WalletAction[];

/** The body of every non-200 answer, with its code narrowed to the protocol's codes. */
export type WalletErrorBody = ErrorBody;
