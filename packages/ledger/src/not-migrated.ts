/**
 * A table or function of the ledger is missing: `migrate()` was not run on this database (or
 * schema), or not since an upgrade of the package added a migration. Said so, instead of the
 * database's "relation does not exist".
 */
import { errorCode } from './connection-faults.ts';

/**
 * The ledger's schema is missing or older than this version of `@tbb-wallet/ledger`. A wallet
 * call is answered 500 and this goes to the handler's `onError`; the database's error is `cause`.
 */
export class LedgerNotMigratedError extends Error {
  readonly code = 'TBB_WALLET_LEDGER_NOT_MIGRATED';
  constructor(options: { cause: unknown }) {
    super(
      "The ledger's tables or functions are missing or older than this @tbb-wallet/ledger: run " +
        '`await ledger.migrate()` at start-up (idempotent, safe from several processes) with a ' +
        "database user that may create tables and functions, in the connection's search_path.",
      options,
    );
    this.name = 'LedgerNotMigratedError';
  }
}

/** `error` as a {@link LedgerNotMigratedError} when it is an undefined table (42P01) or function (42883). */
export function notMigrated(error: unknown): unknown {
  const code = errorCode(error);
  return code === '42P01' || code === '42883' ? new LedgerNotMigratedError({ cause: error }) : error;
}
