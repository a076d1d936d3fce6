/**
 * The floor of the ledger's Node side: node-postgres sending `ledger-win.sql`'s two round trips itself, from
 * this process, as many at once as the HTTP rounds, no HTTP, no handler, no ledger. Its server CPU is this
 * process's: what the driver alone costs a win, which no change of ours can take below.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { cpuMeter } from './cpu-meter.ts';
import type { Config, Sample } from './measure.ts';

/** The two simple queries of `ledger-win.sql`, with pgbench's `:player` and `:tx` to fill in. */
const [read, write] = readFileSync(new URL('./ledger-win.sql', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('--') && !line.startsWith('\\'))
  .map((line) => line.replaceAll('\\;', ';'));
if (!read || !write) throw new Error('ledger-win.sql: expected two query lines');

const fill = (sql: string, player: string, tx: string) =>
  sql.replaceAll(':player::text', `'${player}'`).replaceAll(':tx::text', `'${tx}'`);

/** One round: `inFlight` loops over the pool, each win on a random one of the 1,000 players with a fresh id. */
export async function driverFloor(config: Config, pool: pg.Pool, inFlight: number): Promise<Sample> {
  const latencies: number[] = [];
  const meter = cpuMeter(process.pid);
  const started = performance.now();
  const until = started + config.seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const [player, tx, t0] = [String(1 + Math.floor(Math.random() * 1000)), randomUUID(), performance.now()];
      const client = await pool.connect();
      try {
        await client.query(fill(read!, player, tx));
        await client.query(fill(write!, player, tx));
      } finally {
        client.release();
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  const seconds = (performance.now() - started) / 1000;
  const cpu = meter.stop(latencies.length);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.floor(sorted.length * q)]!;
  // This process is the server; its loops are the load, counted there: no load generator of its own.
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), ...cpu, generatorCpu: 0 };
}
