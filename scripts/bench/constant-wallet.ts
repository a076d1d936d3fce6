/** A wallet whose callbacks answer a constant: what the handler adds is all that is measured. */
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { constantAnswer } from './fixtures.ts';

const transaction = () => constantAnswer;

/** The five callbacks, each returning a constant 200 body. */
export const constantWallet: WalletCallbacks = {
  balance: () => ({ player_id: '12', balance: 100000, currency_code: 'EUR' }),
  bet: transaction,
  win: transaction,
  refund: transaction,
  rollbackWin: transaction,
};
