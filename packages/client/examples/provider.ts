import { randomUUID } from 'node:crypto';
import { createWalletClient, InsufficientFundsError, WalletOutcomeUnknownError } from '@tbb-wallet/client';

/** Plays one round for a player (6 by default): reads the balance, bets 1.00 EUR, wins 2.50 EUR. */
export async function playRound(walletUrl: string, secret: string, playerId = '6') {
  const wallet = createWalletClient({
    baseUrl: walletUrl, // the operator's full wallet URL, e.g. https://casino.example/api/tbb/wallet
    secret, // shared with the operator; it signs every body and is never logged
    timeoutMs: 5000, // per attempt
    retry: { attempts: 5, deadlineMs: 10_000 }, // for balance, win, refund, rollbackWin; never bet
  });
  const player = { player_id: playerId, currency_code: 'EUR', is_mobile: false };
  const game = { reference: 'barbarabang::MadMonkey', session_token: 'token-from-game-launch' };
  const round_id = randomUUID();

  const { balance: before } = await wallet.balance({ ...player, ...game });

  try {
    // A bet with no definitive answer is refunded (retried until it lands), then rethrown.
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
    if (error instanceof WalletOutcomeUnknownError && error.refund?.landed)
      return { outcome: 'bet refunded', before, after: before };
    throw error; // a refusal to show the player, or a bet to reconcile by hand
  }

  // Wins are retried with the byte-identical signed body until they land.
  const win = await wallet.win({
    ...player,
    amount: 250,
    payload: { ...game, provider_transfer_data: { transaction_id: randomUUID(), round_id, round_close: true } },
  });
  return { outcome: 'won', before, after: win.balance };
}
