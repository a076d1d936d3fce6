/**
 * Faults of the server itself, on a PostgreSQL cluster of this file's own (see
 * support/scratch-cluster.ts): the backend of a call stopped with SIGSTOP after it locked the
 * player and before its write arrives, for longer than the ledger's bounds; and the server
 * restarted with `pg_ctl restart -m immediate` under load. Each call is answered 200 or 503, a
 * 503 may have committed (the write was already in the backend's socket) but only what the retry
 * with the same body replays, and every book reconciles.
 */

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { transferRequest } from './support/calls.ts';
import { post, serve } from './support/http.ts';
import type { ScratchCluster } from './support/scratch-cluster.ts';
import { noScratchCluster, startScratchCluster } from './support/scratch-cluster.ts';

const unavailable = { status: 503, json: { code: 503, message: 'Service is unavailable.' } };
const bounds = { acquireMs: 1000, statementMs: 700, queryMs: 1000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(noScratchCluster)('faults of a PostgreSQL server of the test’s own', () => {
  let cluster: ScratchCluster;
  let books: Ledger; // its own pool, to read what really committed
  beforeAll(async () => {
    cluster = await startScratchCluster();
    books = createLedger({ database: cluster.url, onError: () => {} });
    await books.migrate();
  }, 60_000);
  afterAll(async () => {
    await books?.close();
    cluster?.destroy();
  });

  it('SIGSTOP of the backend between the read and the write, past queryMs: 503, the row stays locked (a refund is 503 too), and after SIGCONT the bet is applied at most once and the retry answers it', async () => {
    await books.addPlayer({ player_id: 'late', currency_code: 'EUR', balance: 1000 });
    const pool = new pg.Pool({ connectionString: cluster.url, max: 1 });
    pool.on('error', () => {});
    let armed = false;
    let stopped: number | undefined;
    const span = { within: <T>(work: () => T) => work(), end() {} };
    const ledger = createLedger({
      database: pool,
      timeouts: bounds,
      onError: () => {},
      telemetry: {
        start(name) {
          // Synchronously before the write round trip is sent: the write lands in a stopped backend's socket.
          if (armed && name === 'ledger write' && backend !== undefined) {
            armed = false;
            process.kill(backend, 'SIGSTOP');
            stopped = backend;
          }
          return span;
        },
      },
    });
    const server = await serve(ledger.wallet);
    // The pool's one connection, which the bet will lease.
    const backend = Number((await pool.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
    const bet = transferRequest('bet', { player: 'late', id: 'late-bet', amount: 300 });
    const refund = transferRequest('refund', { player: 'late', id: 'late-refund', amount: 300, original: 'late-bet' });
    try {
      armed = true;
      expect(await post(server.url, bet)).toEqual(unavailable);
      expect(stopped).toBe(backend);
      // The stopped backend holds the player's row lock: the refund waits statementMs, then 503, nothing moved.
      expect(await post(server.url, refund)).toEqual(unavailable);
      expect(await books.balanceOf('late')).toBe(1000);
      expect(await books.entries('late')).toEqual([]);
    } finally {
      if (stopped !== undefined) process.kill(stopped, 'SIGCONT');
    }
    // The thawed backend either runs the write it had received (a late commit) or is ended by its
    // idle-in-transaction timeout (rolled back); it ends either way, and its lock with it.
    for (let i = 0; i < 100; i++) {
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [backend]);
      if (rows[0]?.n === 0) break;
      await sleep(50);
    }
    const late = await books.entries('late');
    expect(late.length).toBeLessThanOrEqual(1);
    const retried = await post(server.url, bet);
    expect(retried).toMatchObject({ status: 200, json: { balance: 700, currency_code: 'EUR' } });
    const entries = await books.entries('late');
    expect(entries).toMatchObject([{ transactionId: 'late-bet', movement: -300, balance: 700 }]);
    expect((retried.json as { transaction_id: string }).transaction_id).toBe(entries[0]?.operatorTransactionId);
    if (late.length === 1) expect(late).toEqual(entries); // committed late: the retry replayed it
    expect(await post(server.url, refund)).toMatchObject({ status: 200, json: { balance: 1000 } });
    expect(await post(server.url, bet)).toEqual(retried);
    expect(await books.balanceOf('late')).toBe(1000);
    expect((await books.entries('late')).map((e) => [e.transactionId, e.movement])).toEqual([
      ['late-bet', -300],
      ['late-refund', 300],
    ]);
    console.log(`SIGSTOP case: the bet ${late.length === 1 ? 'committed late' : 'was rolled back'} after its 503`);
    await server.close();
    await ledger.close();
    await pool.end();
  }, 60_000);

  it('pg_ctl restart -m immediate under 6 callers: each call 200 or 503, every 503 retried with its body, each id applied once, the books exact', async () => {
    const callers = 6;
    const calls = 20;
    for (let c = 0; c < callers; c++)
      await books.addPlayer({ player_id: `restart-${c}`, currency_code: 'EUR', balance: 1000 });
    const ledger = createLedger({ database: cluster.url, timeouts: bounds, onError: () => {} });
    const server = await serve(ledger.wallet);
    const statuses = new Set<number>();
    const finals = new Map<string, unknown>();
    let done = 0;
    const caller = async (c: number) => {
      for (let i = 0; i < calls; i++) {
        const action = i % 2 === 0 ? 'win' : 'bet';
        const request = transferRequest(action, {
          player: `restart-${c}`,
          id: `r-${c}-${i}`,
          amount: i % 2 === 0 ? 10 : 7,
        });
        for (let attempt = 0; ; attempt++) {
          const answer = await post(server.url, request);
          statuses.add(answer.status);
          if (answer.status === 200) {
            finals.set(`r-${c}-${i}`, { request, answer });
            break;
          }
          expect(answer).toEqual(unavailable);
          expect(attempt).toBeLessThan(100);
          await sleep(50);
        }
        done++;
      }
    };
    const load = Promise.all(Array.from({ length: callers }, (_, c) => caller(c)));
    while (done < (callers * calls) / 3) await sleep(10);
    cluster.restart();
    await load;
    expect([...statuses].sort()).toEqual(statuses.has(503) ? [200, 503] : [200]);
    console.log(`restart case: answers seen ${[...statuses].join(', ')}`);
    for (let c = 0; c < callers; c++) {
      const entries = await books.entries(`restart-${c}`);
      expect(entries.map((e) => e.transactionId)).toEqual(Array.from({ length: calls }, (_, i) => `r-${c}-${i}`));
      expect(await books.balanceOf(`restart-${c}`)).toBe(1000 + (calls / 2) * (10 - 7));
    }
    // Every call sent once more answers exactly what it answered when it succeeded.
    for (const { request, answer } of finals.values() as Iterable<{ request: unknown; answer: unknown }>)
      expect(await post(server.url, request)).toEqual(answer);
    await server.close();
    await ledger.close();
  }, 120_000);
});
