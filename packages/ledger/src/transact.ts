/**
 * One bet, win, refund or rollback-win, exactly once, in two round trips of one SQL
 * transaction: (1) BEGIN and `ledger_transfer_facts` — lock the player row, read the stored
 * answer of this id, the original it names and the tombstone; then `decideTransfer` (the shared
 * rules of @tbb-wallet/core) decides in JS; (2) `ledger_transfer_record`, the decision's writes,
 * and COMMIT — all or nothing. The two PL/pgSQL functions (migration 3) hold no rule: they keep
 * their plans per session, where statements sent as text were planned on every call.
 *
 * @see WALLET-PROTOCOL.md §6, duplicate `transaction_id` and the same id twice at once
 */
import { hash as digest } from 'node:crypto';
import type {
  BetRequest,
  RefundRequest,
  RollbackWinRequest,
  StoredAnswer,
  StoredTransaction,
  TransactionResponse,
  TransferDecision,
  TransferRequest,
  WinRequest,
} from '@tbb-wallet/core';
import { canonicalJson, decideTransfer, transferLookups } from '@tbb-wallet/core';
import type { Received } from '@tbb-wallet/handler';
import { BadRequestError, ServiceUnavailableError } from '@tbb-wallet/handler';
import type { SqlDriver, StatementRows, Step } from './driver.ts';
import { isTransient, isUniqueViolation, sqlState } from './driver.ts';
import type { CallRecord } from './observe-call.ts';
import type { AutoCreatePlayers } from './players.ts';
import { refusalFor } from './refusals.ts';
import { literal } from './sql-literal.ts';

/** A request that moves money. */
export type Transfer =
  | Received<BetRequest>
  | Received<WinRequest>
  | Received<RefundRequest>
  | Received<RollbackWinRequest>;

/** How many times a call is tried when the database reports a conflict it settled. */
const attempts = 3;

/**
 * Runs one transfer exactly once and answers it, or throws its refusal.
 *
 * @throws BadRequestError — the id was used before with another body, or the currency is not the player's.
 * @throws ServiceUnavailableError — the database connection was lost; nothing was committed that a retry
 *   with the same body would not replay.
 * @throws the stored refusal (402, 404, 406, 407, 408), the first time and on every retry.
 */
export async function transact(
  driver: SqlDriver,
  autoCreate: AutoCreatePlayers | undefined,
  request: Transfer,
  record?: CallRecord,
): Promise<TransactionResponse> {
  // One-shot: a `Hash` object per call cost ~0.7 µs more.
  const hash = digest('sha256', canonicalJson(request), 'hex');
  const read = readFacts(request as TransferRequest, autoCreate);
  const decide = (rows: StatementRows) => {
    const step = decided(request as TransferRequest, hash, rows);
    if (record) record.replayed = step.writes === undefined;
    return step;
  };
  const answer = await withRetries(() => driver.exchange(read, decide, record?.trip));
  if (answer.status !== 200) throw refusalFor(answer.status);
  // jsonb reorders keys: answer in the protocol's order, so a replay is byte-identical.
  const { transaction_id, balance, currency_code } = answer.response;
  return { transaction_id, balance, currency_code };
}

/** Runs the call; again when the database settled a conflict against it. */
async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      // A duplicate that slipped past the lookup lost the race on the unique key: run the
      // call again, and the lookup now finds and replays the winner's answer.
      const settled = isUniqueViolation(error) || sqlState(error) === '40001' || sqlState(error) === '40P01';
      if (settled && attempt < attempts) continue;
      if (settled || isTransient(error)) throw new ServiceUnavailableError();
      throw error;
    }
  }
}

/**
 * The first round trip's statement: the facts of the call from `ledger_transfer_facts` (migration 3),
 * which creates an auto-created player, locks the player, then reads — each a statement of its own, so
 * it sees what committed while the lock was awaited — the stored row, the original and the tombstone.
 */
function readFacts(request: TransferRequest, autoCreate: AutoCreatePlayers | undefined): string {
  const { stored, original, tombstone } = transferLookups(request);
  const values = [
    request.player_id,
    stored.action,
    stored.transactionId,
    original?.action,
    original?.transactionId,
    tombstone.action,
    tombstone.transactionId,
    autoCreate?.currency,
    autoCreate?.balance,
  ].map(literal);
  return `SELECT ledger_transfer_facts(${values.join(', ')}) AS facts`;
}

/** The facts `ledger_transfer_facts` answers (JSON: its bigints are numbers; the ledger keeps them within 2^53). */
interface Facts {
  readonly player: { currency: string; balance: number; blocked: boolean } | null;
  readonly stored: StoredRow | null;
  readonly original: StoredRow | null;
  readonly tombstoned: boolean;
}

interface StoredRow {
  readonly player_id: string;
  readonly request_sha256: string;
  readonly movement: number;
  readonly status: number;
  readonly response: TransactionResponse | { code: number; message: string };
}

/** Decides from the first round trip's facts and says what the second one writes. */
function decided(request: TransferRequest, hash: string, rows: StatementRows): Step<StoredAnswer> {
  const facts = rows.at(-1)?.[0]?.facts as Facts;
  const decision = decideTransfer(request, {
    player: facts.player ?? undefined,
    stored: storedOf(facts.stored),
    original: storedOf(facts.original),
    tombstoned: facts.tombstoned,
    fingerprint: hash,
  });
  return stepOf(decision, facts.player?.currency ?? '');
}

function storedOf(row: StoredRow | null): StoredTransaction | undefined {
  if (row === null) return undefined;
  const { status, response } = row;
  return {
    playerId: row.player_id,
    fingerprint: row.request_sha256,
    movement: row.movement,
    answer: (status === 200 ? { status, response } : { status }) as StoredAnswer,
  };
}

/** The writes of a decision (one call of `ledger_transfer_record`, migration 3) and the answer they make. */
function stepOf(decision: TransferDecision, currency: string): Step<StoredAnswer> {
  if (decision.kind === 'replay') return { writes: undefined, answer: () => decision.answer };
  if (decision.record === undefined) throw new BadRequestError(decision.message);
  const { record, bury } = decision;
  const moved = decision.kind === 'move';
  const refusal = moved ? null : JSON.stringify({ code: decision.code, message: decision.message });
  const values = [
    moved ? decision.movement : 0,
    bury?.action,
    bury?.transactionId,
    bury?.namedBy,
    record.action,
    record.transactionId,
    record.playerId,
    record.fingerprint,
    record.amount,
    record.movement,
    moved ? decision.balance : null,
    record.roundId,
    record.originalTransactionId,
    moved ? 200 : decision.code,
    currency,
    refusal,
  ].map(literal);
  return {
    writes: `SELECT ledger_transfer_record(${values.join(', ')}) AS id`,
    answer: (written) => {
      if (decision.kind !== 'move') return { status: decision.code };
      const id = String(written.at(-1)?.[0]?.id);
      return { status: 200, response: { transaction_id: id, balance: decision.balance, currency_code: currency } };
    },
  };
}
