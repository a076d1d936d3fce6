/**
 * migrate(): versioned, idempotent, and safe when several processes start at once.
 */
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, DatabaseUnavailableError, migrations } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

const latest = migrations.map((m) => m.version);

describe.skipIf(noDatabase)(`migrate on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('four ledgers migrating the same schema at once apply each migration exactly once', async () => {
    const ledgers = Array.from({ length: 4 }, () => createLedger({ database: schema.url }));
    try {
      const applied = await Promise.all(ledgers.map((ledger) => ledger.migrate()));
      expect(applied.flat().sort()).toEqual(latest);
      expect(await ledgers[0]?.migrate()).toEqual([]);
      const pool = schema.pool(1);
      const { rows } = await pool.query('SELECT version FROM ledger_schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(latest);
    } finally {
      await Promise.all(ledgers.map((ledger) => ledger.close()));
    }
  });
});

/** A URL whose password must never reach a message. */
const withPassword = (url: string, changes: Partial<Pick<URL, 'port' | 'pathname' | 'username'>>) => {
  const parsed = new URL(url);
  Object.assign(parsed, { password: 'hunter2-not-shown' }, changes);
  return parsed.toString();
};

describe.skipIf(noDatabase)(`migrate on a database it cannot use${pgSkipReason}`, () => {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const cases = [
    [
      'nothing listening at the port',
      withPassword(base, { port: '1' }),
      DatabaseUnavailableError,
      /^ledger\.migrate\(\): could not reach the database \(connect ECONNREFUSED 127\.0\.0\.1:1\)\. Is PostgreSQL running at the URL's host and port, and is the ledger's `database` \(e\.g\. DATABASE_URL\) the right URL\?$/,
      'ECONNREFUSED',
    ],
    [
      'a database the server does not have',
      withPassword(base, { pathname: '/tbb_no_such_database' }),
      Error,
      /^ledger\.migrate\(\): could not use the database \(database "tbb_no_such_database" does not exist\): create that database \(e\.g\. `createdb <name>`\) or correct the URL's database name\.$/,
      '3D000',
    ],
    [
      'a user the server does not know',
      withPassword(base, { username: 'tbb_no_such_role' }),
      Error,
      /^ledger\.migrate\(\): could not use the database \(role "tbb_no_such_role" does not exist\): check the URL's user and password, and the server's pg_hba\.conf\.$/,
      '28000',
    ],
  ] as const;
  it.each(cases)('%s: says what to do, keeps the cause, never shows the URL', async (_, url, kind, message, code) => {
    const ledger = createLedger({ database: url });
    try {
      const error = (await ledger.migrate().then(
        () => undefined,
        (e: unknown) => e,
      )) as Error & { cause?: { code?: string } };
      expect(error).toBeInstanceOf(kind);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('hunter2');
      expect(error.cause?.code).toBe(code);
    } finally {
      await ledger.close();
    }
  });
});

describe('migrate on a server that accepts and never answers', () => {
  it('rejects within acquireMs with DatabaseUnavailableError asking whether PostgreSQL runs there', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as { port: number };
    const ledger = createLedger({
      database: `postgres://u:hunter2-not-shown@127.0.0.1:${port}/db`,
      timeouts: { acquireMs: 300 },
    });
    try {
      const error = (await ledger.migrate().then(
        () => undefined,
        (e: unknown) => e,
      )) as Error;
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(error.message).toMatch(
        /^ledger\.migrate\(\): could not reach the database \(.+\)\. Is PostgreSQL running at the URL's host and port, and is the ledger's `database` \(e\.g\. DATABASE_URL\) the right URL\?$/,
      );
      expect(error.message).not.toContain('hunter2');
      expect(sockets.length).toBeGreaterThan(0); // it did connect: the server was silent, not closed
    } finally {
      await ledger.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
