/**
 * The ledger's schema, as numbered migrations. `migrate()` applies the ones not yet
 * recorded in `ledger_schema_migrations`, in one transaction under an advisory lock,
 * so two processes starting at once apply each migration exactly once.
 *
 * Tables are created in the connection's `search_path` (normally `public`), so one
 * database can hold several ledgers in separate schemas.
 */
import type { SqlDriver } from './driver.ts';
import { migrationTimeouts } from './timeouts.ts';

/** One schema change; `version` never changes once released. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Run one by one (PGlite runs one statement per query). */
  readonly statements: readonly string[];
}

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'players, transactions, tombstones, record-once keys',
    statements: [
      `
        CREATE TABLE ledger_players (
          player_id       text PRIMARY KEY,
          currency_code   text NOT NULL,
          balance         bigint NOT NULL,
          opening_balance bigint NOT NULL,
          blocked         boolean NOT NULL DEFAULT false,
          created_at      timestamptz NOT NULL DEFAULT now()
        )`,
      `
        -- One row per (action, provider transaction id): accepted, or refused for good.
        CREATE TABLE ledger_transactions (
          id                      bigint PRIMARY KEY,
          action                  text NOT NULL CHECK (action IN ('bet', 'win', 'refund', 'rollback-win')),
          provider_transaction_id text NOT NULL,
          player_id               text NOT NULL,
          request_sha256          text NOT NULL,
          amount                  bigint NOT NULL,
          movement                bigint NOT NULL DEFAULT 0,
          balance_after           bigint,
          round_id                text,
          original_transaction_id text,
          status                  smallint NOT NULL,
          response                jsonb NOT NULL,
          created_at              timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT ledger_transactions_once UNIQUE (action, provider_transaction_id)
        )`,
      `
        CREATE SEQUENCE ledger_transaction_ids OWNED BY ledger_transactions.id`,
      `
        CREATE INDEX ledger_transactions_player ON ledger_transactions (player_id, id)`,
      `
        -- Bet ids named by a refund and win ids named by a rollback, whether or not the
        -- original had arrived: a late original is refused (bet) or not credited (win).
        CREATE TABLE ledger_tombstones (
          original_action         text NOT NULL CHECK (original_action IN ('bet', 'win')),
          provider_transaction_id text NOT NULL,
          named_by                text NOT NULL,
          created_at              timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (original_action, provider_transaction_id)
        )`,
      `
        -- recordOnce(): an operator's own idempotency keys and the first run's result.
        CREATE TABLE ledger_once (
          key        text PRIMARY KEY,
          result     json, -- json, not jsonb: the stored result keeps its key order
          created_at timestamptz NOT NULL DEFAULT now()
        )`,
    ],
  },
  {
    version: 2,
    name: "the cashier's deposits and withdrawals are entries too",
    statements: [
      `
        ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_action_check`,
      `
        ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_action_check
          CHECK (action IN ('bet', 'win', 'refund', 'rollback-win', 'deposit', 'withdrawal'))`,
    ],
  },
];

/** The advisory lock every `migrate()` takes: one number, the same in every process. */
const migrationLock = 0x7462_6277; // "tbbw"

/**
 * Applies the migrations not applied yet; returns the versions it applied (empty
 * when the schema is current). Safe to run from several processes at once.
 */
export async function migrate(driver: SqlDriver): Promise<number[]> {
  return driver.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ledger_schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query('SELECT version FROM ledger_schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO ledger_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  }, migrationTimeouts);
}
