/**
 * The database freezes (stops answering, keeps the sockets) or drops (every connection
 * reset, new ones refused), through a TCP proxy of this test's own in front of the shared
 * PostgreSQL: calls are answered 503 within the ledger's bounds instead of hanging, no
 * money moves, and the ledger recovers on its own when the database is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TcpProxy } from '../../../test/support/tcp-proxy.ts';
import { startTcpProxy } from '../../../test/support/tcp-proxy.ts';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { balanceRequest, transferRequest } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { post, serve } from './support/http.ts';

const unavailable = { status: 503, json: { code: 503, message: 'Service is unavailable.' } };

describe.skipIf(noDatabase)(`a frozen or dropped PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let proxy: TcpProxy;
  let ledger: Ledger;
  let books: Ledger; // straight to the server, to read what really happened
  let server: Awaited<ReturnType<typeof serve>>;
  const faults: unknown[] = [];
  beforeAll(async () => {
    schema = await createTestSchema();
    proxy = await startTcpProxy(schema.url);
    ledger = createLedger({ database: proxy.url, onError: (error) => faults.push(error) });
    books = createLedger({ database: schema.pool(2) });
    await books.migrate();
    server = await serve(ledger.wallet);
  });
  afterAll(async () => {
    await server.close();
    await proxy.close();
    await ledger.close();
    await books.close();
    await schema.drop();
  });

  /** Five bets and a balance call at once, each answered; and how long the slowest took. */
  async function sixCalls(player: string, tag: string) {
    const bets = Array.from({ length: 5 }, (_, i) => transferRequest('bet', { player, id: `${tag}-${i}`, amount: 10 }));
    const started = Date.now();
    const answers = await Promise.all([...bets, balanceRequest(player)].map((body) => post(server.url, body)));
    return { bets, answers, slowestMs: Date.now() - started };
  }

  it('frozen: every call is answered 503 (none hangs), nothing moves, and calls succeed once it thaws', async () => {
    await books.addPlayer({ player_id: 'frozen-1', currency_code: 'EUR', balance: 1000 });
    expect((await post(server.url, balanceRequest('frozen-1'))).status).toBe(200); // a warm, idle connection

    proxy.freeze();
    const frozen = await sixCalls('frozen-1', 'fz');
    proxy.thaw();
    expect(frozen.answers).toEqual(Array(6).fill(unavailable));
    if (process.env.LEDGER_FAULT_FIGURES) process.stdout.write(`frozen: slowest 503 after ${frozen.slowestMs} ms\n`);
    expect(await books.balanceOf('frozen-1')).toBe(1000);
    expect(await books.entries('frozen-1')).toEqual([]);
    expect(faults.some((f) => /did not answer within|No database connection within/.test(String(f)))).toBe(true);

    const retried = await Promise.all(frozen.bets.map((bet) => post(server.url, bet)));
    expect(retried.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await books.balanceOf('frozen-1')).toBe(950);
    expect(await books.entries('frozen-1')).toHaveLength(5);
  }, 30_000);

  it('dropped: every connection reset and new ones refused → 503 at once, nothing moves; back up → served', async () => {
    await books.addPlayer({ player_id: 'drop-1', currency_code: 'EUR', balance: 1000 });
    expect((await post(server.url, balanceRequest('drop-1'))).status).toBe(200);

    proxy.down();
    proxy.cut();
    const dropped = await sixCalls('drop-1', 'dr');
    if (process.env.LEDGER_FAULT_FIGURES) process.stdout.write(`dropped: slowest 503 after ${dropped.slowestMs} ms\n`);
    expect(dropped.answers).toEqual(Array(6).fill(unavailable));
    expect(await books.balanceOf('drop-1')).toBe(1000);
    proxy.up();

    const retried = await Promise.all(dropped.bets.map((bet) => post(server.url, bet)));
    expect(retried.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await Promise.all(dropped.bets.map((bet) => post(server.url, bet)))).toEqual(retried);
    expect(await books.balanceOf('drop-1')).toBe(950);
  }, 30_000);

  it('cut in the middle of a call (the player row locked, the bet waiting): 503, nothing committed, retried once', async () => {
    await books.addPlayer({ player_id: 'cut-1', currency_code: 'EUR', balance: 1000 });
    const bet = transferRequest('bet', { player: 'cut-1', id: 'cut-bet', amount: 300 });
    const locker = await schema.pool(1).connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM ledger_players WHERE player_id = 'cut-1' FOR UPDATE`);
      const call = post(server.url, bet);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the bet is now waiting for the row lock
      proxy.cut();
      expect(await call).toEqual(unavailable);
      await locker.query('ROLLBACK');
    } finally {
      locker.release();
    }
    expect(await books.balanceOf('cut-1')).toBe(1000);
    expect(await books.entries('cut-1')).toEqual([]);
    const retry = await post(server.url, bet);
    expect(retry).toMatchObject({ status: 200, json: { balance: 700 } });
    expect(await post(server.url, bet)).toEqual(retry);
  }, 30_000);

  it('a FATAL in the same read as "ready" on a new connection: no crash, 503, and the next call is served', async () => {
    await books.addPlayer({ player_id: 'fatal-1', currency_code: 'EUR', balance: 1000 });
    const fresh = createLedger({ database: proxy.url, onError: (error) => faults.push(error) });
    const freshServer = await serve(fresh.wallet);
    try {
      proxy.fatalAfterReady();
      const bet = transferRequest('bet', { player: 'fatal-1', id: 'fatal-bet', amount: 100 });
      expect(await post(freshServer.url, bet)).toEqual(unavailable);
      expect(await books.balanceOf('fatal-1')).toBe(1000);
      expect(await post(freshServer.url, bet)).toMatchObject({ status: 200, json: { balance: 900 } });
    } finally {
      await freshServer.close();
      await fresh.close();
    }
  }, 30_000);
});
