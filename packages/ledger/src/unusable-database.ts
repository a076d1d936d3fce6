/**
 * What `migrate()` says when it cannot use the database at all — usually the first thing a user
 * sees of a server that is not running or a wrong `database` URL — in words that say what to do,
 * with the database's own error as `cause`. The URL is never put in the message: it may hold a
 * password.
 */
import { DatabaseUnavailableError, errorCode, isLostConnection } from './connection-faults.ts';

/** The advice for a URL that names something the server does not have (not transient: fix the URL). */
function misconfiguredHint(code: string | undefined): string | undefined {
  if (code === '3D000') return "create that database (e.g. `createdb <name>`) or correct the URL's database name";
  if (code === '28000' || code === '28P01') return "check the URL's user and password, and the server's pg_hba.conf";
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return "the URL's host name does not resolve: correct it";
  if (code === '25006')
    return 'the server only reads (a standby, or default_transaction_read_only on): use the primary';
  return undefined;
}

/** `error` explained when it means the database could not be reached or used; otherwise `error` itself. */
export function explainUnusableDatabase(thrown: unknown): unknown {
  // The driver explained a read-only refusal for the calls; here the advice is migrate()'s own.
  const cause = (thrown as { cause?: unknown } | null)?.cause;
  const error = thrown instanceof DatabaseUnavailableError && errorCode(cause) === '25006' ? cause : thrown;
  const said = error instanceof Error ? error.message : String(error);
  const hint = misconfiguredHint(errorCode(error));
  if (hint) return new Error(`ledger.migrate(): could not use the database (${said}): ${hint}.`, { cause: error });
  if (!isLostConnection(error)) return error;
  return new DatabaseUnavailableError(
    `ledger.migrate(): could not reach the database (${said}). Is PostgreSQL running at the URL's host and port, and is the ledger's \`database\` (e.g. DATABASE_URL) the right URL?`,
    { cause: error },
  );
}
