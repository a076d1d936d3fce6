/**
 * The call every bench sends: the vendor's own `win` example, signed with a bench
 * secret, and the constant answer of a wallet that does nothing.
 */
import { createHmac } from 'node:crypto';

/** The secret of the bench (not a real one). */
export const benchSecret = 'bench-secret-not-a-real-one';

/** The vendor's `win` example (WALLET-PROTOCOL.md §3) with a given transaction id. */
export function winRequest(transactionId = '11121219dd1f161') {
  return {
    amount: 100000,
    is_mobile: false,
    player_id: '12',
    currency_code: 'EUR',
    action: 'win' as const,
    payload: {
      reference: 'Monkey',
      session_token: '8eb654b0-e660-4fe5-9fa2-f9c7d26689ac',
      provider_transfer_data: {
        round_id: '20111312111',
        transaction_id: transactionId,
        round_close: true,
        table_reference: 'c9cbb3d5-439f',
        promo: { type: 'welcome_bonus', id: 'promo_1001' },
        jackpot: { is_jackpot: false, jackpot_id: null, jackpot_contribution: null, jackpot_details: null },
        tournament: { is_tournament: false, tournament_id: null, score: null, place: null },
        free_spin: { is_free_spin: false, free_spin_id: null, free_spin_details: null, freespin_left: null },
      },
    },
  };
}

/** HMAC-SHA256 of the body, lowercase hex: the `X-REQUEST-SIGN` header. */
export function signBody(body: string | Uint8Array, secret: string = benchSecret): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The raw `win` body and its signature, ready to send. */
export const signedWin = (() => {
  const body = JSON.stringify(winRequest());
  return { body, bytes: Buffer.from(body), signature: signBody(body) };
})();

/** What the constant wallet answers to every `win`. */
export const constantAnswer = { transaction_id: 'op-1', balance: 100000, currency_code: 'EUR' } as const;
