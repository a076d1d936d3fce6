/**
 * Valid inputs of the five methods (the vendor's examples, without `action`) and the
 * operator's 200 answers to them.
 */
import type { BalanceInput, BetInput, RefundInput, RollbackWinInput, WinInput } from '../src/index.ts';

export const secret = 'operator-shared-secret-7f3a';
/** An operator wallet on its own path, not the spec's `/operator/wallet`. */
export const walletUrl = 'https://casino.example/api/tbb/wallet';

export const balanceInput: BalanceInput = {
  player_id: '6',
  reference: 'Monkey',
  currency_code: 'EUR',
  is_mobile: false,
  session_token: 'session_token_here',
};

export const betInput: BetInput = {
  player_id: '12',
  amount: 500,
  currency_code: 'EUR',
  is_mobile: true,
  payload: {
    reference: 'barbarabang::MadMonkey',
    session_token: '8eb654b0-e660-4fe5-9fa2-f9c7d26689ac',
    provider_transfer_data: { transaction_id: 'bet-1001', round_id: 'round-77', table_reference: 'table-9' },
  },
};

export const winInput: WinInput = {
  player_id: '12',
  amount: 100000,
  currency_code: 'EUR',
  is_mobile: false,
  payload: {
    reference: 'Monkey',
    session_token: '8eb654b0-e660-4fe5-9fa2-f9c7d26689ac',
    provider_transfer_data: {
      round_id: '20111312111',
      transaction_id: '11121219dd1f161',
      round_close: true,
      promo: { type: 'welcome_bonus', id: 'promo_1001' },
      jackpot: { is_jackpot: false, jackpot_id: null, jackpot_contribution: null, jackpot_details: null },
    },
  },
};

export const refundInput: RefundInput = {
  player_id: '12',
  amount: 500,
  currency_code: 'EUR',
  is_mobile: false,
  payload: {
    reference: 'Monkey',
    session_token: 's-1',
    provider_transfer_data: { transaction_id: 'refund-1', round_id: 'round-77', refunded_transaction_id: 'bet-1001' },
  },
};

export const rollbackWinInput: RollbackWinInput = {
  player_id: '6',
  amount: 10,
  currency_code: 'EUR',
  is_mobile: false,
  payload: {
    reference: 'Monkey',
    session_token: 'c9cbb3d5-439f-acf6-9415ea68b20a',
    provider_transfer_data: {
      transaction_id: '95303151',
      round_id: '864238',
      rollback_win_transaction_id: '95303151',
      table_reference: 'c9cbb3d5-439f',
    },
  },
};

export const balanceAnswer = { player_id: '6', balance: 10000, currency_code: 'EUR' };
export const transactionAnswer = { transaction_id: '563214566', balance: 54636, currency_code: 'EUR' };
