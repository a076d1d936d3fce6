/**
 * The sandbox operator wallet: the five callbacks in memory. It gathers the facts the
 * shared rules of @tbb-wallet/core need, stores what they decide, and answers.
 */
import type {
  BalanceResponse,
  StoredAnswer,
  TransactionResponse,
  TransferDecision,
  TransferRequest,
} from '@tbb-wallet/core';
import {
  badRequest,
  decideBalance,
  decideTransfer,
  keyText,
  transferLookups,
  walletErrorMessages,
} from '@tbb-wallet/core';
import { refusalError } from '@tbb-wallet/handler';
import type { Account } from './state.ts';
import { SandboxState } from './state.ts';
import type { SandboxAccount, SandboxOptions, SandboxWallet } from './types.ts';

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
    const stored = state.write(refusedByControls(decision, request, account), account);
    if (decision.kind === 'refuse') throw refusalError(decision.code, decision.message);
    return answer(stored);
  }

  function known(playerId: string): Account {
    const account = state.accounts.get(playerId);
    if (!account) throw refusalError(404, `${walletErrorMessages[404]} No player ${JSON.stringify(playerId)}.`);
    return account;
  }

  return {
    ledger: state.ledger(),
    addPlayer: (player) => state.addPlayer(player),
    accounts: () => [...state.accounts.values()].map(accountView),
    change(playerId, change) {
      const account = known(playerId);
      if (change.blocked !== undefined) account.blocked = change.blocked;
      if (change.limit_reached !== undefined) account.limitReached = change.limit_reached;
      if (change.game_unavailable !== undefined) account.gameUnavailable = change.game_unavailable;
      return accountView(account);
    },
    moveCash(playerId, amount) {
      const account = known(playerId);
      if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(account.balance + amount))
        throw refusalError(400, badRequest('amount: a whole number of subunits').message);
      if (account.balance + amount < 0) throw refusalError(402);
      account.balance += amount;
      account.opening += amount;
      return accountView(account);
    },

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

/**
 * A new bet the rules would accept, refused 418 or 405 instead when the console set that
 * state on the player: remembered like any refusal (nothing moves), so a retry is refused again.
 */
function refusedByControls(
  decision: Exclude<TransferDecision, { kind: 'replay' }>,
  request: TransferRequest,
  account: Account | undefined,
): Exclude<TransferDecision, { kind: 'replay' }> {
  if (decision.kind !== 'move' || request.action !== 'bet' || !account) return decision;
  const code = account.limitReached ? 418 : account.gameUnavailable ? 405 : undefined;
  if (code === undefined) return decision;
  return {
    kind: 'refuse',
    code,
    message: walletErrorMessages[code],
    record: { ...decision.record, movement: 0 },
    bury: decision.bury,
  };
}

function accountView(account: Account): SandboxAccount {
  return {
    player_id: account.playerId,
    currency_code: account.currency,
    balance: account.balance,
    blocked: account.blocked,
    limit_reached: account.limitReached,
    game_unavailable: account.gameUnavailable,
  };
}

/** The 200 body of a stored answer (a copy), or its refusal thrown. */
function answer(stored: StoredAnswer | undefined): TransactionResponse {
  if (!stored) throw new Error('a movement is always stored');
  if (stored.status !== 200) throw refusalError(stored.status);
  return { ...stored.response };
}
