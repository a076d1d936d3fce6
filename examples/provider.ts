/**
 * A provider's game round against an operator's wallet: read the balance, bet 1.00
 * EUR (refunded if its outcome is unknown), win 2.50 EUR, closing the round.
 *
 * Run against any operator example:
 *   TBB_WALLET_SECRET=... npx tsx examples/provider.ts http://127.0.0.1:8080/operator/wallet
 * (or set TBB_WALLET_URL instead of the argument).
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createWalletClient, InsufficientFundsError, WalletOutcomeUnknownError } from '@tbb-wallet/client';

/** What one round did: how it ended and the player's balance before and after. */
export interface RoundResult {
  outcome: 'won' | 'not enough money' | 'bet refunded';
  before: number;
  after: number;
}

/** Plays one round for player 6 against the wallet at `url`, signing with `secret`. */
export async function main(url: string, secret: string, playerId = '6'): Promise<RoundResult> {
  const wallet = createWalletClient({ baseUrl: url, secret, timeoutMs: 5000, retry: { deadlineMs: 10_000 } });
  const player = { player_id: playerId, currency_code: 'EUR', is_mobile: false };
  const game = { reference: 'barbarabang::MadMonkey', session_token: 'token-from-game-launch' };
  const round_id = randomUUID();

  const { balance: before } = await wallet.balance({ ...player, ...game });

  try {
    await wallet.betOrRefund(
      {
        ...player,
        amount: 100,
        payload: { ...game, provider_transfer_data: { transaction_id: randomUUID(), round_id } },
      },
      { refundTransactionId: randomUUID() },
    );
  } catch (error) {
    if (error instanceof InsufficientFundsError) return { outcome: 'not enough money', before, after: before };
    if (error instanceof WalletOutcomeUnknownError && error.refund?.landed) {
      return { outcome: 'bet refunded', before, after: before };
    }
    throw error; // a refusal to show the player, or a bet to reconcile by hand
  }

  const win = await wallet.win({
    ...player,
    amount: 250,
    payload: { ...game, provider_transfer_data: { transaction_id: randomUUID(), round_id, round_close: true } },
  });
  return { outcome: 'won', before, after: win.balance };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.argv[2] ?? process.env.TBB_WALLET_URL;
  const secret = process.env.TBB_WALLET_SECRET;
  if (!url || !secret) {
    console.error('usage: TBB_WALLET_SECRET=... npx tsx examples/provider.ts <wallet-url>');
    process.exit(2);
  }
  const result = await main(url, secret);
  console.log(`${result.outcome}: balance ${result.before} -> ${result.after}`);
}
