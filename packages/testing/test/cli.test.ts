/**
 * The `tbb-wallet` CLI as users run it: a child process, its output and exit code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WinRequest } from '@tbb-wallet/core';
import { sign } from '@tbb-wallet/core';
import type { CallContext, Received } from '@tbb-wallet/handler';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conformanceScenarios, createSandboxWallet } from '../src/index.ts';
import type { SandboxProcess } from './cli-process.ts';
import { assertBuilt, runCli, startSandbox } from './cli-process.ts';
import type { Served } from './serve.ts';
import { serveUncheckedWallet, serveWallet } from './serve.ts';

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
    expect(run.stdout).toContain('--secret-file <path>');
    expect(run.stdout.match(/TBB_WALLET_SECRET/g)).toHaveLength(1); // commander's "(env: …)", said once
  });

  it.each<[string, string[], RegExp]>([
    ['no command', [], /Usage: tbb-wallet/],
    ['an unknown command', ['serve'], /unknown command 'serve'/],
    ['an unknown option', ['sign', '--secret', 's', '--bogus'], /unknown option '--bogus'/],
    ['a port that is not a number', ['sandbox', '--port', 'abc', '--secret', 's'], /port is an integer/],
    ['conformance without --url', ['conformance', '--secret', 's'], /required option '--url <url>'/],
    [
      'a typo of a required option',
      ['conformance', '--secret', 's', '--urll', 'http://x'],
      /unknown option '--urll'\n\(Did you mean --url\?\)/,
    ],
    ['outbox resolve without --note', ['outbox', 'resolve', 'j-1'], /required option '--note <note>' not specified/],
    [
      'a typo of --note',
      ['outbox', 'resolve', 'j-1', '--nte', 'x'],
      /unknown option '--nte'\n\(Did you mean --note\?\)/,
    ],
    ['a URL that is not one', ['conformance', '--url', 'wallet', '--secret', 's'], /expected an http\(s\) URL/],
    [
      'no secret at all',
      ['sign', '--file', playersFile],
      /--secret-file <path>, --secret <secret>, or set TBB_WALLET_SECRET/,
    ],
    [
      'a secret file that does not exist',
      ['sign', '--secret-file', 'nope.key', '--file', playersFile],
      /nope\.key: ENOENT/,
    ],
    [
      'the secret and the body both on standard input',
      ['sign', '--secret-file', '-'],
      /standard input cannot hold both the secret and the body/,
    ],
    [
      'an --only that names nothing',
      ['conformance', '--url', 'http://127.0.0.1:9/wallet', '--secret', 's', '--only', 'bet', 'nosuchgroup'],
      /--only: no scenario or group is called "nosuchgroup"\. Groups: signatures, validation, balance/,
    ],
    [
      'demo with both --url and --port',
      ['demo', '--url', 'http://127.0.0.1:9/w', '--secret', 's', '--port', '1'],
      /--port is for the sandbox/,
    ],
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

  it('reads the secret from --secret-file (one trailing newline dropped) or from standard input', async () => {
    const file = join(dir, 'body-2.json');
    writeFileSync(file, body);
    const keyFile = join(dir, 'secret.key');
    writeFileSync(keyFile, `${secret}\n`);
    const fromFile = await runCli(['sign', '--secret-file', keyFile, '--file', file]);
    expect(fromFile.stdout.trim()).toBe(await sign(body, secret));
    const fromStdin = await runCli(['sign', '--secret-file', '-', '--file', file], { input: `${secret}\n` });
    expect(fromStdin.stdout.trim()).toBe(await sign(body, secret));
    const empty = join(dir, 'empty.key');
    writeFileSync(empty, '\n');
    const refused = await runCli(['sign', '--secret-file', empty, '--file', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is empty');
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

  it('logs one line per call: action, player, amount, balance before → after, replayed or the refusal and why', async () => {
    const log = sandbox.output();
    expect(log).toMatch(/ bet player=4242 amount=\d+ tx=\S+ {2}200 \d+ → \d+ /);
    expect(log).toMatch(/ win player=4242 amount=\d+ tx=\S+ {2}200 replayed, nothing moved \(balance \d+\) /);
    expect(log).toMatch(
      / bet player=4242 amount=\d+ tx=\S+ {2}402 refused: The player does not have enough money for the action\. \(balance \d+, nothing moved\)/,
    );
    expect(log).toMatch(
      / bet player=4242 amount=-100 tx=\S+ {2}400 refused: Bad request\. Badly formatted JSON\. amount: must be >= 0/,
    );
    expect(log).toMatch(/\(not parsed\) {2}400 refused: Bad request\. Badly formatted JSON\./);
  });

  it('--log json writes one JSON object per call on standard output', async () => {
    const other = await startSandbox(['--secret', secret, '--players', playersFile, '--log', 'json']);
    try {
      await runCli(['conformance', '--url', other.url, '--secret', secret, '--player', '4242', '--only', 'bet.debit']);
    } finally {
      await other.stop();
    }
    const lines = other.stdout().trim().split('\n');
    const calls = lines.map((line) => JSON.parse(line));
    expect(calls).toContainEqual(
      expect.objectContaining({
        action: 'bet',
        player_id: '4242',
        amount: 150,
        status: 200,
        replayed: false,
        balance_before: 5000,
        balance_after: 4850,
      }),
    );
    expect(other.output()).toContain('listening on'); // the banner went to standard error
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
    broken = await serveUncheckedWallet(secret, createSandboxWallet()); // skips the signature check
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

describe('tbb-wallet conformance that cannot start', () => {
  it('says in one line that nothing answered, counts every scenario as not run, and exits 1', async () => {
    const served = await serveWallet(secret, createSandboxWallet());
    await served.close();
    const run = await runCli(['conformance', '--url', served.url, '--secret', secret]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✖ nothing answered the wallet URL: no answer \(.*ECONNREFUSED.*\)\n/);
    expect(run.stdout).toContain(`0 passed, 0 failed, ${conformanceScenarios().length} not run`);
    expect(run.stdout).not.toContain('┌');
  });

  it('stops with one line saying what to pass when the player is unknown', async () => {
    const served = await serveWallet(secret, createSandboxWallet({ players: [] }));
    try {
      const run = await runCli(['conformance', '--url', served.url, '--secret', secret, '--player', '31337']);
      expect(run.code).toBe(1);
      const causes = run.stdout.split('\n').filter((line) => line.startsWith('✖'));
      expect(causes).toEqual([expect.stringMatching(/^✖ player 31337 is unknown to the wallet .*--player <id>/)]);
    } finally {
      await served.close();
    }
  });
});

describe('tbb-wallet conformance with a players file', () => {
  it('takes the test player and the blocked player from it, says what it will move, and leaves the balance', async () => {
    const wallet = createSandboxWallet({
      players: [
        { player_id: '4242', currency_code: 'EUR', balance: 5000 },
        { player_id: 'blocked-1', currency_code: 'EUR', balance: 5000, blocked: true },
      ],
    });
    const served = await serveWallet(secret, wallet);
    try {
      const only = ['--only', 'bet', 'win'];
      const run = await runCli([
        'conformance',
        '--url',
        served.url,
        '--secret',
        secret,
        '--players',
        playersFile,
        ...only,
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/Player 4242 holds 50\.00 EUR\. The run debits \d+\.\d\d and credits \d+\.\d\d EUR/);
      expect(run.stdout).toContain('Balance of player 4242: 50.00 before, 50.00 after (as found).');
      expect(run.stdout).not.toContain('bet.blocked-player'); // it ran, and passed
      expect(wallet.ledger.balanceOf('4242')).toBe(5000);
    } finally {
      await served.close();
    }
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

  it('--port starts its sandbox on that port', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const run = await runCli(['demo', '--port', String(port)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Started a sandbox wallet at http://127.0.0.1:${port}/wallet`);
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
