/**
 * The rules of bet, win, refund and rollback-win (WALLET-PROTOCOL.md §4 and §6) as one
 * pure function: given the facts a backend gathered, what to answer and what to record.
 * The backend only gathers facts and stores results; it never decides.
 *
 * How a backend uses it, in memory or on a database:
 *
 * 1. **Read** the facts named by {@link transferLookups}: the player (under its row
 *    lock, `SELECT … FOR UPDATE`, so calls on one player are serialised), the stored
 *    answer of (action, transaction_id), for a refund or rollback-win the stored
 *    original, and whether the tombstone exists. On SQL this is ONE round trip: the
 *    player row `FOR UPDATE` joined with three scalar subqueries (or `LEFT JOIN`s).
 * 2. **Decide**: `decideTransfer(request, facts)`; no I/O, no clock, no randomness.
 * 3. **Write** the decision in the same transaction, in ONE round trip: for `move`,
 *    `UPDATE players SET balance = balance + movement`; for `move` and a remembered
 *    `refuse`, insert `record` with its answer under a unique (action, transaction_id)
 *    key; insert `bury` `ON CONFLICT DO NOTHING`. Then commit and answer. A `replay`
 *    and an unremembered 400 write nothing (roll back or just commit the read).
 *
 * A unique-key violation on the insert means a concurrent duplicate committed first:
 * run the call again from step 1 and the decision is that duplicate's `replay`.
 *
 * @see WALLET-PROTOCOL.md §4 and §6
 */
import { canonicalJson } from '../canonical-json.ts';
import { originalIdOf, transferLookups } from './lookups.ts';
import type {
  NewTransaction,
  PlayerFacts,
  RememberedRefusalCode,
  StoredAnswer,
  StoredTransaction,
  Tombstone,
  TransferRequest,
} from './records.ts';
import type { Refusal } from './refusals.ts';
import { balanceOutOfRange, currencyMismatch, refusal, reusedTransactionId } from './refusals.ts';

/** The facts of one transfer, as the backend found them (see {@link transferLookups}). */
export interface TransferFacts {
  /** The player of `player_id`, or `undefined` when there is none. */
  readonly player: PlayerFacts | undefined;
  /** What was stored for this (action, transaction_id), or `undefined` when it is new. */
  readonly stored: StoredTransaction | undefined;
  /** Refund and rollback-win: what was stored for the original they name (of any player), if anything. */
  readonly original?: StoredTransaction | undefined;
  /** Whether the tombstone of {@link TransferLookups.tombstone} exists. */
  readonly tombstoned: boolean;
  /**
   * The request's fingerprint, compared with {@link StoredTransaction.fingerprint}.
   * Default `canonicalJson(request)`; a database may store a hash of it instead.
   */
  readonly fingerprint?: string;
}

/**
 * What to do with a transfer:
 * - `replay`: answer the stored answer again; write nothing.
 * - `refuse`: answer `code`/`message`; when `record` is set the refusal is remembered
 *   (store it with the answer `{ status: code }`), otherwise (400) write nothing.
 * - `move`: add `movement` (maybe 0) to the balance, which becomes `balance`; store
 *   `record` with the 200 answer `{ transaction_id: <your id>, balance, currency_code }`.
 *
 * `bury`, when set, is a tombstone to write (`refund`/`rollback-win` naming an
 * original for the first time).
 */
export type TransferDecision =
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  | ({
      readonly kind: 'refuse';
      readonly record: NewTransaction;
      readonly bury: Tombstone | undefined;
    } & Refusal<RememberedRefusalCode>)
  | ({ readonly kind: 'refuse'; readonly record: undefined; readonly bury: undefined } & Refusal<400>)
  | {
      readonly kind: 'move';
      readonly movement: number;
      /** The balance after the movement. */
      readonly balance: number;
      readonly record: NewTransaction;
      readonly bury: Tombstone | undefined;
    };

/** What a rule of one action decided for a new call of a known player in its currency. */
type Outcome = { readonly movement: number } | Refusal<RememberedRefusalCode>;

/**
 * Decides a bet, win, refund or rollback-win from the facts the backend gathered.
 *
 * - The same (action, transaction_id) again: the same body → `replay` (refusals
 *   included); another body → 400, nothing recorded.
 * - Unknown player → 404, remembered. Another currency than the wallet's → 400.
 * - bet: blocked → 407; its id named by an earlier refund → 408; more than the
 *   balance → 402 (all remembered); otherwise debited.
 * - win: credited, or recorded with 0 when an earlier rollback named its id.
 * - refund: the ORIGINAL bet's movement back, once; an unknown bet (or another
 *   player's) → 406, remembered; the bet's id is buried, unless the bet is another player's.
 * - rollback-win: the ORIGINAL win back, once, even below zero; an unknown win (or another
 *   player's) → 200 with nothing moved; the win's id is buried, unless the win is another player's.
 * - A movement that would take the balance out of ±(2^53−1) → 400, nothing recorded.
 *
 * @see WALLET-PROTOCOL.md §4 and §6
 */
export function decideTransfer(request: TransferRequest, facts: TransferFacts): TransferDecision {
  const data = request.payload.provider_transfer_data;
  const fingerprint = facts.fingerprint ?? canonicalJson(request);
  if (facts.stored) {
    if (facts.stored.fingerprint === fingerprint) return { kind: 'replay', answer: facts.stored.answer };
    return unrecorded(reusedTransactionId(data.transaction_id));
  }
  const record = (movement: number): NewTransaction => ({
    action: request.action,
    transactionId: data.transaction_id,
    playerId: request.player_id,
    fingerprint,
    amount: request.amount,
    movement,
    roundId: data.round_id,
    originalTransactionId: originalIdOf(request),
  });
  const { player } = facts;
  if (!player) return { kind: 'refuse', ...refusal(404), record: record(0), bury: undefined };
  if (player.currency !== request.currency_code) return unrecorded(currencyMismatch(player.currency));

  const outcome = ruleOf(request, player, facts);
  const bury = buryOf(request, facts);
  if ('code' in outcome) return { kind: 'refuse', ...outcome, record: record(0), bury };
  const balance = player.balance + outcome.movement;
  // A balance answer is an integer of at most ±(2^53−1): refuse rather than record a balance no answer could carry.
  if (!Number.isSafeInteger(balance)) return unrecorded(balanceOutOfRange());
  return { kind: 'move', movement: outcome.movement, balance, record: record(outcome.movement), bury };
}

function ruleOf(request: TransferRequest, player: PlayerFacts, facts: TransferFacts): Outcome {
  switch (request.action) {
    case 'bet':
      if (player.blocked) return refusal(407);
      if (facts.tombstoned) return refusal(408);
      if (player.balance < request.amount) return refusal(402);
      return { movement: -request.amount };
    case 'win':
      return { movement: facts.tombstoned ? 0 : request.amount };
    case 'refund': {
      const bet = accepted(facts.original, request.player_id);
      if (bet === undefined) return refusal(406);
      return { movement: facts.tombstoned ? 0 : -bet };
    }
    case 'rollback-win': {
      const win = accepted(facts.original, request.player_id);
      return { movement: win === undefined || facts.tombstoned ? 0 : -win };
    }
  }
}

/** The movement of an accepted (200) original of this player, or `undefined`. */
function accepted(original: StoredTransaction | undefined, playerId: string): number | undefined {
  return original?.answer.status === 200 && original.playerId === playerId ? original.movement : undefined;
}

/**
 * A refund or rollback-win names its original once: the first one writes the tombstone. One
 * naming another player's original buries nothing: it is not that original's reversal, and
 * a tombstone would make its owner's own refund or rollback move nothing.
 */
function buryOf(request: TransferRequest, facts: TransferFacts): Tombstone | undefined {
  if (facts.tombstoned || (request.action !== 'refund' && request.action !== 'rollback-win')) return undefined;
  if (facts.original !== undefined && facts.original.playerId !== request.player_id) return undefined;
  return { ...transferLookups(request).tombstone, namedBy: request.payload.provider_transfer_data.transaction_id };
}

function unrecorded(refused: Refusal<400>): TransferDecision {
  return { kind: 'refuse', ...refused, record: undefined, bury: undefined };
}
