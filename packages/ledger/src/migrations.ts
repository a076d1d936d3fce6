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
  {
    version: 3,
    name: 'a transfer reads its facts and writes its decision through two functions, planned once per session',
    statements: [
      // Sent as literals in a simple query, each statement was parsed and planned on every call: a third
      // of what the database spent on a win (pgbench). A PL/pgSQL function keeps its plans per session.
      // They hold no rule: the facts out, the decision (made in JS by @tbb-wallet/core) in.
      `
        -- The facts of one transfer, as one json value: the player (created first when auto_currency is
        -- given), locked FOR UPDATE, then, each read after the lock was granted, the stored row of this id,
        -- the original it names, and whether that original's id is buried. One column, not fourteen:
        -- node-postgres builds each row's object key by key.
        CREATE OR REPLACE FUNCTION ledger_transfer_facts(
          p_player text, p_action text, p_transaction_id text,
          p_original_action text, p_original_id text, p_tombstone_action text, p_tombstone_id text,
          auto_currency text, auto_balance bigint)
        RETURNS json LANGUAGE plpgsql AS $$
        DECLARE
          player ledger_players%ROWTYPE;
          stored ledger_transactions%ROWTYPE;
          original ledger_transactions%ROWTYPE;
        BEGIN
          IF auto_currency IS NOT NULL THEN
            -- NOT EXISTS spares a known player ON CONFLICT's insertion attempt; ON CONFLICT still
            -- settles two first calls of a new player at once.
            INSERT INTO ledger_players AS n (player_id, currency_code, balance, opening_balance, blocked)
              SELECT p_player, auto_currency, auto_balance, auto_balance, false
              WHERE NOT EXISTS (SELECT 1 FROM ledger_players AS k WHERE k.player_id = p_player)
              ON CONFLICT (player_id) DO NOTHING;
          END IF;
          SELECT * INTO player FROM ledger_players AS p WHERE p.player_id = p_player FOR UPDATE;
          SELECT * INTO stored FROM ledger_transactions AS s
            WHERE s.action = p_action AND s.provider_transaction_id = p_transaction_id;
          IF p_original_action IS NOT NULL THEN
            SELECT * INTO original FROM ledger_transactions AS o
              WHERE o.action = p_original_action AND o.provider_transaction_id = p_original_id;
          END IF;
          RETURN json_build_object(
            'player', CASE WHEN player.player_id IS NOT NULL THEN json_build_object(
              'currency', player.currency_code, 'balance', player.balance, 'blocked', player.blocked) END,
            'stored', CASE WHEN stored.id IS NOT NULL THEN json_build_object(
              'player_id', stored.player_id, 'request_sha256', stored.request_sha256,
              'movement', stored.movement, 'status', stored.status, 'response', stored.response) END,
            'original', CASE WHEN original.id IS NOT NULL THEN json_build_object(
              'player_id', original.player_id, 'request_sha256', original.request_sha256,
              'movement', original.movement, 'status', original.status, 'response', original.response) END,
            'tombstoned', EXISTS (SELECT 1 FROM ledger_tombstones AS t
              WHERE t.original_action = p_tombstone_action AND t.provider_transaction_id = p_tombstone_id));
        END $$`,
      `
        -- The writes of one decision: the movement, the tombstone, the row of the call (its answer built
        -- here for an accepted call, from the id just drawn). Returns that id.
        CREATE OR REPLACE FUNCTION ledger_transfer_record(
          p_movement bigint, bury_action text, bury_id text, bury_named_by text,
          p_action text, p_transaction_id text, p_player text, p_sha256 text, p_amount bigint,
          p_recorded_movement bigint, p_balance_after bigint, p_round_id text, p_original_id text,
          p_status integer, p_currency text, p_refusal jsonb)
        RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE
          new_id bigint := nextval('ledger_transaction_ids');
        BEGIN
          IF p_movement <> 0 THEN
            UPDATE ledger_players AS p SET balance = p.balance + p_movement WHERE p.player_id = p_player;
          END IF;
          IF bury_action IS NOT NULL THEN
            INSERT INTO ledger_tombstones (original_action, provider_transaction_id, named_by)
              VALUES (bury_action, bury_id, bury_named_by) ON CONFLICT DO NOTHING;
          END IF;
          INSERT INTO ledger_transactions (id, action, provider_transaction_id, player_id, request_sha256, amount,
              movement, balance_after, round_id, original_transaction_id, status, response)
            VALUES (new_id, p_action, p_transaction_id, p_player, p_sha256, p_amount, p_recorded_movement,
              p_balance_after, p_round_id, p_original_id, p_status,
              CASE WHEN p_status = 200
                THEN jsonb_build_object('transaction_id', new_id::text, 'balance', p_balance_after, 'currency_code', p_currency)
                ELSE p_refusal END);
          RETURN new_id;
        END $$`,
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
