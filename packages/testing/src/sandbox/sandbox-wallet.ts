/**
 * The sandbox operator wallet: the five callbacks in memory, following every rule
 * of WALLET-PROTOCOL.md §4 and §6.
 */
import type {
  BalanceResponse,
  BetRequest,
  RefundRequest,
  RollbackWinRequest,
  TransactionResponse,
  WinRequest,
} from '@tbb-wallet/core';
import { canonicalJson, walletErrorMessages } from '@tbb-wallet/core';
import type { Received } from '@tbb-wallet/handler';
import {
  BadRequestError,
  BetRejectedError,
  InsufficientFundsError,
  PlayerBlockedError,
  PlayerNotFoundError,
  TransactionNotFoundError,
  WalletRefusal,
} from '@tbb-wallet/handler';
import type { Account, Outcome } from './state.ts';
import { keyOf, SandboxState } from './state.ts';
import type { SandboxOptions, SandboxWallet } from './types.ts';

/** The vendor's 400 message, which every 400 starts with (details follow as `<path>: <what>`). */
const badRequest = walletErrorMessages[400];

type Transfer = Received<BetRequest> | Received<WinRequest> | Received<RefundRequest> | Received<RollbackWinRequest>;

/**
 * Creates an in-memory operator wallet for tests and the `tbb-wallet sandbox` command.
 *
 * - A replayed transaction (same action, same `transaction_id`, same body) gets its
 *   original answer again, refusals included; the same id with another body → 400.
 * - A refund of an unknown bet → 406, and the bet is refused (408) if it arrives later;
 *   a rollback of an unknown win → 200 with nothing moved, and the win is not credited
 *   if it arrives later. A second refund or rollback moves nothing.
 * - Refunds and rollbacks move the ORIGINAL amount back; a rollback may leave the
 *   balance negative. Session tokens are never checked.
 * - Currency other than the player's → 400; unknown player → 404 (only with
 *   `players`); blocked player → 407 on balance and bet.
 *
 * @see WALLET-PROTOCOL.md §6
 * @example
 * const wallet = createSandboxWallet();
 * const handle = createWalletHandler({ secret, wallet });
 */
export function createSandboxWallet(options: SandboxOptions = {}): SandboxWallet {
  const state = new SandboxState(options);

  /** Finds the player, or refuses: 404 unknown, 407 blocked (when `checkBlocked`), 400 other currency. */
  function accountFor(request: { player_id: string; currency_code: string }, checkBlocked: boolean): Account {
    const account = state.account(request.player_id);
    if (!account) throw new PlayerNotFoundError();
    if (checkBlocked && account.blocked) throw new PlayerBlockedError();
    if (account.currency !== request.currency_code) {
      throw new BadRequestError(
        `${badRequest} currency_code: must be ${account.currency}, the player's wallet currency`,
      );
    }
    return account;
  }

  /**
   * Refuses (400, nothing moves) a movement that would take the balance out of the
   * range a wallet answer can carry: a balance is an integer of at most ±(2^53−1).
   */
  function assertFits(account: Account, movement: number): void {
    if (!Number.isSafeInteger(account.balance + movement)) {
      throw new BadRequestError(`${badRequest} amount: the balance would leave the range ±(2^53−1)`);
    }
  }

  /** Replays a known transaction, or decides a new one once and remembers the answer. */
  function transact(request: Transfer, decide: () => Outcome): TransactionResponse {
    const transactionId = request.payload.provider_transfer_data.transaction_id;
    const key = keyOf(request.action, transactionId);
    const body = canonicalJson(request);
    const known = state.answered.get(key);
    if (known && known.body !== body) {
      throw new BadRequestError(
        `${badRequest} payload.provider_transfer_data.transaction_id: ${transactionId} was already sent with another body`,
      );
    }
    const outcome = known?.outcome ?? remember(key, body, request.player_id, decide);
    if (!outcome.ok) throw new outcome.refusal();
    return { ...outcome.response };
  }

  function remember(key: string, body: string, playerId: string, decide: () => Outcome): Outcome {
    let outcome: Outcome;
    try {
      outcome = decide();
    } catch (error) {
      // A refusal is remembered and replayed (its id is taken); a 400 records nothing, so a corrected call may follow.
      if (error instanceof WalletRefusal && !(error instanceof BadRequestError)) {
        outcome = refusal(error.constructor as new () => WalletRefusal);
      } else throw error;
    }
    state.answered.set(key, { body, playerId, outcome });
    return outcome;
  }

  /** The accepted original of a refund or rollback, when it belongs to the same player. */
  function original(action: 'bet' | 'win', transactionId: string, playerId: string) {
    const found = state.answered.get(keyOf(action, transactionId));
    return found?.outcome.ok && found.playerId === playerId ? found.outcome : undefined;
  }

  return {
    ledger: state.ledger(),
    addPlayer: (player) => state.addPlayer(player),

    async balance(request): Promise<BalanceResponse> {
      const account = accountFor(request, true);
      return { player_id: account.playerId, balance: account.balance, currency_code: account.currency };
    },

    async bet(request) {
      return transact(request, () => {
        const account = accountFor(request, true);
        const id = request.payload.provider_transfer_data.transaction_id;
        if (state.refundedBets.has(id)) return refusal(BetRejectedError);
        if (account.balance < request.amount) return refusal(InsufficientFundsError);
        return state.record('bet', id, account, -request.amount);
      });
    },

    async win(request) {
      return transact(request, () => {
        const account = accountFor(request, false);
        const id = request.payload.provider_transfer_data.transaction_id;
        const credit = state.rolledBackWins.has(id) ? 0 : request.amount;
        assertFits(account, credit);
        return state.record('win', id, account, credit);
      });
    },

    async refund(request) {
      return transact(request, () => {
        const account = accountFor(request, false);
        const data = request.payload.provider_transfer_data;
        const bet = original('bet', data.refunded_transaction_id, account.playerId);
        const first = !state.refundedBets.has(data.refunded_transaction_id);
        const movement = bet && first ? -bet.movement : 0;
        assertFits(account, movement);
        state.refundedBets.add(data.refunded_transaction_id);
        if (!bet) throw new TransactionNotFoundError();
        return state.record('refund', data.transaction_id, account, movement);
      });
    },

    async rollbackWin(request) {
      return transact(request, () => {
        const account = accountFor(request, false);
        const data = request.payload.provider_transfer_data;
        const win = original('win', data.rollback_win_transaction_id, account.playerId);
        const first = !state.rolledBackWins.has(data.rollback_win_transaction_id);
        const movement = win && first ? -win.movement : 0;
        assertFits(account, movement);
        state.rolledBackWins.add(data.rollback_win_transaction_id);
        return state.record('rollback-win', data.transaction_id, account, movement);
      });
    },
  };
}

function refusal(error: new () => WalletRefusal): Outcome {
  return { ok: false, refusal: error };
}
