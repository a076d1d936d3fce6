/**
 * The handler's refusal class of each code the rules answer, so a callback throws
 * `InsufficientFundsError` (402) and not a bare `WalletRefusal`.
 */
import type { RefusalCode, WalletRefusal } from '@tbb-wallet/handler';
import {
  BadRequestError,
  BetRejectedError,
  GameNotAvailableError,
  InsufficientFundsError,
  PlayerBlockedError,
  PlayerNotFoundError,
  ResponsibleGamingLimitError,
  TransactionNotFoundError,
} from '@tbb-wallet/handler';

const classes = {
  400: BadRequestError,
  402: InsufficientFundsError,
  404: PlayerNotFoundError,
  405: GameNotAvailableError,
  406: TransactionNotFoundError,
  407: PlayerBlockedError,
  408: BetRejectedError,
  418: ResponsibleGamingLimitError,
} as const satisfies Partial<Record<RefusalCode, new (message?: string) => WalletRefusal>>;

/** The error a callback throws to answer `code` (with the vendor's message unless one is given). */
export function refusalError(code: keyof typeof classes, message?: string): WalletRefusal {
  return new classes[code](message);
}
