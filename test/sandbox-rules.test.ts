/**
 * The sandbox wallet follows every wallet rule of the protocol (the same suite the
 * PostgreSQL ledger runs).
 */
import { createSandboxWallet } from '@tbb-wallet/testing';
import { describeWalletRules } from './wallet-rules.ts';

describeWalletRules('sandbox wallet', async () => {
  const wallet = createSandboxWallet({ players: [] });
  return {
    wallet,
    addPlayer: async (player) => wallet.addPlayer(player),
    balanceOf: async (playerId) => {
      const balance = wallet.ledger.balanceOf(playerId);
      if (balance === undefined) throw new Error(`no player ${playerId}`);
      return balance;
    },
  };
});
