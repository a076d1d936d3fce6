/**
 * An outbox whose table is missing (`migrate()` never ran on this schema, or the table was dropped
 * while a job was leased): enqueue, the inspection calls and the worker's claims fail with
 * OutboxNotMigratedError, which says to run `migrate()`, instead of "relation does not exist";
 * nothing crashes, and after `migrate()` the same request is queued and delivered.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../src/index.ts';
import { createOutbox, OutboxNotMigratedError } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { eventually, win } from './support/requests.ts';

const told =
  "The outbox's table is missing or older than this @tbb-wallet/outbox: run `await outbox.migrate()` at start-up " +
  "(idempotent, safe from several processes) with a database user that may create tables, in the connection's search_path.";

describe.skipIf(noDatabase)(`an outbox whose table is missing${pgSkipReason}`, () => {
  let schema: TestSchema;
  let operator: { url: string; hits: () => number; close: () => Promise<void> };
  beforeAll(async () => {
    schema = await createTestSchema('outbox_unmigrated');
    let hits = 0;
    const server = createServer((_request, response) => {
      hits++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ transaction_id: String(hits), balance: 10, currency_code: 'EUR' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    operator = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`,
      hits: () => hits,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  });
  afterAll(async () => {
    await operator?.close();
    await schema?.drop();
  });

  it('enqueue, jobs, stats and the worker say to run migrate(); after it the same request is queued and delivered', async () => {
    const events: OutboxEvent[] = [];
    const pool = schema.pool(2);
    const outbox = createOutbox({
      wallet: { baseUrl: operator.url, secret: 's' },
      database: pool,
      pollMs: 20,
      onEvent: (event) => events.push(event),
    });
    try {
      const request = win('p1', 'unmigrated-win', 'r1', 10);
      const refused = await outbox.enqueue(request).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OutboxNotMigratedError);
      expect(refused).toMatchObject({
        message: told,
        code: 'TBB_WALLET_OUTBOX_NOT_MIGRATED',
        cause: { code: '42P01' },
      });
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await expect(outbox.enqueue(request, { transaction: client })).rejects.toBeInstanceOf(OutboxNotMigratedError);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      await expect(outbox.jobs()).rejects.toBeInstanceOf(OutboxNotMigratedError);
      await expect(outbox.stats()).rejects.toBeInstanceOf(OutboxNotMigratedError);
      outbox.start();
      await eventually('a claim reported', () => events.some((e) => e.type === 'error'));
      const claim = events.find((e) => e.type === 'error') as { error: unknown };
      expect(claim.error).toBeInstanceOf(OutboxNotMigratedError);
      expect(operator.hits()).toBe(0);

      expect(await outbox.migrate()).toEqual([1]);
      const { id } = await outbox.enqueue(request);
      await eventually('delivered', async () => (await outbox.job(id)).state === 'delivered');
      expect(operator.hits()).toBe(1);
    } finally {
      await outbox.close();
    }
  });
});

describe('an outbox on a PGlite whose table is missing', () => {
  it('enqueue says to run migrate(); after it the request is queued', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    const outbox = createOutbox({ wallet: { baseUrl: 'http://127.0.0.1:9/wallet', secret: 's' }, database: db });
    try {
      const request = win('p1', 'pglite-unmigrated', 'r1', 10);
      await expect(outbox.enqueue(request)).rejects.toMatchObject({ name: 'OutboxNotMigratedError', message: told });
      await outbox.migrate();
      expect(await outbox.enqueue(request)).toMatchObject({ created: true });
    } finally {
      await outbox.close();
      await db.close();
    }
  }, 60_000);
});
