// The wallet rules without a wallet: the facts you read in, what to answer and write out.
import type { TransferRequest } from '@tbb-wallet/core';
import { decideTransfer, transferLookups } from '@tbb-wallet/core';

const data = { transaction_id: 'rf-1', round_id: 'r-1', refunded_transaction_id: 'bet-1' };
export const refund: TransferRequest = {
  player_id: '6',
  currency_code: 'EUR',
  is_mobile: false,
  action: 'refund',
  amount: 9999, // the provider asks for more than the bet: the ORIGINAL amount goes back
  payload: { reference: 'Monkey', session_token: 'token', provider_transfer_data: data },
};

// 1. Read what transferLookups names: the player (locked), the stored answer of
//    (refund, rf-1), the original (bet, bet-1) and the tombstone (bet, bet-1).
export const keys = transferLookups(refund);
const bet = { transaction_id: 'op-1', balance: 700, currency_code: 'EUR' };

// 2. Decide: no I/O.
export const decision = decideTransfer(refund, {
  player: { currency: 'EUR', balance: 700 },
  stored: undefined, // rf-1 is new
  original: { playerId: '6', fingerprint: '…', movement: -300, answer: { status: 200, response: bet } },
  tombstoned: false, // bet-1 was never refunded
});

// 3. Write what it says, in the same transaction: decision.kind === 'move', so
//    balance += decision.movement (300, giving decision.balance 1000); store
//    decision.record with the answer { transaction_id: <yours>, balance: 1000, currency_code };
//    insert the tombstone decision.bury ({ action: 'bet', transactionId: 'bet-1', namedBy: 'rf-1' }).
