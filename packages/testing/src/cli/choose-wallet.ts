/**
 * Which wallet `tbb-wallet sandbox` serves. One place to add another (the PostgreSQL
 * ledger's `--database` / `--data-dir` go here).
 */
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { createSandboxWallet } from '../sandbox/sandbox-wallet.ts';
import { readPlayersFile } from './players-file.ts';

/** What the sandbox command was asked to serve. */
export interface WalletSource {
  /** A `--players` file; without it any player is created on first sight. */
  players?: string;
  /** Currency of players created on first sight. */
  currency: string;
}

/** The chosen wallet, a line saying what it is, and how to release it. */
export interface ChosenWallet {
  readonly wallet: WalletCallbacks;
  readonly description: string;
  close?(): Promise<void>;
}

/** Builds the wallet the options ask for. @throws UsageError on a bad players file. */
export async function chooseWallet(source: WalletSource): Promise<ChosenWallet> {
  if (source.players) {
    const players = await readPlayersFile(source.players);
    return {
      wallet: createSandboxWallet({ players }),
      description: `in-memory sandbox, ${players.length} player(s) from ${source.players}`,
    };
  }
  return {
    wallet: createSandboxWallet({ currency: source.currency }),
    description: `in-memory sandbox, any player id gets 1,000.00 ${source.currency} on first sight`,
  };
}
