/**
 * The sandbox's memory: players, every answered transaction, the ledger entries,
 * and the ids refunded or rolled back before (or after) their original arrived.
 */
import type { TransactionResponse } from '@tbb-wallet/core';
import type { WalletRefusal } from '@tbb-wallet/handler';
import type { LedgerEntry, SandboxLedger, SandboxOptions, SandboxPlayer } from './types.ts';

/** A player's account. */
export interface Account {
  readonly playerId: string;
  readonly currency: string;
  readonly opening: number;
  balance: number;
  blocked: boolean;
}

/** What a transaction was answered: a 200 body, or a refusal to replay. */
export type Outcome =
  | { readonly ok: true; readonly response: TransactionResponse; readonly movement: number }
  | { readonly ok: false; readonly refusal: new () => WalletRefusal };

/** One answered transaction, kept to replay its answer. */
export interface Answered {
  /** `canonicalJson` of the request, to tell a replay from a reused id. */
  readonly body: string;
  readonly playerId: string;
  readonly outcome: Outcome;
}

type TransferAction = LedgerEntry['action'];

/** The sandbox's state; every rule lives in `sandbox-wallet.ts`. */
export class SandboxState {
  readonly accounts = new Map<string, Account>();
  readonly answered = new Map<string, Answered>();
  /** Bet ids named by a refund: refunded, or refused if they arrive later. */
  readonly refundedBets = new Set<string>();
  /** Win ids named by a rollback: reversed, or not credited if they arrive later. */
  readonly rolledBackWins = new Set<string>();
  readonly entries: LedgerEntry[] = [];
  private counter = 0;

  constructor(private readonly options: SandboxOptions) {
    for (const player of options.players ?? []) this.addPlayer(player);
  }

  addPlayer(player: SandboxPlayer): void {
    this.accounts.set(player.player_id, {
      playerId: player.player_id,
      currency: player.currency_code,
      opening: player.balance,
      balance: player.balance,
      blocked: player.blocked ?? false,
    });
  }

  /** The player's account; created on first sight when the sandbox has no player list. */
  account(playerId: string): Account | undefined {
    const known = this.accounts.get(playerId);
    if (known || this.options.players) return known;
    this.addPlayer({
      player_id: playerId,
      currency_code: this.options.currency ?? 'EUR',
      balance: this.options.initialBalance ?? 100000,
    });
    return this.accounts.get(playerId);
  }

  /** Applies a movement, records it, and returns the answer. */
  record(action: TransferAction, transactionId: string, account: Account, movement: number): Outcome {
    account.balance += movement;
    const operatorTransactionId = `sbx-${++this.counter}`;
    this.entries.push({
      operatorTransactionId,
      transactionId,
      action,
      playerId: account.playerId,
      movement,
      balance: account.balance,
    });
    return {
      ok: true,
      movement,
      response: { transaction_id: operatorTransactionId, balance: account.balance, currency_code: account.currency },
    };
  }

  /** The read-only view tests assert on. */
  ledger(): SandboxLedger {
    return {
      balanceOf: (playerId) => this.accounts.get(playerId)?.balance,
      openingBalanceOf: (playerId) => this.accounts.get(playerId)?.opening,
      balances: () => Object.fromEntries([...this.accounts.values()].map((a) => [a.playerId, a.balance])),
      entries: () => [...this.entries],
    };
  }
}

/** The key of a transaction: the action and the provider's id (the vendor reuses ids across actions). */
export function keyOf(action: TransferAction, transactionId: string): string {
  return `${action}:${transactionId}`;
}
