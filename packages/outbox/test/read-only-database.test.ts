/**
 * A failover leaves the outbox's pool on a server that only reads (SQLSTATE 25006): `enqueue`
 * fails with an OutboxDatabaseError that says to use the primary and stores nothing; the worker
 * reports its failed claims and goes on. The read-only connection is destroyed, not pooled, so
 * once the primary is back the same one-connection pool reaches it: the queued credit lands once.
 *
 * The standby is a login role whose sessions start read-only; a session keeps that for life.
 */
import { randomBytes } from 'node:crypto';
import type { Ledger } from '@tbb-wallet/ledger';
import { createLedger } from '@tbb-wallet/ledger';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outbox, OutboxEvent } from '../src/index.ts';
import { createOutbox, OutboxDatabaseError } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, databaseUrl, noDatabase, pgSkipReason } from './support/databases.ts';
import type { TestOperator } from './support/operator.ts';
import { startOperator } from './support/operator.ts';
import { eventually, win } from './support/requests.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const secret = 'outbox-read-only-secret';
const readOnlyMessage =
  "the outbox's database only reads (SQLSTATE 25006: a standby, a primary demoted by a failover, or default_transaction_read_only on); the connection was dropped, so the next one may reach the primary: if this goes on, point the outbox's `database` at the primary";

describe.skipIf(noDatabase)(`the outbox's database only reads after a failover${pgSkipReason}`, () => {
  const role = `tbb_outbox_ro_${randomBytes(4).toString('hex')}`;
  let provider: TestSchema;
  let operatorDb: TestSchema;
  let ledger: Ledger;
  let operator: TestOperator;
  let admin: pg.Client;
  let readOnly: pg.Pool;
  let outbox: Outbox;
  const events: OutboxEvent[] = [];

  beforeAll(async () => {
    [provider, operatorDb] = await Promise.all([createTestSchema('outboxro_q'), createTestSchema('outboxro_ledger')]);
    ledger = createLedger({ database: operatorDb.pool(2) });
    await ledger.migrate();
    operator = await startOperator(ledger, secret);
    await createOutbox({ database: provider.pool(1) }).migrate();
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN SUPERUSER`);
    await admin.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    const url = new URL(provider.url);
    url.username = role;
    readOnly = new pg.Pool({ connectionString: url.toString(), max: 1 });
    readOnly.on('error', () => {});
    outbox = createOutbox({
      wallet: { baseUrl: operator.url, secret },
      database: readOnly,
      pollMs: 20,
      backoff: { phases: [{ untilMs: 600_000, minDelayMs: 20, maxDelayMs: 200 }], forbiddenDelayMs: 50 },
      onEvent: (event) => events.push(event),
    });
  });
  afterAll(async () => {
    await outbox?.close();
    await readOnly?.end();
    await operator?.close();
    await ledger?.close();
    await Promise.all([provider?.drop(), operatorDb?.drop()]);
    await admin?.query(`DROP ROLE IF EXISTS ${role}`);
    await admin?.end();
  });

  it('enqueue fails naming the primary, the worker reports; after the failover the credit lands once', async () => {
    await ledger.addPlayer({ player_id: 'ro', currency_code: 'EUR', balance: 1000 });
    const credit = win('ro', 'ro-1', 'ro-r1', 25);
    const failure = await outbox.enqueue(credit).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboxDatabaseError);
    expect((failure as Error).message).toBe(
      `outbox.enqueue: nothing was queued: ${readOnlyMessage}. Enqueue the same request again once the database answers: the same body is queued once.`,
    );
    expect((failure as Error).cause).toMatchObject({ code: '25006' });

    outbox.start();
    const claimErrors = () =>
      events.flatMap((e) => (e.type === 'error' && e.retryInMs !== undefined ? [e.error as Error] : []));
    await eventually('two failed claims', () => claimErrors().length >= 2);
    for (const error of claimErrors()) {
      expect(error.message).toBe(`outbox worker: could not claim jobs: ${readOnlyMessage}`);
    }
    const queued = await provider.pool(1).query('SELECT count(*)::int AS n FROM tbb_outbox_jobs');
    expect(queued.rows[0].n).toBe(0);
    expect(await ledger.balanceOf('ro')).toBe(1000);

    // The primary is back: only a new connection sees it.
    await admin.query(`ALTER ROLE ${role} RESET default_transaction_read_only`);
    await eventually('the queue usable again', () =>
      outbox.enqueue(credit).then(
        () => true,
        () => false,
      ),
    );
    await eventually('credited', async () => (await ledger.balanceOf('ro')) === 1025);
    expect((await ledger.entries('ro')).map((e) => e.transactionId)).toEqual(['ro-1']);
  });
});
