/**
 * One bet, win, refund or rollback-win, exactly once, in two round trips of one SQL
 * transaction: (1) BEGIN, lock the player row, read the stored answer of this id, the
 * original it names and the tombstone; then `decideTransfer` (the shared rules of
 * @tbb-wallet/core) decides in JS; (2) the decision's writes and COMMIT — all or nothing.
 *
 * @see WALLET-PROTOCOL.md §6, duplicate `transaction_id` and the same id twice at once
 */
import { createHash } from 'node:crypto';
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
  const hash = createHash('sha256').update(canonicalJson(request)).digest('hex');
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
 * The first round trip's statements: create an auto-created player, lock the player, then — a
 * statement of its own, so it sees what committed while the lock was awaited — the other facts.
 */
function readFacts(request: TransferRequest, autoCreate: AutoCreatePlayers | undefined): string {
  const keys = transferLookups(request);
  const player = literal(request.player_id);
  const statements: string[] = [];
  if (autoCreate) {
    // The NOT EXISTS lookup spares a known player ON CONFLICT's insertion attempt (pgbench: ~10% of
    // the database's time per call); ON CONFLICT still settles two first calls of a new player at once.
    statements.push(
      `INSERT INTO ledger_players (player_id, currency_code, balance, opening_balance, blocked)
       SELECT ${player}, ${literal(autoCreate.currency)}, ${literal(autoCreate.balance)},
         ${literal(autoCreate.balance)}, false
       WHERE NOT EXISTS (SELECT 1 FROM ledger_players WHERE player_id = ${player})
       ON CONFLICT (player_id) DO NOTHING`,
    );
  }
  statements.push(
    `SELECT currency_code, balance, blocked FROM ledger_players WHERE player_id = ${player} FOR UPDATE`,
    `SELECT 'stored' AS kind, s.player_id, s.request_sha256, s.movement, s.status, s.response, NULL::boolean AS tombstoned
       FROM ledger_transactions s
       WHERE s.action = ${literal(keys.stored.action)} AND s.provider_transaction_id = ${literal(keys.stored.transactionId)}
     UNION ALL
     SELECT 'original', o.player_id, o.request_sha256, o.movement, o.status, o.response, NULL
       FROM ledger_transactions o
       WHERE ${keys.original ? `o.action = ${literal(keys.original.action)} AND o.provider_transaction_id = ${literal(keys.original.transactionId)}` : 'false'}
     UNION ALL
     SELECT 'tombstone', NULL, NULL, NULL, NULL, NULL::jsonb, EXISTS (SELECT 1 FROM ledger_tombstones
       WHERE original_action = ${literal(keys.tombstone.action)}
         AND provider_transaction_id = ${literal(keys.tombstone.transactionId)})`,
  );
  return statements.join('; ');
}

/** Decides from the first round trip's rows and says what the second one writes. */
function decided(request: TransferRequest, hash: string, rows: StatementRows): Step<StoredAnswer> {
  const [playerRows, factRows] = rows.slice(-2) as [StatementRows[number], StatementRows[number]];
  const playerRow = playerRows[0];
  // At most one row of this id, at most one of the original, and always the tombstone's.
  const row = (kind: string) => factRows.find((fact) => fact.kind === kind);
  const storedRow = row('stored');
  const originalRow = row('original');
  const decision = decideTransfer(request, {
    player: playerRow
      ? {
          currency: String(playerRow.currency_code),
          balance: Number(playerRow.balance),
          blocked: Boolean(playerRow.blocked),
        }
      : undefined,
    stored: storedRow ? storedOf(storedRow) : undefined,
    original: originalRow ? storedOf(originalRow) : undefined,
    tombstoned: row('tombstone')?.tombstoned === true,
    fingerprint: hash,
  });
  return stepOf(decision, playerRow ? String(playerRow.currency_code) : '');
}

function storedOf(row: Record<string, unknown>): StoredTransaction {
  const status = Number(row.status);
  return {
    playerId: String(row.player_id),
    fingerprint: String(row.request_sha256),
    movement: Number(row.movement),
    answer: (status === 200 ? { status, response: row.response as TransactionResponse } : { status }) as StoredAnswer,
  };
}

/** The writes of a decision and the answer they make. */
function stepOf(decision: TransferDecision, currency: string): Step<StoredAnswer> {
  if (decision.kind === 'replay') return { writes: undefined, answer: () => decision.answer };
  if (decision.record === undefined) throw new BadRequestError(decision.message);
  const record = decision.record;
  const writes: string[] = [];
  if (decision.kind === 'move' && decision.movement !== 0) {
    writes.push(
      `UPDATE ledger_players SET balance = balance + ${literal(decision.movement)} WHERE player_id = ${literal(record.playerId)}`,
    );
  }
  if (decision.bury) {
    writes.push(
      `INSERT INTO ledger_tombstones (original_action, provider_transaction_id, named_by)
       VALUES (${literal(decision.bury.action)}, ${literal(decision.bury.transactionId)}, ${literal(decision.bury.namedBy)})
       ON CONFLICT DO NOTHING`,
    );
  }
  const moved = decision.kind === 'move';
  const response = moved
    ? `jsonb_build_object('transaction_id', n.id::text, 'balance', ${literal(decision.balance)}::bigint, 'currency_code', ${literal(currency)}::text)`
    : `${literal(JSON.stringify({ code: decision.code, message: decision.message }))}::jsonb`;
  writes.push(
    `INSERT INTO ledger_transactions (id, action, provider_transaction_id, player_id, request_sha256, amount,
       movement, balance_after, round_id, original_transaction_id, status, response)
     SELECT n.id, ${literal(record.action)}, ${literal(record.transactionId)}, ${literal(record.playerId)},
       ${literal(record.fingerprint)}, ${literal(record.amount)}, ${literal(record.movement)},
       ${moved ? literal(decision.balance) : 'NULL'}, ${literal(record.roundId)}, ${literal(record.originalTransactionId)},
       ${literal(moved ? 200 : decision.code)}, ${response}
     FROM (SELECT nextval('ledger_transaction_ids') AS id) AS n RETURNING id`,
  );
  return {
    writes: writes.join('; '),
    answer: (written) => {
      if (decision.kind !== 'move') return { status: decision.code };
      const id = String(written.at(-1)?.[0]?.id);
      return { status: 200, response: { transaction_id: id, balance: decision.balance, currency_code: currency } };
    },
  };
}
