/**
 * The five wallet callbacks on the ledger's tables: the rules of WALLET-PROTOCOL.md
 * §4 and §6, decided by the shared decision functions of @tbb-wallet/core on the facts
 * read in the call's first round trip (see `transact.ts`). A balance read is one round trip.
 */
import type { BalanceRequest, BalanceResponse } from '@tbb-wallet/core';
import { decideBalance } from '@tbb-wallet/core';
import type { Received, WalletCallbacks } from '@tbb-wallet/handler';
import { BadRequestError, PlayerBlockedError, PlayerNotFoundError, ServiceUnavailableError } from '@tbb-wallet/handler';
import type { SqlDriver } from './driver.ts';
import { isTransient } from './driver.ts';
import type { CallRecord, ObserveCall } from './observe-call.ts';
import type { AutoCreatePlayers, Player } from './players.ts';
import { findPlayer } from './players.ts';
import type { Transfer } from './transact.ts';
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
export function ledgerWallet(
  driver: SqlDriver,
  autoCreate: AutoCreatePlayers | undefined,
  observe?: ObserveCall,
): WalletCallbacks {
  const balance = async (request: Received<BalanceRequest>, record?: CallRecord): Promise<BalanceResponse> => {
    let player: Player | undefined;
    try {
      const find = () => findPlayer(driver, request.player_id, { lock: false, autoCreate });
      player = await (record ? record.trip('read', find) : find());
    } catch (error) {
      if (isTransient(error)) throw new ServiceUnavailableError();
      throw error;
    }
    const decision = decideBalance(request, player && { ...player, blocked: player.blocked });
    if (decision.kind === 'answer') return decision.response;
    if (decision.code === 404) throw new PlayerNotFoundError();
    if (decision.code === 407) throw new PlayerBlockedError();
    throw new BadRequestError(decision.message);
  };
  if (!observe) {
    const transfer = (request: Transfer) => transact(driver, autoCreate, request);
    return {
      balance: (request) => balance(request),
      bet: transfer,
      win: transfer,
      refund: transfer,
      rollbackWin: transfer,
    };
  }
  const transfer = (request: Transfer) =>
    observe(request.action, request, (record) => transact(driver, autoCreate, request, record));
  return {
    balance: (request) => observe('balance', request, (record) => balance(request, record)),
    bet: transfer,
    win: transfer,
    refund: transfer,
    rollbackWin: transfer,
  };
}
