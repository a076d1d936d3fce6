/**
 * `tbb-wallet outbox …` and `tbb-wallet sandbox --faults …` as users run them: the
 * outbox README's example rides out a misbehaving sandbox; `outbox work` delivers what
 * was queued; `list`, `retry` and `resolve` inspect and settle jobs; mistakes exit 2 with
 * what to do. On the PostgreSQL at DATABASE_URL, in a schema of its own.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWalletClient } from '@tbb-wallet/client';
import type { WinRequest } from '@tbb-wallet/core';
import { createOutbox } from '@tbb-wallet/outbox';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { payWins } from '../../outbox/examples/pay-wins.ts';
import type { SandboxProcess } from './cli-process.ts';
import { assertBuilt, cliPath, runCli, startSandbox } from './cli-process.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const secret = 'outbox-cli-secret';
const databaseUrl = process.env.DATABASE_URL;

const winOf = (player: string, amount: number, currency = 'EUR'): WinRequest => ({
  player_id: player,
  currency_code: currency,
  is_mobile: false,
  action: 'win',
  amount,
  payload: {
    reference: 'barbarabang::MadMonkey',
    session_token: 's',
    provider_transfer_data: { transaction_id: randomUUID(), round_id: randomUUID(), round_close: true },
  },
});

describe('tbb-wallet outbox and sandbox --faults: usage', () => {
  beforeAll(assertBuilt);

  it('outbox --help lists list, retry, resolve and work; work --help the secret variable', async () => {
    const run = await runCli(['outbox', '--help']);
    expect(run.code).toBe(0);
    for (const sub of ['list', 'retry', 'resolve', 'work']) expect(run.stdout).toContain(sub);
    const work = await runCli(['outbox', 'work', '--help']);
    expect(work.stdout).toContain('--url <url>');
    expect(work.stdout).toContain('TBB_WALLET_SECRET');
    expect(work.stdout).toMatch(/PGlite directory serves one process/);
  });

  it('sandbox --help documents the fault syntax', async () => {
    const run = await runCli(['sandbox', '--help']);
    expect(run.stdout).toContain('--faults <spec>');
    expect(run.stdout).toContain('delay=10%:6s');
  });

  it.each<[string, string[], RegExp]>([
    ['a fault that does not exist', ['sandbox', '--secret', 's', '--faults', 'slow=1'], /unknown fault/],
    ['work without --url', ['outbox', 'work', '--secret', 's'], /required option '--url <url>'/],
    ['work without a secret', ['outbox', 'work', '--url', 'http://127.0.0.1:9/wallet'], /TBB_WALLET_SECRET/],
    ['resolve without --note', ['outbox', 'resolve', '1'], /required option '--note <note>'/],
    ['list with an unknown state', ['outbox', 'list', '--state', 'lost'], /Allowed choices are pending/],
  ])('%s: exit 2 with what to do', async (_, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('sandbox --faults 503=100% answers every call 503 and says so at start', async () => {
    const sandbox = await startSandbox(['--secret', secret, '--faults', '503=100%']);
    try {
      const client = createWalletClient({ baseUrl: sandbox.url, secret, retry: { attempts: 1 } });
      const { action: _, ...win } = winOf('cli-503', 10);
      await expect(client.win(win)).rejects.toMatchObject({ status: 503 });
      expect(sandbox.output()).toContain('faults: 503=100%');
      expect(sandbox.output()).toContain('fault: unavailable');
    } finally {
      await sandbox.stop();
    }
  });
});

describe.skipIf(!databaseUrl)('tbb-wallet outbox on PostgreSQL (needs DATABASE_URL)', () => {
  const schema = `outbox_cli_${randomUUID().replaceAll('-', '')}`;
  let database: string;
  let sandbox: SandboxProcess;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  beforeAll(async () => {
    assertBuilt();
    await admin(`CREATE SCHEMA ${schema}`);
    const url = new URL(databaseUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    database = url.toString();
    sandbox = await startSandbox(['--secret', secret, '--faults', '503=30%,drop=15%,delay=10%:1500ms,down=2s']);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("the README example rides out the sandbox's faults: every win delivered, each credited once", async () => {
    const wins = Array.from({ length: 12 }, (_, i) => winOf(`ride-${i % 4}`, 100 + i));
    const jobs = await payWins(sandbox.url, secret, database, wins);
    expect(jobs.map((j) => j.state)).toEqual(wins.map(() => 'delivered'));
    // The faults are random shares (each kind is observed deterministically in faults.test.ts); 12 wins meet some.
    expect(sandbox.output()).toMatch(/fault: (unavailable|drop|delay|down)/);
    const client = createWalletClient({
      baseUrl: sandbox.url,
      secret,
      timeoutMs: 1000,
      retry: { attempts: 30, deadlineMs: 40_000 },
    });
    for (let p = 0; p < 4; p++) {
      const owed = wins.filter((w) => w.player_id === `ride-${p}`).reduce((sum, w) => sum + w.amount, 0);
      const { balance } = await client.balance({
        player_id: `ride-${p}`,
        currency_code: 'EUR',
        is_mobile: false,
        reference: 'barbarabang::MadMonkey',
        session_token: 's',
      });
      expect(balance).toBe(100_000 + owed);
    }
  });

  it('work delivers what was queued; list, retry and resolve inspect and settle jobs', async () => {
    const plain = await startSandbox(['--secret', secret]); // well-behaved: the default schedule would wait out faults
    const outbox = createOutbox({ wallet: { baseUrl: plain.url, secret }, database }); // enqueues; never started
    await outbox.migrate();
    const good = await outbox.enqueue(winOf('cli-w', 40));
    const bad = await outbox.enqueue(winOf('cli-w', 40, 'USD')); // the player's wallet is in EUR: 400, dead
    const work = spawn(
      process.execPath,
      [cliPath, 'outbox', 'work', '--database', database, '--url', plain.url, '--timeout', '1000'],
      {
        env: { ...process.env, NO_COLOR: '1', TBB_WALLET_SECRET: secret },
      },
    );
    let out = '';
    work.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    work.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => work.on('close', resolve));
    for (let i = 0; i < 600 && (await outbox.stats()).pending > 0; i++) await new Promise((r) => setTimeout(r, 100));
    work.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('outbox: PostgreSQL at');
    expect(out).not.toContain(secret);
    expect(out).toMatch(new RegExp(`job ${good.id} win .* delivered 200`));
    expect(out).toMatch(new RegExp(`job ${bad.id} win .* dead 400`));
    expect(out).toContain('outbox worker stopped');

    const list = await runCli(['outbox', 'list', '--database', database, '--player', 'cli-w']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${good.id}\\s+delivered`));
    expect(list.stdout).toMatch(new RegExp(`${bad.id}\\s+dead`));
    const json = await runCli(['outbox', 'list', '--database', database, '--state', 'dead', '--json']);
    expect(
      json.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual([bad.id]);

    const again = await runCli(['outbox', 'retry', good.id, '--database', database]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('never sent again');
    const missing = await runCli(['outbox', 'retry', '999999', '--database', database]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No outbox job has id 999999');
    const resolved = await runCli([
      'outbox',
      'resolve',
      bad.id,
      '--note',
      'paid in EUR by hand',
      '--database',
      database,
    ]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`job ${bad.id} is resolved: paid in EUR by hand`);
    const retried = await runCli(['outbox', 'retry', bad.id, '--database', database]);
    expect(retried.code).toBe(2);
    expect((await outbox.job(bad.id)).state).toBe('resolved');
    await outbox.close();
    await plain.stop();
  });
});
