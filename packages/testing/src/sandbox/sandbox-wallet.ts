/**
 * The sandbox operator wallet: the five callbacks in memory. It gathers the facts the
 * shared rules of @tbb-wallet/core need, stores what they decide, and answers.
 */
import type { BalanceResponse, StoredAnswer, TransactionResponse, TransferRequest } from '@tbb-wallet/core';
import { decideBalance, decideTransfer, keyText, transferLookups } from '@tbb-wallet/core';
import { refusalError } from './refusal-error.ts';
import { SandboxState } from './state.ts';
import type { SandboxOptions, SandboxWallet } from './types.ts';

/**
 * Creates an in-memory operator wallet that follows every rule of WALLET-PROTOCOL.md
 * §4 and §6 — the rules of `decideTransfer` and `decideBalance` in @tbb-wallet/core, the
 * same ones the PostgreSQL ledger follows. Use it as the wallet of tests, demos and
 * prototypes; its state lives in memory and is gone when the process ends.
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
 * Refusals are thrown as the handler's classes (`InsufficientFundsError`, …), so a
 * wrapper can catch and rethrow them.
 *
 * @see WALLET-PROTOCOL.md §4 and §6
 * @example
 * const wallet = createSandboxWallet({ players: [{ player_id: '6', currency_code: 'EUR', balance: 10_000 }] });
 * http.createServer(toNodeListener(createWalletHandler({ secret, wallet }))).listen(8080);
 * // later: wallet.ledger.balanceOf('6'), wallet.ledger.entries()
 */
export function createSandboxWallet(options: SandboxOptions = {}): SandboxWallet {
  const state = new SandboxState(options);

  function transfer(request: TransferRequest): TransactionResponse {
    const keys = transferLookups(request);
    const account = state.account(request.player_id);
    const decision = decideTransfer(request, {
      player: account,
      stored: state.find(keys.stored),
      original: state.find(keys.original),
      tombstoned: state.tombstones.has(keyText(keys.tombstone)),
    });
    if (decision.kind === 'replay') return answer(decision.answer);
    const stored = state.write(decision, account);
    if (decision.kind === 'refuse') throw refusalError(decision.code, decision.message);
    return answer(stored);
  }

  return {
    ledger: state.ledger(),
    addPlayer: (player) => state.addPlayer(player),

    async balance(request): Promise<BalanceResponse> {
      const decision = decideBalance(request, state.account(request.player_id));
      if (decision.kind === 'refuse') throw refusalError(decision.code, decision.message);
      return decision.response;
    },
    bet: async (request) => transfer(request),
    win: async (request) => transfer(request),
    refund: async (request) => transfer(request),
    rollbackWin: async (request) => transfer(request),
  };
}

/** The 200 body of a stored answer (a copy), or its refusal thrown. */
function answer(stored: StoredAnswer | undefined): TransactionResponse {
  if (!stored) throw new Error('a movement is always stored');
  if (stored.status !== 200) throw refusalError(stored.status);
  return { ...stored.response };
}
