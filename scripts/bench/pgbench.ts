/**
 * The database's own ceiling on this machine: `pgbench -b simple-update` on a scratch
 * database of the bench (`tbb_bench`), created when missing and never the `test` one.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { benchDatabaseUrl } from './ledger-wallet.ts';

const run = promisify(execFile);

/** Creates the bench database when missing and initialises pgbench's tables in it. */
export async function preparePgbench(url: string = benchDatabaseUrl): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`unexpected bench database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const exists = await run('psql', [admin.href, '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`]);
  if (exists.stdout.trim() !== '1') await run('psql', [admin.href, '-c', `CREATE DATABASE ${name}`]);
  await run('pgbench', ['-i', '-q', url]);
}

/** One pgbench run: transactions per second, without the initial connection time. */
export async function pgbenchTps(seconds: number, url: string = benchDatabaseUrl): Promise<number> {
  const { stdout } = await run('pgbench', ['-b', 'simple-update', '-T', String(seconds), '-c', '8', '-j', '2', url]);
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!match) throw new Error(`could not read pgbench's tps from: ${stdout.slice(-300)}`);
  return Number(match[1]);
}
