// Your wallet against every rule of WALLET-PROTOCOL.md §4 and §6, in process: one test
// per rule in your own runner (vitest here; any `it` will do).
import { createSandboxWallet, walletRules } from '@tbb-wallet/testing';
import { it } from 'vitest';

// Your wallet: its five callbacks, how the suite adds a player, and how it reads a balance.
const mine = createSandboxWallet({ players: [] });
const subject = { wallet: mine, addPlayer: mine.addPlayer, balanceOf: mine.ledger.balanceOf };

for (const rule of walletRules()) it(rule.title, () => rule.run(subject));
