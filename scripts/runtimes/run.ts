/**
 * `npm run test:runtimes`: serves the built handler on each runtime of the matrix
 * (Node 20/22/24, Bun, Deno, workerd) with that runtime's own server, drives it over
 * HTTP on 127.0.0.1 with the real client, and prints one row per runtime. A runtime
 * that cannot be had here is reported as skipped with the reason, never as passed.
 * Exits non-zero when any runtime fails.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../generate.ts';
import { drive } from './drive.ts';
import { type Runtime, runtimes } from './runtimes.ts';

const dir = join(repoRoot, '.tmp', 'runtimes');
const secret = 'runtime-matrix-secret';
type Row = { name: string; result: 'passed' | 'failed' | 'skipped'; detail: string };

async function install(): Promise<string | undefined> {
  const specs = runtimes.filter((r) => !r.unsupported).flatMap((r) => r.packages);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
  try {
    await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...specs], { cwd: dir });
    return undefined;
  } catch (error) {
    return `npm could not install the runtimes: ${String((error as Error).message).split('\n')[0]}`;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves with the port once the server says `listening <port>` (or answers, for a fixed port). */
function waitForServer(child: ChildProcess, fixedPort: number | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no server after 30 s:\n${output}`)), 30_000);
    const done = (port: number) => {
      clearTimeout(timer);
      resolve(port);
    };
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match && fixedPort === undefined) done(Number(match[1]));
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before serving:\n${output}`)));
    if (fixedPort !== undefined) {
      const poll = () =>
        fetch(`http://127.0.0.1:${fixedPort}/`).then(
          () => done(fixedPort),
          () => setTimeout(poll, 200),
        );
      poll();
    }
  });
}

async function runOne(runtime: Runtime, installError: string | undefined): Promise<Row> {
  if (runtime.unsupported) return { name: runtime.name, result: 'skipped', detail: runtime.unsupported };
  if (installError && runtime.packages.length > 0)
    return { name: runtime.name, result: 'skipped', detail: installError };
  const fixed = runtime.fixedPort ? await freePort() : undefined;
  const bin = (name: string) => join(dir, 'node_modules', '.bin', name);
  const [command, ...args] = await runtime.command({ bin, dir, secret, port: fixed ?? 0 });
  const child = spawn(command!, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await waitForServer(child, fixed);
    const failures = await drive(`http://127.0.0.1:${port}/wallet`, secret);
    return failures.length === 0
      ? { name: runtime.name, result: 'passed', detail: 'all five actions, a replay, 403 and 405' }
      : { name: runtime.name, result: 'failed', detail: failures.join('; ') };
  } catch (error) {
    return { name: runtime.name, result: 'failed', detail: String((error as Error).message) };
  } finally {
    child.kill();
  }
}

const installError = await install();
const rows: Row[] = [];
for (const runtime of runtimes) {
  const row = await runOne(runtime, installError);
  rows.push(row);
  console.log(`${row.result.padEnd(8)} ${row.name.padEnd(48)} ${row.detail}`);
}
const count = (result: Row['result']) => rows.filter((r) => r.result === result).length;
console.log(`\nruntime matrix — passed: ${count('passed')}, failed: ${count('failed')}, skipped: ${count('skipped')}`);
process.exitCode = count('failed') > 0 ? 1 : 0;
