/**
 * What the console can do to players, on either wallet the sandbox serves: the in-memory
 * sandbox (everything, 405 and 418 included) or the PostgreSQL ledger (what its cashier
 * API supports: create, deposit, withdraw, block, unblock — not 405 or 418).
 */
import type { Ledger } from '@tbb-wallet/ledger';
import type { SandboxAccount, SandboxAccountChange, SandboxWallet } from '../sandbox/types.ts';

/** A player as the console lists it; `limit_reached`/`game_unavailable` only on the in-memory sandbox. */
export type ConsolePlayer = Omit<SandboxAccount, 'limit_reached' | 'game_unavailable'> &
  Partial<Pick<SandboxAccount, 'limit_reached' | 'game_unavailable'>>;

/** The console's handle on the players of the wallet served. */
export interface PlayerControls {
  /** Whether the wallet can refuse bets 418 and 405 on demand. */
  readonly refusals: boolean;
  /** The players known: all of them in memory; on a database those created here or seen in a call. */
  list(): Promise<ConsolePlayer[]>;
  /** Tells the controls a player id was seen in a call. */
  seen(playerId: string): void;
  create(player: { player_id: string; currency_code: string; balance: number }): Promise<ConsolePlayer>;
  /** A deposit (amount > 0) or withdrawal (amount < 0); `key` makes it idempotent where the wallet supports it. */
  moveCash(playerId: string, amount: number, key: string): Promise<ConsolePlayer>;
  change(playerId: string, change: SandboxAccountChange): Promise<ConsolePlayer>;
}

/** The controls of the in-memory sandbox. */
export function sandboxControls(wallet: SandboxWallet): PlayerControls {
  return {
    refusals: true,
    list: async () => wallet.accounts(),
    seen: () => {},
    async create(player) {
      if (wallet.accounts().some((a) => a.player_id === player.player_id))
        throw new RangeError(`player ${player.player_id} exists already`);
      wallet.addPlayer(player);
      return wallet.change(player.player_id, {});
    },
    moveCash: async (playerId, amount) => wallet.moveCash(playerId, amount),
    change: async (playerId, change) => wallet.change(playerId, change),
  };
}

/** The controls of the PostgreSQL ledger, through its cashier API. */
export function ledgerControls(ledger: Ledger, currency: string): PlayerControls {
  const known = new Set<string>();
  // addPlayer never changes an existing player: with a balance of 0 it reads one that exists.
  const read = async (playerId: string) =>
    (await ledger.balanceOf(playerId)) === undefined
      ? undefined
      : (await ledger.addPlayer({ player_id: playerId, currency_code: currency, balance: 0 })).player;
  return {
    refusals: false,
    async list() {
      const players = await Promise.all([...known].map(read));
      return players.filter((p) => p !== undefined);
    },
    seen: (playerId) => void known.add(playerId),
    async create(player) {
      const added = await ledger.addPlayer(player);
      if (!added.created) throw new RangeError(`player ${player.player_id} exists already`);
      known.add(player.player_id);
      return added.player;
    },
    async moveCash(playerId, amount, key) {
      const request = { player_id: playerId, amount: Math.abs(amount), key };
      await (amount >= 0 ? ledger.deposit(request) : ledger.withdraw(request));
      return (await read(playerId))!;
    },
    async change(playerId, change) {
      if (change.limit_reached !== undefined || change.game_unavailable !== undefined)
        throw new RangeError('the PostgreSQL ledger has no responsible-gaming limit (418) or unavailable game (405)');
      known.add(playerId);
      if (change.blocked !== undefined) return change.blocked ? ledger.block(playerId) : ledger.unblock(playerId);
      return (await read(playerId))!;
    },
  };
}
