/**
 * A real failover, on clusters of the test's own (see support/scratch-cluster.ts): a primary and
 * a hot standby streaming from it. A ledger whose pool reaches the standby answers a win 503, the
 * retryable answer, and moves nothing, while a balance (a read) is answered from the replica;
 * `onError` says the ledger needs the primary. Then the primary crashes and the standby is
 * promoted: the same ledger, on the same one-connection pool, applies the retried win once and
 * answers its replay with the same body.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger, DatabaseUnavailableError } from '../src/index.ts';
import { balanceRequest, transferRequest } from './support/calls.ts';
import { post, serve } from './support/http.ts';
import type { ScratchCluster, Standby } from './support/scratch-cluster.ts';
import { noScratchCluster, startScratchCluster } from './support/scratch-cluster.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(noScratchCluster)('a failover: the ledger on a hot standby, then on it promoted', () => {
  let primary: ScratchCluster;
  let standby: Standby;
  let pool: pg.Pool;
  let ledger: Ledger;
  let server: Awaited<ReturnType<typeof serve>>;
  const faults: unknown[] = [];

  beforeAll(async () => {
    primary = await startScratchCluster();
    const books = createLedger({ database: primary.url });
    await books.migrate();
    await books.addPlayer({ player_id: 'fo-1', currency_code: 'EUR', balance: 1000 });
    await books.close();
    standby = await primary.standby();
    pool = new pg.Pool({ connectionString: standby.url, max: 1 });
    pool.on('error', () => {});
    ledger = createLedger({ database: pool, onError: (error) => faults.push(error) });
    server = await serve(ledger.wallet);
    for (let tries = 0; (await ledger.balanceOf('fo-1').catch(() => undefined)) !== 1000; tries++) {
      if (tries === 200) throw new Error('the standby never replayed the player');
      await sleep(50);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await ledger?.close();
    await pool?.end();
    standby?.destroy();
    primary?.destroy();
  });

  it('on the standby a win is 503 and moves nothing; promoted, the retry is applied once', async () => {
    const win = transferRequest('win', { player: 'fo-1', id: 'fo-win', amount: 300 });
    expect(await post(server.url, win)).toEqual({
      status: 503,
      json: { code: 503, message: 'Service is unavailable.' },
    });
    expect(faults).toEqual([expect.any(DatabaseUnavailableError)]);
    expect((faults[0] as Error).message).toMatch(/^The database only reads \(SQLSTATE 25006: a standby, /);
    expect((faults[0] as Error).cause).toMatchObject({ code: '25006' });
    expect(await post(server.url, balanceRequest('fo-1'))).toMatchObject({ status: 200, json: { balance: 1000 } });
    expect(await ledger.entries('fo-1')).toEqual([]);

    primary.stop();
    standby.promote();
    const applied = await post(server.url, win);
    expect(applied).toMatchObject({ status: 200, json: { balance: 1300, currency_code: 'EUR' } });
    expect(await post(server.url, win)).toEqual(applied);
    expect(await ledger.balanceOf('fo-1')).toBe(1300);
    expect((await ledger.entries('fo-1')).map((entry) => entry.transactionId)).toEqual(['fo-win']);
  });
});
