/**
 * The database the outbox runs on: a PostgreSQL server through `pg`, or PGlite embedded
 * in the process (on disk by default: an in-memory queue would lose what it exists to keep).
 */
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { messageOf, notMigrated } from './database-faults.ts';
import type { OutboxDatabaseTimeouts } from './database-timeouts.ts';
import { OutboxDatabaseError } from './errors.ts';
import type { OutboxDatabase } from './options.ts';
import { pgDriver } from './pg-driver.ts';

/**
 * Anything that runs a parameterised query: a pg `Pool`, `Client` or `PoolClient`, a PGlite
 * instance or a PGlite transaction. `enqueue(…, { transaction })` takes one.
 */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** An open database and what to say about it. */
export interface OutboxDriver extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** The absolute data directory of an embedded PGlite the outbox opened itself. */
  readonly dataDir?: string;
  /**
   * Runs `work` inside `BEGIN … COMMIT` on one connection; rolls back and rethrows when it throws.
   * On PostgreSQL bounded by `budget` (default: the outbox's `databaseTimeouts`).
   * @throws OutboxDatabaseError — the database could not be used (see database-faults.ts).
   */
  transaction<T>(
    work: (client: Queryable) => Promise<T>,
    budget?: Pick<OutboxDatabaseTimeouts, 'statementMs' | 'queryMs'>,
  ): Promise<T>;
  /** Ends what the outbox opened itself; a pool or PGlite passed in stays open. */
  close(): Promise<void>;
}

/** The embedded default, relative to the working directory. */
export const defaultDataDir = '.tbb-outbox';

/**
 * Opens the database `createOutbox({ database })` names (`given`: the option is present, maybe
 * `undefined`); an idle pooled connection's error goes to `report`. @throws TypeError on something
 * else, and on a `database` given as `undefined` (`process.env.DATABASE_URL` unset): a queue quietly
 * kept in the working directory instead of the database it was meant for is lost with the container,
 * and not shared by the other workers.
 */
export function openDatabase(
  database: OutboxDatabase | undefined,
  given: boolean,
  timeouts: OutboxDatabaseTimeouts,
  report: (error: OutboxDatabaseError) => void,
): OutboxDriver {
  if (database === undefined && given)
    throw new TypeError(
      'createOutbox: `database` was given but is undefined. Is DATABASE_URL set? Pass a postgres://user@host:5432/db ' +
        `URL, a pg Pool, a PGlite or a data directory; leave \`database\` out for an embedded PGlite in ./${defaultDataDir}.`,
    );
  if (database === undefined) return pgliteDriver(resolve(defaultDataDir));
  if (typeof database === 'string') {
    // Blanks around a pasted URL or a file's newline dropped, as `new URL()` drops them.
    const text = database.trim();
    if (text === '')
      throw new TypeError('createOutbox: `database` is empty: pass a postgres:// URL or a data directory.');
    if (/^postgres(ql)?:\/\//i.test(text))
      return pgDriver(
        new pg.Pool({
          connectionString: text,
          max: 5,
          connectionTimeoutMillis: timeouts.acquireMs,
          keepAlive: true,
        }),
        true,
        timeouts,
        report,
      );
    // Taken for a directory, a URL would be shown, password and all, by the error of its mkdir.
    // `postgres//…` (the colon lost) too: it would be a directory named after the URL, password and all.
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(text) || /^postgres(ql)?(:|\/\/)/i.test(text))
      throw new TypeError(
        'createOutbox: `database` looks like a URL but not a postgres:// one (the value is not shown: it may hold a ' +
          'password). Use postgres://user:password@host:5432/database, or a path for an embedded PGlite.',
      );
    return pgliteDriver(resolve(database));
  }
  if (isPglite(database)) return pgliteDriver(database);
  if (isPgPool(database)) return pgDriver(database, false, timeouts, report);
  if (typeof (database as { dataDir?: unknown } | null)?.dataDir === 'string')
    return pgliteDriver(resolve((database as { dataDir: string }).dataDir));
  throw new TypeError(
    'createOutbox: `database` must be a postgres:// URL, a pg Pool, a PGlite, a data directory or { dataDir }.',
  );
}

/**
 * PGlite given (yours, left open) or a data directory: opened at the first query (so
 * creating an outbox touches no disk), closed by `close()`.
 */
function pgliteDriver(source: PGlite | string): OutboxDriver {
  const dataDir = typeof source === 'string' ? source : undefined;
  let database: Promise<PGlite> | undefined = typeof source === 'string' ? undefined : Promise.resolve(source);
  const open = () => {
    database ??= startPglite(source as string);
    return database;
  };
  return {
    kind: 'pglite',
    ...(dataDir === undefined ? {} : { dataDir }),
    async query(sql, params) {
      return closedAsError(async () => (await open()).query<Record<string, unknown>>(sql, params));
    },
    async transaction(work) {
      return closedAsError(async () => (await open()).transaction((tx) => work(tx as Queryable)));
    },
    async close() {
      if (dataDir !== undefined && database) await (await database).close();
    },
  };
}

/** A closed or failed PGlite as {@link OutboxDatabaseError}, a missing table as `OutboxNotMigratedError`; other errors as they are. */
async function closedAsError<T>(use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (error) {
    if (/PGlite is clos(?:ed|ing)|PGlite failed to initialize/i.test(messageOf(error)))
      throw new OutboxDatabaseError(`the outbox's PGlite cannot be used (${messageOf(error)})`, { cause: error });
    throw notMigrated(error);
  }
}

async function startPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dataDir);
  await db.waitReady;
  return db;
}

function isPglite(value: unknown): value is PGlite {
  const candidate = value as { waitReady?: unknown; transaction?: unknown; exec?: unknown } | null;
  return (
    typeof candidate?.transaction === 'function' && typeof candidate.exec === 'function' && 'waitReady' in candidate
  );
}

function isPgPool(value: unknown): value is pg.Pool {
  const candidate = value as { connect?: unknown; query?: unknown; end?: unknown } | null;
  return (
    typeof candidate?.connect === 'function' &&
    typeof candidate.query === 'function' &&
    typeof candidate.end === 'function'
  );
}
