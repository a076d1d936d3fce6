/**
 * The five wallet callbacks on the ledger's tables: the rules of WALLET-PROTOCOL.md
 * §4 and §6, each decided inside the call's one SQL transaction (see `transact.ts`).
 */
import type { BalanceResponse } from '@tbb-wallet/core';
import { currencyMismatch } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { PlayerBlockedError, PlayerNotFoundError, ServiceUnavailableError } from '@tbb-wallet/handler';
import type { Queryable, SqlDriver } from './driver.ts';
import { isTransient } from './driver.ts';
import type { AutoCreatePlayers, Player } from './players.ts';
import { findPlayer } from './players.ts';
import { badRequest } from './refusals.ts';
import type { Decision } from './transact.ts';
import { transact } from './transact.ts';

/**
 * Builds the callbacks.
 *
 * - bet: blocked player → 407; id named by an earlier refund → 408; more than the
 *   balance → 402; otherwise debited.
 * - win: credited, unless an earlier rollback named its id (then recorded with 0).
 * - refund: the ORIGINAL bet amount back, once per bet; unknown bet → 406 (and the
 *   bet is refused if it arrives later).
 * - rollback-win: the ORIGINAL win amount back, once per win, even below zero;
 *   unknown win → 200 with nothing moved (and the win is not credited later).
 */
export function ledgerWallet(driver: SqlDriver, autoCreate: AutoCreatePlayers | undefined): WalletCallbacks {
  return {
    async balance(request): Promise<BalanceResponse> {
      let player: Player | undefined;
      try {
        player = await findPlayer(driver, request.player_id, { lock: false, autoCreate });
      } catch (error) {
        if (isTransient(error)) throw new ServiceUnavailableError();
        throw error;
      }
      if (!player) throw new PlayerNotFoundError();
      if (player.blocked) throw new PlayerBlockedError();
      if (player.currency !== request.currency_code) {
        throw badRequest(currencyMismatch(player.currency));
      }
      return { player_id: player.playerId, balance: player.balance, currency_code: player.currency };
    },

    bet(request) {
      const id = request.payload.provider_transfer_data.transaction_id;
      return transact(driver, autoCreate, request, async (client, player): Promise<Decision> => {
        if (player.blocked) return { refusal: 407 };
        if (await tombstoned(client, 'bet', id)) return { refusal: 408 };
        if (player.balance < request.amount) return { refusal: 402 };
        return { movement: -request.amount };
      });
    },

    win(request) {
      const id = request.payload.provider_transfer_data.transaction_id;
      return transact(driver, autoCreate, request, async (client) => ({
        movement: (await tombstoned(client, 'win', id)) ? 0 : request.amount,
      }));
    },

    refund(request) {
      const data = request.payload.provider_transfer_data;
      return transact(driver, autoCreate, request, async (client, player): Promise<Decision> => {
        const original = data.refunded_transaction_id;
        const bet = await acceptedMovement(client, 'bet', original, player.playerId);
        const first = await bury(client, 'bet', original, data.transaction_id);
        if (bet === undefined) return { refusal: 406, original };
        return { movement: first ? -bet : 0, original };
      });
    },

    rollbackWin(request) {
      const data = request.payload.provider_transfer_data;
      return transact(driver, autoCreate, request, async (client, player): Promise<Decision> => {
        const original = data.rollback_win_transaction_id;
        const win = await acceptedMovement(client, 'win', original, player.playerId);
        const first = await bury(client, 'win', original, data.transaction_id);
        return { movement: win !== undefined && first ? -win : 0, original };
      });
    },
  };
}

/** The movement of an accepted bet or win of this player, or `undefined` when there is none. */
async function acceptedMovement(
  client: Queryable,
  action: 'bet' | 'win',
  transactionId: string,
  playerId: string,
): Promise<number | undefined> {
  const { rows } = await client.query(
    `SELECT movement FROM ledger_transactions
     WHERE action = $1 AND provider_transaction_id = $2 AND player_id = $3 AND status = 200`,
    [action, transactionId, playerId],
  );
  return rows[0] ? Number(rows[0].movement) : undefined;
}

/** True when a refund (bet) or rollback (win) has named this id. */
async function tombstoned(client: Queryable, action: 'bet' | 'win', transactionId: string): Promise<boolean> {
  const { rows } = await client.query(
    'SELECT 1 FROM ledger_tombstones WHERE original_action = $1 AND provider_transaction_id = $2',
    [action, transactionId],
  );
  return rows.length > 0;
}

/** Records that `namedBy` refunds or rolls back this id; true for the first to name it. */
async function bury(
  client: Queryable,
  action: 'bet' | 'win',
  transactionId: string,
  namedBy: string,
): Promise<boolean> {
  const { rows } = await client.query(
    `INSERT INTO ledger_tombstones (original_action, provider_transaction_id, named_by) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [action, transactionId, namedBy],
  );
  return rows.length > 0;
}
