/**
 * Which wallet `tbb-wallet sandbox` serves. One place to add another (the PostgreSQL
 * ledger's `--database` / `--data-dir` go here).
 */
import type { WalletCallbacks } from '@tbb-wallet/handler';
import type { PlayerControls } from '../console/player-controls.ts';
import { ledgerControls, sandboxControls } from '../console/player-controls.ts';
import { createSandboxWallet } from '../sandbox/sandbox-wallet.ts';
import { readPlayersFile } from './players-file.ts';

/** What the sandbox command was asked to serve. */
export interface WalletSource {
  /** A `--players` file; without it any player is created on first sight. */
  players?: string;
  /** Currency of players created on first sight. */
  currency: string;
  /** `--database`: a `postgres://` URL, or `pglite` for an embedded PostgreSQL in memory. */
  database?: string;
  /** `--data-dir`: an embedded PostgreSQL (PGlite) kept in this directory. */
  dataDir?: string;
}

/** The chosen wallet, a line saying what it is, and how to release it. */
export interface ChosenWallet {
  readonly wallet: WalletCallbacks;
  /** A player's balance, read without a call (`undefined` for an unknown player), for the log. */
  balanceOf(playerId: string): Promise<number | undefined>;
  readonly description: string;
  /** What the console can do to its players. */
  readonly controls: PlayerControls;
  close?(): Promise<void>;
}

/** Builds the wallet the options ask for. @throws UsageError on a bad players file. */
export async function chooseWallet(source: WalletSource): Promise<ChosenWallet> {
  if (source.database !== undefined || source.dataDir !== undefined) return chooseLedger(source);
  if (source.players) {
    const players = await readPlayersFile(source.players);
    const wallet = createSandboxWallet({ players });
    return {
      wallet,
      balanceOf: async (playerId) => wallet.ledger.balanceOf(playerId),
      controls: sandboxControls(wallet),
      description: `in-memory sandbox, ${players.length} player(s) from ${source.players}`,
    };
  }
  const wallet = createSandboxWallet({ currency: source.currency });
  return {
    wallet,
    balanceOf: async (playerId) => wallet.ledger.balanceOf(playerId),
    controls: sandboxControls(wallet),
    description: `in-memory sandbox, any player id gets 1,000.00 ${source.currency} on first sight`,
  };
}

/** The PostgreSQL ledger of `@tbb-wallet/ledger`, migrated and seeded. Loaded only when asked for. */
async function chooseLedger(source: WalletSource): Promise<ChosenWallet> {
  const { createLedger } = await import('@tbb-wallet/ledger');
  const players = source.players ? await readPlayersFile(source.players) : undefined;
  const embedded = source.database === undefined || source.database === 'pglite';
  const ledger = createLedger({
    ...(embedded ? (source.dataDir ? { database: { dataDir: source.dataDir } } : {}) : { database: source.database }),
    ...(players ? {} : { autoCreatePlayers: { currency: source.currency, balance: 100000 } }),
  });
  await ledger.migrate();
  for (const player of players ?? []) await ledger.addPlayer(player);
  const where = embedded
    ? `embedded PostgreSQL (PGlite) ${source.dataDir ? `in ${source.dataDir}` : 'in memory'}`
    : `PostgreSQL at ${withoutPassword(source.database!)}`;
  const who = players
    ? `${players.length} player(s) from ${source.players}`
    : `any player id gets 1,000.00 ${source.currency} on first sight`;
  return {
    wallet: ledger.wallet,
    balanceOf: (playerId) => ledger.balanceOf(playerId),
    controls: ledgerControls(ledger, source.currency),
    description: `ledger on ${where}, ${who}`,
    close: () => ledger.close(),
  };
}

/** The connection string with any password removed, for the log line. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(connection string)';
  }
}
