/**
 * The refusals the ledger stores with a transaction id and replays on a retry, and
 * the errors it turns into a retryable 503.
 *
 * @see WALLET-PROTOCOL.md §6, retry after a definitive refusal
 */
import type { Refusal } from '@tbb-wallet/core';
import type { WalletRefusal } from '@tbb-wallet/handler';
import {
  BadRequestError,
  BetRejectedError,
  InsufficientFundsError,
  PlayerBlockedError,
  PlayerNotFoundError,
  TransactionNotFoundError,
} from '@tbb-wallet/handler';

/** The refusal classes a transaction id can be answered with for good, by code. */
const storedRefusals = {
  402: InsufficientFundsError,
  404: PlayerNotFoundError,
  406: TransactionNotFoundError,
  407: PlayerBlockedError,
  408: BetRejectedError,
} as const satisfies Record<number, new () => WalletRefusal>;

/** A refusal the ledger records against a transaction id. */
export type StoredRefusalCode = keyof typeof storedRefusals;

/** The error to throw for a stored refusal code. */
export function refusalFor(code: number): WalletRefusal {
  const Refusal = storedRefusals[code as StoredRefusalCode];
  if (!Refusal) throw new Error(`The ledger holds an unknown refusal code ${code}; was it written by a newer version?`);
  return new Refusal();
}

/** The handler's 400 for one of the rules' 400s (their messages live in @tbb-wallet/core). */
export function badRequest(refusal: Refusal<400>): BadRequestError {
  return new BadRequestError(refusal.message);
}
