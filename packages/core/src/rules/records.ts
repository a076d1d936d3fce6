/**
 * The facts a wallet keeps and the rules read: players, the answer stored for each
 * (action, transaction_id), tombstones, and the ledger entries of accepted calls.
 *
 * @see WALLET-PROTOCOL.md §6
 */
import type {
  BetRequest,
  RefundRequest,
  RollbackWinRequest,
  TransactionResponse,
  WinRequest,
} from '../generated/types.gen.ts';

/** The four actions that move money. */
export type TransferAction = 'bet' | 'win' | 'refund' | 'rollback-win';

/** A bet, win, refund or rollback-win, with `player_id` as the string the handler passes. */
export type TransferRequest = (BetRequest | WinRequest | RefundRequest | RollbackWinRequest) & { player_id: string };

/** A player as an operator adds one: id, wallet currency, opening balance, blocked or not. */
export interface NewPlayer {
  player_id: string;
  currency_code: string;
  /** Opening balance in currency subunits (cents for EUR). */
  balance: number;
  /** A blocked player's bets and balance calls are refused with 407. */
  blocked?: boolean;
}

/** What the rules need to know of a player: its wallet currency, balance and blocked state. */
export interface PlayerFacts {
  readonly currency: string;
  /** In currency subunits; may be negative after a rollback-win. */
  readonly balance: number;
  readonly blocked?: boolean;
}

/**
 * The refusals a wallet stores against a transaction id and answers again on every
 * retry (a retry must never turn a refused bet into an accepted one). 405 and 418 are
 * the operator's own refusals, for a wallet that stores those too.
 */
export type RememberedRefusalCode = 402 | 404 | 405 | 406 | 407 | 408 | 418;

/** The answer stored for a transaction id: the 200 body, or a refusal to answer again. */
export type StoredAnswer =
  | { readonly status: 200; readonly response: TransactionResponse }
  | { readonly status: RememberedRefusalCode };

/** What a wallet keeps of each (action, transaction_id) it decided, to replay it and to find originals. */
export interface StoredTransaction {
  readonly playerId: string;
  /** The request's fingerprint (see {@link TransferFacts.fingerprint}), to tell a replay from a reused id. */
  readonly fingerprint: string;
  /** What it moved: negative for a debit, `0` for a refusal or a recorded no-op. */
  readonly movement: number;
  readonly answer: StoredAnswer;
}

/** Names one stored transaction, or one tombstone (then `action` is the original's: bet or win). */
export interface TransactionKey<A extends TransferAction = TransferAction> {
  readonly action: A;
  readonly transactionId: string;
}

/** A tombstone to write: a refund (bet) or rollback (win) named `transactionId`, first by `namedBy`. */
export interface Tombstone extends TransactionKey<'bet' | 'win'> {
  /** The provider's `transaction_id` of the refund or rollback-win that named it. */
  readonly namedBy: string;
}

/** The transaction a decision asks the backend to record, before the backend numbers it. */
export interface NewTransaction {
  readonly action: TransferAction;
  /** The provider's `transaction_id`. */
  readonly transactionId: string;
  readonly playerId: string;
  readonly fingerprint: string;
  /** The `amount` sent. */
  readonly amount: number;
  /** What it moves: negative for a debit, `0` for a refusal or a recorded no-op. */
  readonly movement: number;
  readonly roundId: string;
  /** The bet refunded or the win rolled back. */
  readonly originalTransactionId: string | null;
}

/** One accepted transaction as a wallet recorded it (the sandbox's and the ledger's `entries()`). */
export interface LedgerEntry extends Omit<NewTransaction, 'action' | 'fingerprint' | 'roundId'> {
  /** A wallet call, or a movement of the operator's cashier (the ledger's `deposit()`, `withdraw()`). */
  readonly action: TransferAction | 'deposit' | 'withdrawal';
  /** The wallet's own id, answered as `transaction_id`. */
  readonly operatorTransactionId: string;
  readonly roundId: string | null;
  /** The balance after it. */
  readonly balance: number;
}

/** A stable text for a key, for a wallet that keeps its transactions in a `Map`: `bet:tx-1`. */
export function keyText(key: TransactionKey): string {
  return `${key.action}:${key.transactionId}`;
}
