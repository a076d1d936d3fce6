/**
 * pg_terminate_backend in a loop on the ledger's own connections (what a failover, a
 * restarted pooler or an idle-connection reaper does) while callers send duplicate
 * deliveries over HTTP: the process never crashes, every answer is a 200, a refusal or a
 * 503, and the books reconcile once the loop stops.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { deliver, expectReconciled, mixedLoad, settle } from './support/books.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { serve } from './support/http.ts';

describe.skipIf(noDatabase)(`backends terminated under load on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let ledger: Ledger;
  let server: Awaited<ReturnType<typeof serve>>;
  let killer: pg.Client;
  const faults: unknown[] = [];
  // Only this test's backends are ever terminated: they carry this application_name.
  const applicationName = `ledger_kill_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    schema = await createTestSchema();
    const url = new URL(schema.url);
    url.searchParams.set('application_name', applicationName);
    ledger = createLedger({ database: url.toString(), onError: (error) => faults.push(error) });
    await ledger.migrate();
    server = await serve(ledger.wallet);
    killer = new pg.Client({ connectionString: schema.url });
    await killer.connect();
  });
  afterAll(async () => {
    await killer.end();
    await server.close();
    await ledger.close();
    await schema.drop();
  });

  it('a terminate loop every 0.1 s under 8 callers: only 200, 402 and 503, then every book reconciles', async () => {
    const { calls, opening } = await mixedLoad(ledger, { count: 8, perPlayer: 40, tag: 'tb' });

    let looping = true;
    let terminated = 0;
    const loop = (async () => {
      while (looping) {
        const { rows } = await killer.query(
          'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        terminated += Number(rows[0]?.n);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const stopAt = Date.now() + 3000; // bounded in count (320 calls) and in time
    await deliver(calls, () => server.url, { concurrency: 8, stop: () => Date.now() > stopAt });
    looping = false;
    await loop;

    const seen = calls.flatMap((c) => c.seen.map((s) => s.status));
    expect(terminated).toBeGreaterThan(5);
    expect(seen.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(new Set(seen.filter((s) => ![200, 402, 503].includes(s)))).toEqual(new Set());
    for (const call of calls.filter((c) => c.seen.some((s) => s.status === 503))) {
      expect(call.seen.find((s) => s.status === 503)?.json).toEqual({ code: 503, message: 'Service is unavailable.' });
    }
    expect(faults.length).toBeGreaterThan(0);

    await expectReconciled(ledger, calls, await settle(calls, server.url), opening);
  }, 60_000);
});
