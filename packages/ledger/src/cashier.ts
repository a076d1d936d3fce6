/**
 * The operator's cashier: deposits and withdrawals, each applied at most once per
 * idempotency key and recorded as an entry, so that every balance stays its opening
 * balance plus its recorded movements.
 */
import { createHash } from 'node:crypto';
import { badRequest as badRequestRefusal, canonicalJson, walletErrorMessages } from '@tbb-wallet/core';
import { InsufficientFundsError, PlayerNotFoundError } from '@tbb-wallet/handler';
import type { Queryable, SqlDriver } from './driver.ts';
import { isUniqueViolation } from './driver.ts';
import { findPlayer } from './players.ts';
import { badRequest } from './refusals.ts';
import { assertStorableText } from './storable-text.ts';

/** A deposit or a withdrawal. */
export interface CashierRequest {
  player_id: string;
  /** In currency subunits (cents for EUR), above 0. */
  amount: number;
  /**
   * Your idempotency key for this one movement (a cashier request id, a payment id): the same
   * key again returns the first answer and moves nothing. Keys are unique per kind: a deposit
   * key and a withdrawal key are different keys even when they are the same string.
   */
  key: string;
}

/** The answer to a deposit or withdrawal, the same on every replay of its key. */
export interface CashierReceipt {
  /** The ledger's id of the entry (as in `entries()`). */
  readonly transaction_id: string;
  /** The balance right after this movement. */
  readonly balance: number;
  readonly currency_code: string;
}

type Kind = 'deposit' | 'withdrawal';

/**
 * Moves `amount` into (deposit) or out of (withdrawal) the player's balance, once per key.
 *
 * @throws TypeError / RangeError — a key, player id or amount the ledger could never store (a lone
 *   surrogate or U+0000 in a key or player id included).
 * @throws PlayerNotFoundError (404) — no such player; nothing is stored, so the same key works once the player exists.
 * @throws InsufficientFundsError (402) — a withdrawal above the balance; stored, so the key stays refused.
 * @throws BadRequestError (400) — the key was used before for another player or amount.
 * @throws the database's error when it is unavailable; nothing moved that a retry with the same key would not replay.
 */
export async function moveCash(driver: SqlDriver, kind: Kind, request: CashierRequest): Promise<CashierReceipt> {
  checkRequest(kind, request);
  const hash = createHash('sha256')
    .update(canonicalJson({ kind, player_id: request.player_id, amount: request.amount }))
    .digest('hex');
  for (let attempt = 1; ; attempt++) {
    try {
      const receipt = await driver.transaction((client) => once(client, kind, request, hash));
      // Thrown after COMMIT: the refusal is stored with the key, and replayed.
      if (receipt === 'refused') throw new InsufficientFundsError();
      return receipt;
    } catch (error) {
      // The same key at once for two players: the loser's retry finds the winner's entry (400).
      if (isUniqueViolation(error) && attempt < 2) continue;
      throw error;
    }
  }
}

async function once(
  client: Queryable,
  kind: Kind,
  request: CashierRequest,
  hash: string,
): Promise<CashierReceipt | 'refused'> {
  const player = await findPlayer(client, request.player_id, { lock: true });
  const { rows } = await client.query(
    'SELECT request_sha256, status, response FROM ledger_transactions WHERE action = $1 AND provider_transaction_id = $2',
    [kind, request.key],
  );
  const known = rows[0];
  if (known) {
    if (known.request_sha256 !== hash) {
      throw badRequest(
        badRequestRefusal(`key: ${request.key} was already used for another ${kind} (another player or amount)`),
      );
    }
    if (Number(known.status) !== 200) return 'refused';
    const { transaction_id, balance, currency_code } = known.response as CashierReceipt;
    return { transaction_id, balance, currency_code };
  }
  if (!player)
    throw new PlayerNotFoundError(`${walletErrorMessages[404]} No player ${JSON.stringify(request.player_id)}.`);
  const refused = kind === 'withdrawal' && player.balance < request.amount;
  const movement = refused ? 0 : kind === 'deposit' ? request.amount : -request.amount;
  if (!Number.isSafeInteger(player.balance + movement))
    throw new RangeError(`${kind}: the balance would leave ±(2^53−1).`);
  const id = String((await client.query(`SELECT nextval('ledger_transaction_ids') AS id`)).rows[0]?.id);
  let receipt: CashierReceipt | undefined;
  if (!refused) {
    const updated = await client.query(
      'UPDATE ledger_players SET balance = balance + $2 WHERE player_id = $1 RETURNING balance',
      [player.playerId, movement],
    );
    receipt = { transaction_id: id, balance: Number(updated.rows[0]?.balance), currency_code: player.currency };
  }
  await client.query(
    `INSERT INTO ledger_transactions (id, action, provider_transaction_id, player_id, request_sha256, amount,
       movement, balance_after, status, response)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
    [
      id,
      kind,
      request.key,
      player.playerId,
      hash,
      request.amount,
      movement,
      receipt?.balance ?? null,
      refused ? 402 : 200,
      JSON.stringify(receipt ?? { code: 402, message: walletErrorMessages[402] }),
    ],
  );
  return receipt ?? 'refused';
}

function checkRequest(kind: Kind, request: CashierRequest): void {
  const name = kind === 'deposit' ? 'deposit' : 'withdraw';
  if (typeof request?.key !== 'string' || request.key.length === 0 || request.key.length > 255) {
    throw new TypeError(`${name}: key must be a string of 1 to 255 characters (your idempotency key).`);
  }
  if (typeof request.player_id !== 'string' || request.player_id.length === 0) {
    throw new TypeError(`${name}: player_id must be a non-empty string.`);
  }
  assertStorableText(`${name}: key`, request.key);
  assertStorableText(`${name}: player_id`, request.player_id);
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    throw new RangeError(`${name}: amount must be a whole number of currency subunits (cents) above 0.`);
  }
}
