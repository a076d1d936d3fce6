/**
 * One bet, win, refund or rollback-win, exactly once: one SQL transaction that locks
 * the player row, looks the (action, transaction_id) up, and either replays the
 * stored answer or decides, moves the balance and stores the answer — all or nothing.
 *
 * @see WALLET-PROTOCOL.md §6, duplicate `transaction_id` and the same id twice at once
 */
import { createHash } from 'node:crypto';
import type { BetRequest, RefundRequest, RollbackWinRequest, TransactionResponse, WinRequest } from '@tbb-wallet/core';
import {
  balanceOutOfRange,
  canonicalJson,
  currencyMismatch,
  reusedTransactionId,
  walletErrorMessages,
} from '@tbb-wallet/core';
import type { Received } from '@tbb-wallet/handler';
import { ServiceUnavailableError } from '@tbb-wallet/handler';
import type { Queryable, SqlDriver } from './driver.ts';
import { isTransient, isUniqueViolation, sqlState } from './driver.ts';
import type { AutoCreatePlayers, Player } from './players.ts';
import { findPlayer } from './players.ts';
import type { StoredRefusalCode } from './refusals.ts';
import { badRequest, refusalFor } from './refusals.ts';

/** A request that moves money. */
export type Transfer =
  | Received<BetRequest>
  | Received<WinRequest>
  | Received<RefundRequest>
  | Received<RollbackWinRequest>;

/** What a rule decided for a new transaction: move the balance (maybe by 0), or refuse for good. */
export type Decision =
  | { readonly movement: number; readonly original?: string }
  | { readonly refusal: StoredRefusalCode; readonly original?: string };

/** Decides a new transaction for a locked player whose currency matches. */
export type Rule = (client: Queryable, player: Player) => Promise<Decision>;

/** The stored answer: a 200 body, or the refusal's `{ code, message }`. */
interface Outcome {
  readonly status: number;
  readonly response: TransactionResponse | { code: number; message: string };
}

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
  rule: Rule,
): Promise<TransactionResponse> {
  const hash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const outcome = await onceWithRetries(driver, (client) => once(client, autoCreate, request, hash, rule));
  if (outcome.status !== 200) throw refusalFor(outcome.status);
  // jsonb reorders keys: answer in the protocol's order, so a replay is byte-identical.
  const { transaction_id, balance, currency_code } = outcome.response as TransactionResponse;
  return { transaction_id, balance, currency_code };
}

/** Runs the call's transaction; again when the database settled a conflict against it. */
async function onceWithRetries(driver: SqlDriver, work: (client: Queryable) => Promise<Outcome>): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await driver.transaction(work);
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

async function once(
  client: Queryable,
  autoCreate: AutoCreatePlayers | undefined,
  request: Transfer,
  hash: string,
  rule: Rule,
): Promise<Outcome> {
  const data = request.payload.provider_transfer_data;
  const player = await findPlayer(client, request.player_id, { lock: true, autoCreate });
  const { rows } = await client.query(
    `SELECT request_sha256, status, response FROM ledger_transactions
     WHERE action = $1 AND provider_transaction_id = $2`,
    [request.action, data.transaction_id],
  );
  const known = rows[0];
  if (known) {
    if (known.request_sha256 !== hash) {
      throw badRequest(reusedTransactionId(data.transaction_id));
    }
    return { status: Number(known.status), response: known.response as Outcome['response'] };
  }
  if (!player) return store(client, request, hash, { refusal: 404 }, undefined);
  if (player.currency !== request.currency_code) {
    throw badRequest(currencyMismatch(player.currency));
  }
  return store(client, request, hash, await rule(client, player), player);
}

/** Applies the decision and stores the answer with the transaction id. */
async function store(
  client: Queryable,
  request: Transfer,
  hash: string,
  decision: Decision,
  player: Player | undefined,
): Promise<Outcome> {
  const data = request.payload.provider_transfer_data;
  const { rows } = await client.query(`SELECT nextval('ledger_transaction_ids') AS id`);
  const id = String(rows[0]?.id);
  let outcome: Outcome;
  let movement = 0;
  let balanceAfter: number | null = null;
  if ('refusal' in decision || !player) {
    const code = 'refusal' in decision ? decision.refusal : 404;
    outcome = { status: code, response: { code, message: walletErrorMessages[code] } };
  } else {
    movement = decision.movement;
    balanceAfter = player.balance;
    // A balance answer is an integer of at most ±(2^53−1): refuse (400, rolled back) rather than
    // store a balance that no answer could carry.
    if (!Number.isSafeInteger(player.balance + movement)) {
      throw badRequest(balanceOutOfRange());
    }
    if (movement !== 0) {
      const updated = await client.query(
        'UPDATE ledger_players SET balance = balance + $2 WHERE player_id = $1 RETURNING balance',
        [player.playerId, movement],
      );
      balanceAfter = Number(updated.rows[0]?.balance);
    }
    outcome = { status: 200, response: { transaction_id: id, balance: balanceAfter, currency_code: player.currency } };
  }
  await client.query(
    `INSERT INTO ledger_transactions (id, action, provider_transaction_id, player_id, request_sha256, amount,
       movement, balance_after, round_id, original_transaction_id, status, response)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
    [
      id,
      request.action,
      data.transaction_id,
      request.player_id,
      hash,
      request.amount,
      movement,
      balanceAfter,
      data.round_id,
      decision.original ?? null,
      outcome.status,
      JSON.stringify(outcome.response),
    ],
  );
  return outcome;
}
