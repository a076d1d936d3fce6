/**
 * wrk (C, Debian's `wrk`) as the load generator: signed POSTs from a file, each sent once. On a 2-core machine
 * the load generator's CPU is taken from the server under test; autocannon spends ~200 µs of it a request in JS
 * where pgbench's client, drawing its ids in C, spends a fraction, so wrk makes the ledger's wins/s a fair match.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuMeter } from './cpu-meter.ts';
import type { Config, Post, Sample } from './measure.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./wrk-posts.lua', import.meta.url));
const threads = 2;

/** Whether `wrk` is on PATH (it prints its usage and exits 1 when asked for its version). */
export const wrkFound = () =>
  run('wrk', ['--version']).then(
    () => true,
    (error: { stdout?: string }) => /^wrk /.test(error.stdout ?? ''),
  );

/**
 * One wrk round of the given posts, each sent at most once; throws on any failed request or if they run out.
 * The CPU figures are µs per request (see `cpuMeter`): the server's when its pid is given.
 */
export async function wrkLoad(
  config: Config,
  url: string,
  connections: number,
  posts: readonly Post[],
  serverPid?: number,
) {
  const dir = await mkdtemp(join(tmpdir(), 'tbb-wrk-'));
  try {
    const file = join(dir, 'posts.tsv');
    await writeFile(file, posts.map((p) => `${p.headers['x-request-sign']}\t${p.body}`).join('\n'));
    const args = [`-t${threads}`, `-c${connections}`, `-d${config.seconds}s`, '-s', script, url, '--', file];
    const meter = cpuMeter(serverPid);
    const { stdout } = await run('wrk', [...args, String(threads)]);
    const line = /tbb-wrk requests=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+) failed=(\d+) ran_out=(\d+)/;
    const [, total, micros, p50, p99, failed, ranOut] = (line.exec(stdout) ?? []).map(Number);
    if (total === undefined) throw new Error(`wrk printed no summary:\n${stdout}`);
    if (failed) throw new Error(`${failed} of ${total} requests to ${url} failed`);
    if (ranOut) throw new Error(`wrk sent all ${posts.length} signed posts and wanted ${ranOut} more: sign more`);
    const cpu = meter.stop(total);
    return { perSecond: total / (micros! / 1e6), p50: p50! / 1000, p99: p99! / 1000, ...cpu } as Sample;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
