/**
 * The outbox's table, as numbered migrations applied under an advisory lock, so several
 * workers starting at once apply each exactly once. Tables go in the connection's
 * `search_path`, so one database can hold several outboxes in separate schemas.
 */
import type { OutboxDriver } from './database.ts';
import { migrationTimeouts } from './database-timeouts.ts';

/** Every migration, oldest first; each statement runs on its own (PGlite runs one per query). */
export const outboxMigrations: readonly { version: number; name: string; statements: readonly string[] }[] = [
  {
    version: 1,
    name: 'jobs',
    statements: [
      `
        CREATE TABLE tbb_outbox_jobs (
          id              bigserial PRIMARY KEY, -- the enqueue order, which a round's jobs are delivered in
          operator        text NOT NULL,
          action          text NOT NULL CHECK (action IN ('win', 'refund', 'rollback-win')),
          transaction_id  text NOT NULL,
          player_id       text NOT NULL,
          round_id        text NOT NULL,
          amount          bigint NOT NULL,
          body            text NOT NULL,         -- stored once; every attempt sends these bytes, signed at send time
          state           text NOT NULL DEFAULT 'pending'
                          CHECK (state IN ('pending', 'delivered', 'refused', 'dead', 'resolved')),
          attempts        integer NOT NULL DEFAULT 0,
          enqueued_at     timestamptz NOT NULL DEFAULT now(),
          schedule_from   timestamptz NOT NULL DEFAULT now(), -- the backoff clock; retry() restarts it
          next_at         timestamptz NOT NULL DEFAULT now(),
          lease_until     timestamptz,
          lease_token     text,
          leased_by       text,
          last_attempt_at timestamptz,
          last_status     integer,
          last_error      text,
          answer          text,                  -- the operator's last answer body, as received
          settled_at      timestamptz,
          note            text,
          CONSTRAINT tbb_outbox_jobs_once UNIQUE (operator, action, transaction_id)
        )`,
      `CREATE INDEX tbb_outbox_jobs_due ON tbb_outbox_jobs (next_at, id) WHERE state = 'pending'`,
      `CREATE INDEX tbb_outbox_jobs_round ON tbb_outbox_jobs (operator, round_id, id) WHERE state = 'pending'`,
      `CREATE INDEX tbb_outbox_jobs_player ON tbb_outbox_jobs (player_id, id)`,
    ],
  },
];

const migrationLock = 0x7462_626f; // "tbbo"

/** Applies the migrations not applied yet; answers the versions applied now. */
export async function migrate(driver: OutboxDriver): Promise<number[]> {
  return driver.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS tbb_outbox_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query('SELECT version FROM tbb_outbox_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of outboxMigrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO tbb_outbox_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  }, migrationTimeouts);
}
