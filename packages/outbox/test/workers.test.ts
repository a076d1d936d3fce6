/**
 * The proof: two worker processes on one PostgreSQL deliver to the ledger behind the
 * handler over real HTTP while the operator is down, then 503-ing, then up with a secret
 * the workers do not have yet; the secret is rotated while the jobs wait, and one worker
 * is SIGKILLed while the operator holds the answer of a call it already committed.
 * At the end every job is delivered or refused, each credit moved money exactly once,
 * each round's calls landed in enqueue order, and the books reconcile.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWalletClient } from '@tbb-wallet/client';
import type { Ledger } from '@tbb-wallet/ledger';
import { createLedger } from '@tbb-wallet/ledger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outbox, OutboxEvent, OutboxRequest } from '../src/index.ts';
import { createOutbox } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import type { TestOperator } from './support/operator.ts';
import { startOperator } from './support/operator.ts';
import { bet, eventually, refund, rollbackWin, win } from './support/requests.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const script = fileURLToPath(new URL('./support/worker-process.ts', import.meta.url));
const players = ['p0', 'p1', 'p2', 'p3', 'p4'];
const opening = 1000;

interface WorkerProcess {
  readonly id: string;
  readonly child: ChildProcess;
  readonly events: OutboxEvent[];
}

function startWorker(id: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = fork(script, [], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const events: OutboxEvent[] = [];
  return new Promise((resolve, reject) => {
    child.on('message', (message) => {
      if ((message as { type: string }).type === 'ready') resolve({ id, child, events });
      else events.push(message as OutboxEvent);
    });
    child.once('exit', (code) => reject(new Error(`worker ${id} exited early (${code})`)));
  });
}

describe.skipIf(noDatabase)(`two worker processes on one PostgreSQL${pgSkipReason}`, () => {
  let provider: TestSchema;
  let operatorDb: TestSchema;
  let ledger: Ledger;
  let operator: TestOperator;
  let outbox: Outbox;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    [provider, operatorDb] = await Promise.all([createTestSchema('outbox_test'), createTestSchema('outbox_ledger')]);
    ledger = createLedger({ database: operatorDb.pool(4) });
    await ledger.migrate();
    for (const p of players) await ledger.addPlayer({ player_id: p, currency_code: 'EUR', balance: opening });
    operator = await startOperator(ledger, 'old-secret');
    outbox = createOutbox({ wallet: { baseUrl: operator.url, secret: 'unused' }, database: provider.pool(2) });
    await outbox.migrate();
  });
  afterAll(async () => {
    for (const { child } of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await operator?.close();
    await ledger?.close();
    await outbox?.close();
    await Promise.all([provider?.drop(), operatorDb?.drop()]);
  });

  it('every job delivered or refused, each credit moved money once, the books reconcile', async () => {
    // Each player's bet of round b is debited now; its refund is queued below.
    const client = createWalletClient({ baseUrl: operator.url, secret: 'old-secret' });
    for (const p of players) await client.bet(bet(p, `bet-${p}`, `r-${p}-b`, 100));

    const queued: OutboxRequest[] = players.flatMap((p) => [
      win(p, `w-${p}-a`, `r-${p}-a`, 200),
      rollbackWin(p, `rb-${p}-a`, `r-${p}-a`, 200, `w-${p}-a`),
      refund(p, `rf-${p}-b`, `r-${p}-b`, 100, `bet-${p}`),
      win(p, `w-${p}-c1`, `r-${p}-c`, 50),
      win(p, `w-${p}-c2`, `r-${p}-c`, 30),
    ]);
    queued.push(refund('p0', 'rf-unknown', 'r-p0-x', 100, `bet-never-placed-${randomUUID()}`));
    for (const request of queued) await outbox.enqueue(request);

    // The operator is down, then the secret it expects is rotated while the jobs wait.
    await operator.setMode('down');
    operator.setSecret('new-secret');
    const dir = mkdtempSync(join(tmpdir(), 'tbb-outbox-secret-'));
    const secretFile = join(dir, 'secret');
    writeFileSync(secretFile, 'old-secret');
    const env = { OUTBOX_DATABASE_URL: provider.url, WALLET_URL: operator.url, SECRET_FILE: secretFile };
    workers.push(...(await Promise.all([startWorker('worker-a', env), startWorker('worker-b', env)])));
    const seen = (check: (e: OutboxEvent) => boolean) => workers.some((w) => w.events.some(check));

    await eventually('connection failures', () => seen((e) => e.type === 'retry' && e.status === undefined));
    await operator.setMode('unavailable');
    await eventually('503s', () => seen((e) => e.type === 'retry' && e.status === 503));
    await operator.setMode('up');
    await eventually('403s', () => workers.flatMap((w) => w.events).filter((e) => e.type === 'forbidden').length >= 3);
    expect(await ledger.entries()).toHaveLength(players.length); // only the bets so far

    // The next win the ledger commits has its answer held; its worker is killed meanwhile.
    const hold = operator.holdNext('"action":"win"');
    writeFileSync(secretFile, 'new-secret');
    const heldBody = await hold.arrived;
    const heldId = JSON.parse(heldBody).payload.provider_transfer_data.transaction_id as string;
    const holder = (await outbox.jobs()).find((j) => j.transactionId === heldId);
    const { rows } = await provider.pool(1).query('SELECT leased_by FROM tbb_outbox_jobs WHERE id = $1', [holder?.id]);
    const victim = workers.find((w) => w.id === rows[0]?.leased_by);
    expect(victim).toBeDefined();
    victim?.child.kill('SIGKILL');
    await new Promise((resolve) => victim?.child.once('exit', resolve));
    hold.release();

    await eventually('no job pending', async () => (await outbox.stats()).pending === 0, 1200);
    const jobs = await outbox.jobs();
    expect(jobs).toHaveLength(queued.length);
    for (const job of jobs) {
      const expected = job.transactionId === 'rf-unknown' ? 'refused' : 'delivered';
      expect([job.transactionId, job.state]).toEqual([job.transactionId, expected]);
    }
    expect(jobs.find((j) => j.transactionId === 'rf-unknown')).toMatchObject({ nothingOwed: true, lastStatus: 406 });
    const held = jobs.find((j) => j.transactionId === heldId);
    expect(held?.attempts).toBeGreaterThanOrEqual(2); // sent again after the lease ran out
    expect(operator.received.filter((body) => body === heldBody).length).toBeGreaterThanOrEqual(2);

    // Exactly once: one ledger entry per provider transaction, in enqueue order within a round.
    const entries = await ledger.entries();
    const ids = entries.map((e) => e.transactionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...players.map((p) => `bet-${p}`), ...queued.slice(0, -1).map(txId)].sort());
    for (const p of players) {
      const round = (r: string) => entries.filter((e) => e.roundId === r).map((e) => e.transactionId);
      expect(round(`r-${p}-a`)).toEqual([`w-${p}-a`, `rb-${p}-a`]);
      expect(round(`r-${p}-c`)).toEqual([`w-${p}-c1`, `w-${p}-c2`]);
      const moved = entries.filter((e) => e.playerId === p).reduce((sum, e) => sum + e.movement, 0);
      const balance = await ledger.balanceOf(p);
      expect(balance).toBe(opening + moved); // the books reconcile
      expect(balance).toBe(opening - 100 + 100 + 200 - 200 + 50 + 30);
    }
  });
});

function txId(request: OutboxRequest): string {
  return request.payload.provider_transfer_data.transaction_id;
}
