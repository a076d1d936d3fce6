/**
 * Players: read, lock, create (never reset), block and unblock.
 */
import { type NewPlayer, walletErrorMessages } from '@tbb-wallet/core';
import { PlayerNotFoundError } from '@tbb-wallet/handler';
import type { Queryable } from './driver.ts';
import { assertStorableText } from './storable-text.ts';

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
    await insertPlayer(client, {
      player_id: playerId,
      ...options.autoCreate,
      currency_code: options.autoCreate.currency,
    });
    ({ rows } = await client.query(select, [playerId]));
  }
  const row = rows[0];
  return row ? playerOf(row) : undefined;
}

/** A player's wallet as {@link Ledger.addPlayer}, `block()` and `unblock()` answer it. */
export interface PlayerAccount {
  readonly player_id: string;
  readonly currency_code: string;
  /** In currency subunits. */
  readonly balance: number;
  readonly blocked: boolean;
}

/** What `addPlayer()` did: `created` false means the player existed and was left exactly as it was. */
export interface AddedPlayer {
  readonly created: boolean;
  readonly player: PlayerAccount;
}

/** Inserts a player unless one with that id exists; true when it inserted. Never changes an existing player. */
export async function insertPlayer(client: Queryable, player: NewPlayer): Promise<boolean> {
  const { rows } = await client.query(
    `INSERT INTO ledger_players (player_id, currency_code, balance, opening_balance, blocked)
     VALUES ($1, $2, $3, $3, $4) ON CONFLICT (player_id) DO NOTHING RETURNING player_id`,
    [player.player_id, player.currency_code, player.balance, player.blocked ?? false],
  );
  return rows.length > 0;
}

/**
 * Creates the player if absent; an existing player keeps its balance, currency and block.
 *
 * @throws TypeError / RangeError — a player that could never be stored or answered.
 */
export async function addPlayer(client: Queryable, player: NewPlayer): Promise<AddedPlayer> {
  checkNewPlayer(player);
  const created = await insertPlayer(client, player);
  // A separate statement: it sees a player a concurrent addPlayer committed while this one waited.
  const stored = await findPlayer(client, player.player_id, { lock: false });
  if (!stored) throw new Error(`addPlayer: player ${player.player_id} vanished right after it was added.`);
  return { created, player: accountOf(stored) };
}

/**
 * Blocks (bets and balance calls refused 407) or unblocks a player; wins, refunds and
 * rollbacks are still applied to a blocked player.
 *
 * @throws PlayerNotFoundError — no player with that id.
 * @throws TypeError — a player id with a lone surrogate or U+0000, which could name another player.
 */
export async function setBlocked(client: Queryable, playerId: string, blocked: boolean): Promise<PlayerAccount> {
  assertStorableText(blocked ? 'block: player_id' : 'unblock: player_id', playerId);
  const { rows } = await client.query(
    `UPDATE ledger_players SET blocked = $2 WHERE player_id = $1 RETURNING ${columns}`,
    [playerId, blocked],
  );
  const row = rows[0];
  if (!row) throw new PlayerNotFoundError(`${walletErrorMessages[404]} No player ${JSON.stringify(playerId)}.`);
  return accountOf(playerOf(row));
}

/** The public view of a player row. */
export function accountOf(player: Player): PlayerAccount {
  return {
    player_id: player.playerId,
    currency_code: player.currency,
    balance: player.balance,
    blocked: player.blocked,
  };
}

function playerOf(row: Record<string, unknown>): Player {
  return {
    playerId: String(row.player_id),
    currency: String(row.currency_code),
    balance: Number(row.balance),
    blocked: Boolean(row.blocked),
  };
}

function checkNewPlayer(player: NewPlayer): void {
  if (typeof player?.player_id !== 'string' || player.player_id.length === 0 || player.player_id.length > 255) {
    throw new TypeError('addPlayer: player_id must be a string of 1 to 255 characters.');
  }
  assertStorableText('addPlayer: player_id', player.player_id);
  if (typeof player.currency_code !== 'string' || !/^[A-Z]{3}$/.test(player.currency_code)) {
    throw new TypeError('addPlayer: currency_code must be an ISO 4217 code such as "EUR".');
  }
  if (!Number.isSafeInteger(player.balance)) {
    throw new RangeError('addPlayer: balance must be a whole number of currency subunits (cents), within ±(2^53−1).');
  }
  if (player.blocked !== undefined && typeof player.blocked !== 'boolean') {
    throw new TypeError('addPlayer: blocked must be true or false.');
  }
}
