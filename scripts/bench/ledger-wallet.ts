/**
 * The reference ledger as the wallet of the ledger benches: on the local PostgreSQL
 * (a scratch database of its own, `tbb_bench`) or on an in-memory PGlite. Players are
 * created on first sight, so every bench call is a real credit.
 */
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { type LedgerPackage, loadPackage } from './packages.ts';

/** The scratch database of the benches; never the `test` database of the test suites. */
export const benchDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tbb_bench';

/** A migrated ledger and how to close it. */
export async function ledgerWallet(
  on: 'pg' | 'pglite',
): Promise<{ wallet: WalletCallbacks; close: () => Promise<void> }> {
  const ledger = await loadPackage<LedgerPackage>('ledger', ['createLedger']);
  if (!ledger.ok) throw new Error(ledger.why);
  const instance = ledger.mod.createLedger({
    ...(on === 'pg' ? { database: benchDatabaseUrl } : {}),
    autoCreatePlayers: { currency: 'EUR', balance: 0 },
  });
  await instance.migrate();
  return { wallet: instance.wallet, close: () => instance.close() };
}
