/**
 * The sandbox wallet's public shapes: its players, its options and its ledger. Players
 * and entries are the shapes of @tbb-wallet/core, shared with the PostgreSQL ledger.
 */
import type { LedgerEntry, NewPlayer } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';

/** A player of the sandbox, as `--players` lists them (the same shape as the ledger's players). */
export type SandboxPlayer = NewPlayer;

/** Options of {@link createSandboxWallet}. */
export interface SandboxOptions {
  /**
   * The players that exist. Without it, any player id is created on first sight with
   * {@link SandboxOptions.initialBalance} in {@link SandboxOptions.currency}; with it,
   * every other player id is answered 404.
   */
  players?: readonly SandboxPlayer[];
  /** Currency of players created on first sight. Default `EUR`. */
  currency?: string;
  /** Balance of players created on first sight, in subunits. Default `100000` (1,000.00). */
  initialBalance?: number;
}

/** What the sandbox exposes for assertions. */
export interface SandboxLedger {
  /** The balance of a player, or `undefined` when the player does not exist (yet). */
  balanceOf(playerId: string): number | undefined;
  /** Every player's balance, by player id (a snapshot). */
  balances(): Record<string, number>;
  /** Every accepted transaction, oldest first (a snapshot). */
  entries(): LedgerEntry[];
  /** The balance a player started with, before any entry. */
  openingBalanceOf(playerId: string): number | undefined;
}

/** A player's account as the sandbox's controls show it. */
export interface SandboxAccount {
  readonly player_id: string;
  readonly currency_code: string;
  readonly balance: number;
  /** Balance calls and bets refused 407. */
  readonly blocked: boolean;
  /** Bets refused 418 (a responsible-gaming limit reached). */
  readonly limit_reached: boolean;
  /** Bets refused 405 (the game is not available). */
  readonly game_unavailable: boolean;
}

/** What the sandbox's controls change on a player; absent fields are kept. */
export interface SandboxAccountChange {
  blocked?: boolean;
  limit_reached?: boolean;
  game_unavailable?: boolean;
}

/** An in-memory operator wallet: the five callbacks, plus its ledger and its controls. */
export interface SandboxWallet extends WalletCallbacks {
  readonly ledger: SandboxLedger;
  /** Adds (or replaces) a player. */
  addPlayer(player: SandboxPlayer): void;
  /** Every player, in the order they were added. */
  accounts(): SandboxAccount[];
  /**
   * Blocks a player (407), or makes its next new bets refused 418 or 405; a refusal is
   * remembered like any other, so a retried bet gets it again. Wins, refunds and
   * rollbacks are still applied. @throws PlayerNotFoundError for an unknown player.
   */
  change(playerId: string, change: SandboxAccountChange): SandboxAccount;
  /**
   * A cashier movement: `amount` in (positive, a deposit) or out (negative, a withdrawal),
   * counted in the opening balance so entries still add up. @throws InsufficientFundsError
   * for a withdrawal above the balance, PlayerNotFoundError for an unknown player.
   */
  moveCash(playerId: string, amount: number): SandboxAccount;
}
