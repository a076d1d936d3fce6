/**
 * The sandbox's memory: players, the answer stored for every decided transaction,
 * tombstones, and the ledger entries. It stores what the rules decided; it never decides.
 */
import type { LedgerEntry, NewPlayer, StoredTransaction, TransactionKey, TransferDecision } from '@tbb-wallet/core';
import { keyText } from '@tbb-wallet/core';
import type { SandboxLedger, SandboxOptions } from './types.ts';

/** A player's account. */
export interface Account {
  readonly playerId: string;
  readonly currency: string;
  /** The opening balance, cashier movements included (entries add up from it). */
  opening: number;
  balance: number;
  blocked: boolean;
  /** Bets refused 418: the player reached a responsible-gaming limit (set from the console). */
  limitReached: boolean;
  /** Bets refused 405: the game is not available to this player (set from the console). */
  gameUnavailable: boolean;
}

/** A decision that writes: a remembered refusal or a movement. */
type Writing = Extract<TransferDecision, { kind: 'refuse' | 'move' }>;

/** The sandbox's state. */
export class SandboxState {
  readonly accounts = new Map<string, Account>();
  /** Every decided transaction, by `keyText({ action, transactionId })`. */
  readonly stored = new Map<string, StoredTransaction>();
  /** Bet and win ids named by a refund or rollback, by `keyText`. */
  readonly tombstones = new Set<string>();
  readonly entries: LedgerEntry[] = [];
  private counter = 0;

  constructor(private readonly options: SandboxOptions) {
    for (const player of options.players ?? []) this.addPlayer(player);
  }

  addPlayer(player: NewPlayer): void {
    this.accounts.set(player.player_id, {
      playerId: player.player_id,
      currency: player.currency_code,
      opening: player.balance,
      balance: player.balance,
      blocked: player.blocked ?? false,
      limitReached: false,
      gameUnavailable: false,
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

  /** What was stored under a key, if anything. */
  find(key: TransactionKey | undefined): StoredTransaction | undefined {
    return key && this.stored.get(keyText(key));
  }

  /**
   * Writes what a decision asks: the movement, the transaction with its answer, the
   * tombstone. Answers the stored answer (200 body, or the refusal code).
   */
  write(decision: Writing, account: Account | undefined): StoredTransaction['answer'] | undefined {
    if (decision.bury) this.tombstones.add(keyText(decision.bury));
    const { record } = decision;
    if (!record) return undefined;
    let answer: StoredTransaction['answer'];
    if (decision.kind === 'refuse') {
      answer = { status: decision.code };
    } else {
      if (!account) throw new Error('a movement needs the player it was decided for');
      account.balance = decision.balance;
      const operatorTransactionId = `sbx-${++this.counter}`;
      const { fingerprint: _, ...entry } = record;
      this.entries.push({ ...entry, operatorTransactionId, balance: decision.balance });
      answer = {
        status: 200,
        response: { transaction_id: operatorTransactionId, balance: decision.balance, currency_code: account.currency },
      };
    }
    this.stored.set(keyText(record), {
      playerId: record.playerId,
      fingerprint: record.fingerprint,
      movement: record.movement,
      answer,
    });
    return answer;
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
