/**
 * Type tests: each method takes its action's request without `action` and resolves
 * to the action's 200 body; a missing required field or a wrong type does not compile.
 * Checked by `vitest --project client` (typecheck) and by the root `tsc`.
 */
import type { BalanceResponse, TransactionResponse } from '@tbb-wallet/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { BalanceInput, BetInput, RefundInput, RollbackWinInput, WalletClient, WinInput } from '../src/index.ts';
import { balanceInput, betInput, refundInput, rollbackWinInput, winInput } from './fixtures.ts';

declare const wallet: WalletClient;

describe('method types', () => {
  it('take the request without action and resolve to the typed 200 body', () => {
    expectTypeOf(wallet.balance).parameter(0).toEqualTypeOf<BalanceInput>();
    expectTypeOf(wallet.balance).returns.resolves.toEqualTypeOf<BalanceResponse>();
    expectTypeOf(wallet.bet).parameter(0).toEqualTypeOf<BetInput>();
    expectTypeOf(wallet.win).parameter(0).toEqualTypeOf<WinInput>();
    expectTypeOf(wallet.refund).parameter(0).toEqualTypeOf<RefundInput>();
    expectTypeOf(wallet.rollbackWin).parameter(0).toEqualTypeOf<RollbackWinInput>();
    for (const method of [wallet.bet, wallet.win, wallet.refund, wallet.rollbackWin]) {
      expectTypeOf(method).returns.resolves.toEqualTypeOf<TransactionResponse>();
    }
    expectTypeOf<BalanceInput>().not.toHaveProperty('action');
    expectTypeOf<WinInput>().toHaveProperty('amount').toEqualTypeOf<number>();
  });

  it('reject a missing required field or a wrong type', () => {
    const { session_token: _, ...noSession } = balanceInput;
    // @ts-expect-error session_token is required
    wallet.balance(noSession);
    // @ts-expect-error amount is a number of cents, not a string
    wallet.bet({ ...betInput, amount: '5.00' });
    const transfer = { transaction_id: 't', round_id: 'r' };
    // @ts-expect-error round_close is required for win
    wallet.win({ ...winInput, payload: { ...winInput.payload, provider_transfer_data: transfer } });
    // @ts-expect-error refunded_transaction_id is required for refund
    wallet.refund({ ...refundInput, payload: { ...refundInput.payload, provider_transfer_data: transfer } });
    const rollbackPayload = { ...rollbackWinInput.payload, provider_transfer_data: transfer };
    // @ts-expect-error rollback_win_transaction_id is required for rollback-win
    wallet.rollbackWin({ ...rollbackWinInput, payload: rollbackPayload });
    // @ts-expect-error is_mobile is a boolean
    wallet.balance({ ...balanceInput, is_mobile: 'no' });
    // @ts-expect-error the method fills in action
    wallet.win({ ...winInput, action: 'win' });
    // @ts-expect-error betOrRefund needs a refundTransactionId
    wallet.betOrRefund(betInput, {});
  });
});
