/**
 * The shapes of the wallet rule suite: the wallet under test, one rule, one result.
 */
import type { NewPlayer } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';

/**
 * A wallet under test: its five callbacks, plus the two things the suite needs to set
 * up and observe it. A `Ledger` of @tbb-wallet/ledger is one as it is.
 */
export interface WalletRuleSubject {
  readonly wallet: WalletCallbacks;
  /** Adds a player; the suite only ever adds fresh ids, so whether an existing one is reset does not matter. */
  addPlayer(player: NewPlayer): Promise<unknown> | unknown;
  /**
   * Blocks (true) or unblocks (false) an existing player. Optional: without it the suite
   * re-adds the player with `blocked` set, for a wallet whose `addPlayer` resets a player.
   * A `Ledger` has `block()`/`unblock()`, which the suite uses when `setBlocked` is absent.
   */
  setBlocked?(playerId: string, blocked: boolean): Promise<unknown> | unknown;
  block?(playerId: string): Promise<unknown> | unknown;
  unblock?(playerId: string): Promise<unknown> | unknown;
  /** The player's balance in subunits, `undefined` for an unknown player. */
  balanceOf(playerId: string): Promise<number | undefined> | number | undefined;
}

/** `vendor`: WALLET-PROTOCOL.md §4; `decisions`: this project's §6. */
export type WalletRuleGroup = 'vendor' | 'decisions';

/** One rule: run it against a subject; it resolves when the wallet follows it and rejects saying how not. */
export interface WalletRule {
  /** Stable, e.g. `decisions.replay.bet`. */
  readonly id: string;
  readonly group: WalletRuleGroup;
  /** What the rule checks, as a test title. */
  readonly title: string;
  run(subject: WalletRuleSubject): Promise<void>;
}

/** The outcome of one rule in {@link runWalletRules}. */
export interface WalletRuleResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  /** Why it failed: the rule's own message, or what the wallet threw. */
  readonly error?: unknown;
}

/** What {@link runWalletRules} found. */
export interface WalletRuleReport {
  readonly passed: number;
  readonly failed: number;
  readonly results: readonly WalletRuleResult[];
}
