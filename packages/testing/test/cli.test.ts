/**
 * The `tbb-wallet` CLI as users run it: a child process, its output and exit code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WinRequest } from '@tbb-wallet/core';
import { sign } from '@tbb-wallet/core';
import type { CallContext, Received } from '@tbb-wallet/handler';
import { createWalletHandler } from '@tbb-wallet/handler';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conformanceScenarios, createSandboxWallet } from '../src/index.ts';
import type { SandboxProcess } from './cli-process.ts';
import { assertBuilt, runCli, startSandbox } from './cli-process.ts';
import type { Served } from './serve.ts';
import { serveFetch, serveWallet } from './serve.ts';

const secret = 'cli-secret';
const dir = mkdtempSync(join(tmpdir(), 'tbb-wallet-cli-'));
const playersFile = join(dir, 'players.json');
writeFileSync(
  playersFile,
  JSON.stringify([
    { player_id: '4242', currency_code: 'EUR', balance: 5000 },
    { player_id: 'blocked-1', currency_code: 'EUR', balance: 5000, blocked: true },
  ]),
);

beforeAll(assertBuilt);
// Whole suites over real HTTP and child processes: generous limits for a loaded machine (no speed is asserted).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

describe('tbb-wallet --help and usage errors', () => {
  it('lists the four commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['sandbox', 'conformance', 'demo', 'sign']) expect(run.stdout).toContain(command);
  });

  it.each([
    ['sandbox', '--players <file>'],
    ['conformance', '--url <url>'],
    ['demo', '--url <url>'],
    ['sign', '--file <file>'],
  ])('%s --help exits 0 and shows its options and the secret variable', async (command, option) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(option);
    expect(run.stdout).toContain('TBB_WALLET_SECRET');
  });

  it.each<[string, string[], RegExp]>([
    ['no command', [], /Usage: tbb-wallet/],
    ['an unknown command', ['serve'], /unknown command 'serve'/],
    ['an unknown option', ['sign', '--secret', 's', '--bogus'], /unknown option '--bogus'/],
    ['a port that is not a number', ['sandbox', '--port', 'abc', '--secret', 's'], /port is an integer/],
    ['conformance without --url', ['conformance', '--secret', 's'], /required option '--url <url>'/],
    ['a URL that is not one', ['conformance', '--url', 'wallet', '--secret', 's'], /expected an http\(s\) URL/],
    ['no secret at all', ['sign', '--file', playersFile], /--secret <secret> or set TBB_WALLET_SECRET/],
    [
      'a players file that does not exist',
      ['sandbox', '--secret', 's', '--players', 'nope.json'],
      /nope\.json: ENOENT/,
    ],
  ])('%s: a clear message and exit 2', async (_, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('refuses a players file with a bad entry, naming it', async () => {
    const bad = join(dir, 'bad-players.json');
    writeFileSync(bad, JSON.stringify([{ player_id: '1', currency_code: 'EUR', balance: 1.5 }]));
    const run = await runCli(['sandbox', '--secret', 's', '--players', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('entry 0: balance must be an integer');
  });
});

describe('tbb-wallet sign', () => {
  const body = '{"player_id":"6", "action":"balance"}\n';

  it('signs standard input byte for byte', async () => {
    const run = await runCli(['sign', '--secret', secret], { input: body });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${await sign(body, secret)}\n`);
  });

  it('signs a file, with the secret from TBB_WALLET_SECRET, and never prints the secret', async () => {
    const file = join(dir, 'body.json');
    writeFileSync(file, body);
    const run = await runCli(['sign', '--file', file], { env: { TBB_WALLET_SECRET: secret } });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(await sign(body, secret));
    expect(run.stdout + run.stderr).not.toContain(secret);
  });
});

describe('tbb-wallet sandbox and conformance', () => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    sandbox = await startSandbox(['--secret', secret, '--players', playersFile]);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('the conformance suite passes every scenario against the sandbox process', async () => {
    const args = ['--player', '4242', '--unknown-player', 'ghost', '--blocked-player', 'blocked-1'];
    const run = await runCli(['conformance', '--url', sandbox.url, ...args], { env: { TBB_WALLET_SECRET: secret } });
    expect(run.stdout).toContain(`${conformanceScenarios().length} passed, 0 failed`);
    expect(run.code).toBe(0);
  });

  it('--json writes a machine-readable report', async () => {
    const args = ['--player', '4242', '--json', '--only', 'bet'];
    const run = await runCli(['conformance', '--url', sandbox.url, '--secret', secret, ...args]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: true, failed: 0, url: sandbox.url });
    expect(report.results.map((r: { id: string }) => r.id)).toContain('bet.insufficient-funds');
  });

  it('logs one line per call', async () => {
    expect(sandbox.output()).toMatch(/bet player=4242 tx=\S+ +→ 402/);
    expect(sandbox.output()).toMatch(/\(unparsed\) +→ 403/);
  });

  it('stops on SIGTERM with exit 0', async () => {
    const other = await startSandbox(['--secret', secret]);
    expect(await other.stop()).toBe(0);
    expect(other.output()).toContain('sandbox stopped');
  });
});

describe('tbb-wallet conformance against a broken wallet', () => {
  let broken: Served;
  beforeAll(async () => {
    const handle = createWalletHandler({ secret, wallet: createSandboxWallet() });
    broken = await serveFetch(async (request) => {
      // skips the signature check: re-signs whatever arrives
      const body = new Uint8Array(await request.arrayBuffer());
      const headers = new Headers(request.headers);
      headers.set('x-request-sign', await sign(body, secret));
      return handle(new Request(request.url, { method: 'POST', headers, body }));
    });
  });
  afterAll(() => broken.close());

  it('prints the failing scenarios and the summary, and exits 1', async () => {
    const run = await runCli(['conformance', '--url', broken.url, '--secret', secret, '--only', 'signatures']);
    expect(run.code).toBe(1);
    for (const id of ['signatures.missing', 'signatures.wrong-secret', 'signatures.tampered']) {
      expect(run.stdout).toContain(id);
    }
    expect(run.stdout).toContain('3 passed, 6 failed');
  });
});

describe('tbb-wallet conformance against nothing', () => {
  it('says in one line that nothing answered, and exits 1', async () => {
    const served = await serveWallet(secret, createSandboxWallet());
    await served.close();
    const run = await runCli(['conformance', '--url', served.url, '--secret', secret]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✖ http:\/\/127\.0\.0\.1:\d+\/wallet: not run: no answer \(.*ECONNREFUSED/);
    expect(run.stdout).not.toContain('┌');
  });
});

describe('tbb-wallet demo', () => {
  it('starts its own sandbox, plays the script as a table, and exits 0', async () => {
    const run = await runCli(['demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Started a sandbox wallet at http://127.0.0.1:');
    for (const step of ['place a bet', 'send the same win again', 'bet more than the balance', 'roll the win back']) {
      expect(run.stdout).toContain(step);
    }
    expect(run.stdout).toContain('The player does not have enough money for the action.');
    expect(run.stdout).toContain('all 8 steps answered as expected');
  });

  it('exits 1 and names the step when the wallet does not answer as the script expects', async () => {
    let copy = 0;
    const sandbox = createSandboxWallet();
    const served = await serveWallet(secret, {
      ...sandbox,
      win: (request: Received<WinRequest>, context: CallContext) => {
        const data = request.payload.provider_transfer_data;
        const fresh = { ...data, transaction_id: `${data.transaction_id}#${++copy}` }; // credits duplicates again
        return sandbox.win({ ...request, payload: { ...request.payload, provider_transfer_data: fresh } }, context);
      },
    });
    try {
      const run = await runCli(['demo', '--url', served.url, '--secret', secret]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('not as expected: step 4 (send the same win again)');
    } finally {
      await served.close();
    }
  });
});
