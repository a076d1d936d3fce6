/**
 * Two server processes on one PostgreSQL: the same wins sent to both at once are each
 * credited once, and both servers answer them alike.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/index.ts';
import { createLedger } from '../src/index.ts';
import { transferRequest } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { post, secret } from './support/http.ts';

const script = fileURLToPath(new URL('./support/server-process.ts', import.meta.url));

/** Starts one server process; answers its wallet URL. */
function startServer(url: string, children: ChildProcess[]): Promise<string> {
  const child = fork(script, [], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, LEDGER_DATABASE_URL: url, WALLET_SECRET: secret },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(`http://127.0.0.1:${(message as { port: number }).port}/wallet`));
    child.once('exit', (code) => reject(new Error(`server process exited early with code ${code}`)));
  });
}

describe.skipIf(noDatabase)(`two server processes on one PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  let ledger: Ledger;
  const children: ChildProcess[] = [];
  let urls: string[];
  beforeAll(async () => {
    schema = await createTestSchema();
    ledger = createLedger({ database: schema.pool(2) });
    await ledger.migrate();
    urls = await Promise.all([startServer(schema.url, children), startServer(schema.url, children)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.send('stop');
          }),
      ),
    );
    await ledger.close();
    await schema.drop();
  });

  it('the same 30 wins sent to both servers at once: each credited once, answered alike by both', async () => {
    const players = Array.from({ length: 10 }, (_, i) => `proc-${i}`);
    for (const p of players) await ledger.addPlayer({ player_id: p, currency_code: 'EUR', balance: 1000 });
    const wins = Array.from({ length: 30 }, (_, i) =>
      transferRequest('win', { player: players[i % 10] as string, id: `pw-${i}`, amount: 10 + i }),
    );
    const answers = await Promise.all(wins.map((win) => Promise.all(urls.map((url) => post(url, win)))));
    for (const [a, b] of answers as [Awaited<ReturnType<typeof post>>, Awaited<ReturnType<typeof post>>][]) {
      expect(a.status).toBe(200);
      expect(b).toEqual(a);
    }
    const entries = await ledger.entries();
    expect(entries).toHaveLength(30);
    for (const [i, p] of players.entries()) {
      const credited = wins.filter((w) => w.player_id === p).reduce((sum, w) => sum + w.amount, 0);
      expect(await ledger.balanceOf(p), `player ${i}`).toBe(1000 + credited);
    }
  });
});
