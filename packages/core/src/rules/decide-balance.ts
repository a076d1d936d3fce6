/**
 * The balance action's rule: the player's balance, or why not.
 *
 * @see WALLET-PROTOCOL.md §4 and §6
 */
import type { BalanceRequest, BalanceResponse } from '../generated/types.gen.ts';
import type { PlayerFacts } from './records.ts';
import type { Refusal } from './refusals.ts';
import { currencyMismatch, refusal } from './refusals.ts';

/** What to answer a balance call: the 200 body, or a refusal (nothing is ever recorded). */
export type BalanceDecision =
  | { readonly kind: 'answer'; readonly response: BalanceResponse }
  | ({ readonly kind: 'refuse' } & Refusal<400 | 404 | 407>);

/**
 * Decides a balance call from the player the backend found (or `undefined`).
 *
 * Unknown player → 404; blocked → 407; another currency than the wallet's → 400;
 * otherwise the balance.
 *
 * @example
 * const decision = decideBalance(request, players.get(request.player_id));
 * if (decision.kind === 'refuse') throw new WalletRefusal(decision.code, decision.message);
 * return decision.response;
 */
export function decideBalance(
  request: BalanceRequest & { player_id: string },
  player: PlayerFacts | undefined,
): BalanceDecision {
  if (!player) return { kind: 'refuse', ...refusal(404) };
  if (player.blocked) return { kind: 'refuse', ...refusal(407) };
  if (player.currency !== request.currency_code) return { kind: 'refuse', ...currencyMismatch(player.currency) };
  return {
    kind: 'answer',
    response: { player_id: request.player_id, balance: player.balance, currency_code: player.currency },
  };
}
