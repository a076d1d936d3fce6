/**
 * The round trips of each wallet call, counted at the driver: a balance read is one, a
 * bet, win, refund or rollback-win is two (BEGIN and COMMIT folded in), replays too.
 * On PostgreSQL every `query()` of a pg connection is one round trip (pg waits for
 * ReadyForQuery before it sends the next); on PGlite the ledger's calls into the engine are
 * counted (PGlite itself runs BEGIN and COMMIT in-process around them). The ledger's own
 * `onEvent` reports the same count (`roundTrips`) and which calls were replays.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger, LedgerEvent } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import type { Move, Transfer } from './support/calls.ts';
import { balanceRequest, context, send } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

const counter = { queries: 0 };
const events: LedgerEvent[] = [];
const onEvent = (event: LedgerEvent) => events.push(event);

/** The calls of one player's life and the round trips each takes (-1: a replay, whose cost is per driver). */
const script: [Transfer | 'balance', Move | undefined, number][] = [
  ['balance', undefined, 1],
  ['bet', { player: 'p1', id: 'b1', amount: 100 }, 2],
  ['bet', { player: 'p1', id: 'b1', amount: 100 }, -1], // replay
  ['bet', { player: 'p1', id: 'b2', amount: 100_000 }, 2], // 402, remembered
  ['win', { player: 'p1', id: 'w1', amount: 300 }, 2],
  ['win', { player: 'p1', id: 'w1', amount: 300 }, -1], // replay
  ['refund', { player: 'p1', id: 'r1', amount: 100, original: 'b1' }, 2],
  ['refund', { player: 'p1', id: 'r1', amount: 100, original: 'b1' }, -1], // replay
  ['rollback-win', { player: 'p1', id: 'rw1', amount: 300, original: 'w1' }, 2],
  ['rollback-win', { player: 'p1', id: 'rw1', amount: 300, original: 'w1' }, -1], // replay
  ['balance', undefined, 1],
];

/** `replay` is what a replay costs: 2 on PostgreSQL (the read, then COMMIT); 1 on PGlite (PGlite commits itself). */
async function expectRoundTrips(ledger: Ledger, replay: number): Promise<void> {
  const want = script.map(([action, move, n]) => [action, move, n === -1 ? replay : n] as const);
  const seen: string[] = [];
  const reported: string[] = [];
  events.length = 0;
  for (const [action, move, expected] of want) {
    counter.queries = 0;
    if (action === 'balance') {
      const request = balanceRequest('p1');
      await ledger.wallet.balance(request, context(request));
    } else {
      await Promise.resolve(send(ledger.wallet, action, move as Move)).catch(() => {});
    }
    seen.push(`${action} ${move?.id ?? ''}: ${counter.queries} (want ${expected})`);
    const event = events.at(-1);
    reported.push(`${event?.action} ${move?.id ?? ''}: ${event?.roundTrips}${event?.replayed ? ' replayed' : ''}`);
  }
  expect(seen).toEqual(
    want.map(([action, move, expected]) => `${action} ${move?.id ?? ''}: ${expected} (want ${expected})`),
  );
  expect(reported).toEqual(
    script.map(([action, move, n]) => `${action} ${move?.id ?? ''}: ${n === -1 ? `${replay} replayed` : n}`),
  );
  expect(events).toHaveLength(script.length);
}

/** A pg client that counts its queries: each one is a round trip. */
class CountingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; the count is all this adds.
  override query(...args: any[]): any {
    counter.queries++;
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    return (super.query as any)(...args);
  }
}

describe.skipIf(noDatabase)(`round trips on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let pool: pg.Pool;
  let ledger: Ledger;
  beforeAll(async () => {
    schema = await createTestSchema();
    pool = new pg.Pool({ connectionString: schema.url, max: 2, Client: CountingClient });
    ledger = createLedger({ database: pool, onEvent });
    await ledger.migrate();
    await ledger.addPlayer({ player_id: 'p1', currency_code: 'EUR', balance: 1000 });
  });
  afterAll(async () => {
    await ledger.close();
    await pool.end();
    await schema.drop();
  });

  it('takes one round trip for a balance and two for every transfer, replays included', async () => {
    await expectRoundTrips(ledger, 2);
  });
});

describe('round trips on PGlite', () => {
  let db: PGlite;
  let ledger: Ledger;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
    const counted = (target: object) =>
      new Proxy(target, {
        get(object, key) {
          const value = Reflect.get(object, key);
          if (typeof value !== 'function') return value;
          if (key === 'query' || key === 'exec') {
            return (...args: unknown[]) => {
              counter.queries++;
              return value.apply(object, args);
            };
          }
          if (key === 'transaction') {
            return (work: (tx: object) => Promise<unknown>) => value.call(object, (tx: object) => work(counted(tx)));
          }
          return value.bind(object);
        },
      });
    ledger = createLedger({ database: counted(db) as PGlite, onEvent });
    await ledger.migrate();
    await ledger.addPlayer({ player_id: 'p1', currency_code: 'EUR', balance: 1000 });
  }, 60_000);
  afterAll(async () => {
    await ledger.close();
    await db.close();
  });

  it('takes one call into the engine for a balance and two for every transfer, one for a replay', async () => {
    await expectRoundTrips(ledger, 1);
  });
});
