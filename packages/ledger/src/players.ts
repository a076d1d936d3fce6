/**
 * Players: read, lock, create on first sight when the ledger is configured to.
 */
import type { NewPlayer } from '@tbb-wallet/core';
import type { Queryable } from './driver.ts';

/** A player's wallet as the ledger keeps it. */
export interface Player {
  readonly playerId: string;
  readonly currency: string;
  /** In currency subunits; may be negative after a rollback-win. */
  readonly balance: number;
  readonly blocked: boolean;
}

/** Opening wallet of players created on first sight. */
export interface AutoCreatePlayers {
  currency: string;
  balance: number;
}

const columns = 'player_id, currency_code, balance, blocked';

/**
 * Reads a player; with `lock`, takes the row lock (`FOR UPDATE`) that serialises every
 * call on that player until the transaction ends. Creates an unknown player first
 * when `autoCreate` is set; answers `undefined` otherwise.
 */
export async function findPlayer(
  client: Queryable,
  playerId: string,
  options: { lock: boolean; autoCreate?: AutoCreatePlayers | undefined },
): Promise<Player | undefined> {
  const select = `SELECT ${columns} FROM ledger_players WHERE player_id = $1${options.lock ? ' FOR UPDATE' : ''}`;
  let { rows } = await client.query(select, [playerId]);
  if (rows.length === 0 && options.autoCreate) {
    await insertPlayer(
      client,
      { player_id: playerId, ...options.autoCreate, currency_code: options.autoCreate.currency },
      false,
    );
    ({ rows } = await client.query(select, [playerId]));
  }
  const row = rows[0];
  if (!row) return undefined;
  return {
    playerId: String(row.player_id),
    currency: String(row.currency_code),
    balance: Number(row.balance),
    blocked: Boolean(row.blocked),
  };
}

/** Inserts a player; with `replace`, an existing player of that id is reset to these values. */
export async function insertPlayer(client: Queryable, player: NewPlayer, replace: boolean): Promise<void> {
  const onConflict = replace
    ? `DO UPDATE SET currency_code = EXCLUDED.currency_code, balance = EXCLUDED.balance,
         opening_balance = EXCLUDED.opening_balance, blocked = EXCLUDED.blocked`
    : 'DO NOTHING';
  await client.query(
    `INSERT INTO ledger_players (player_id, currency_code, balance, opening_balance, blocked)
     VALUES ($1, $2, $3, $3, $4) ON CONFLICT (player_id) ${onConflict}`,
    [player.player_id, player.currency_code, player.balance, player.blocked ?? false],
  );
}
