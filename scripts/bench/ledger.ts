/** The ledger beside pgbench on DATABASE_URL, alternated, in one scratch schema dropped at the end. */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { cpuMeter } from './cpu-meter.ts';
import { driverFloor } from './driver-floor.ts';
import { signedPost, winRequest } from './fixtures.ts';
import { alternate, type Config, load, type Sample, startServer } from './measure.ts';
import { type Column, httpColumns, type Section, sampleTable } from './report.ts';
import { wrkFound, wrkLoad } from './wrk.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./ledger-win.sql', import.meta.url));
const labels = {
  simpleUpdate: '`pgbench -b simple-update` (TPS)',
  ledgerSql: '`pgbench -f ledger-win.sql -M simple`, the ledger’s two round trips for a win (TPS)',
  wins: 'handler + ledger on PostgreSQL, over HTTP (wins/s)',
  driverFloor: 'node-postgres alone sending those two round trips, no HTTP: the Node side’s floor (wins/s)',
  winsByAutocannon: 'the same, sent by autocannon instead of wrk (wins/s)',
  pglite: 'handler + ledger on PGlite in memory, over HTTP (wins/s)',
};
/** The HTTP figures, then whose CPU a transaction took: PostgreSQL's processes, the Node server, the load generator. */
const columns: Column[] = [
  ...httpColumns,
  ['PostgreSQL CPU µs', 'postgresCpu', 0],
  ['server CPU µs', 'serverCpu', 0],
  ['load generator CPU µs', 'generatorCpu', 0],
];
/** autocannon's connections: as many calls in flight as pgbench's `-c 8`, none waiting for the pool of 10. */
const inFlight = 8;

/** One pgbench run (its tables in the scratch schema through PGOPTIONS): TPS, p50 and p99 from its transaction log. */
async function pgbench(env: NodeJS.ProcessEnv, seconds: number, args: string[]): Promise<Sample> {
  const cwd = await mkdtemp(join(tmpdir(), 'tbb-pgbench-'));
  try {
    const options = ['-n', '-c', '8', '-j', '2', '-T', String(seconds), '-l', process.env.DATABASE_URL!];
    const meter = cpuMeter();
    const { stdout } = await run('pgbench', [...args, ...options], { env, cwd });
    const meterAt = meter.stop(1);
    const logs = await Promise.all((await readdir(cwd)).map((f) => readFile(join(cwd, f), 'utf8')));
    // One log line per transaction: `client transaction µs …`.
    const ms = [...logs.join('').matchAll(/^\d+ \d+ (\d+)/gm)].map((m) => Number(m[1]) / 1000).sort((a, b) => a - b);
    const quantile = (q: number) => ms[Math.floor(ms.length * q)]!;
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const cpu = Object.fromEntries(Object.entries(meterAt).map(([key, micros]) => [key, micros / ms.length]));
    return { perSecond: tps, p50: quantile(0.5), p99: quantile(0.99), ...cpu };
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

export async function ledger(config: Config): Promise<Section> {
  const [title, url] = ['Ledger', process.env.DATABASE_URL];
  const pgbenchFound = await run('pgbench', ['--version']).catch(() => undefined);
  const withWrk = await wrkFound();
  const skipped = !url ? 'DATABASE_URL is not set' : !pgbenchFound ? 'pgbench is not on PATH' : '';
  if (!url || skipped) return { title, ratios: [], skipped };
  const schema = `tbb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const PGOPTIONS = `-c search_path=${schema}`; // read by pgbench and by node-postgres
  const env = { ...process.env, PGOPTIONS };
  const pools: pg.Pool[] = [];
  const servers = [startServer('ledger-pg', { BENCH_LEDGER_URL: url, PGOPTIONS })];
  // PGlite takes seconds to start (half a minute on a loaded machine): the quick run leaves it out.
  if (!config.quick) servers.push(startServer('ledger-pglite'));
  try {
    const [onPg, onPglite] = await Promise.all(servers);
    await admin.query(`INSERT INTO ${schema}.ledger_players (player_id, currency_code, balance, opening_balance)
      SELECT g::text, 'EUR', 0, 0 FROM generate_series(1, 1000) AS g`);
    await run('pgbench', ['-i', '-q', '-I', 'dtGp', url], { env });
    const floorPool = new pg.Pool({ connectionString: url, options: PGOPTIONS, max: 10 });
    pools.push(floorPool);
    const round = { ...config, seconds: Math.max(1, Math.round(config.seconds)) };
    const win = () => signedPost(winRequest(randomUUID(), String(1 + Math.floor(Math.random() * 1000))));
    // Signed before the round, as pgbench draws its ids in C: the load generator's CPU is not the ledger's.
    const signedWins = () => Array.from({ length: 6000 * round.seconds }, win);
    type Server = { url: string; pid: number };
    const byAutocannon = (server: Server) => () => {
      const posts = signedWins();
      return load(round, server.url, inFlight, () => posts.pop() ?? win(), server.pid);
    };
    // wrk, in C like pgbench's client, where it is installed; autocannon, in JS, beside it for comparison.
    const send = withWrk
      ? (server: Server) => () => wrkLoad(round, server.url, inFlight, signedWins(), server.pid)
      : byAutocannon;
    const candidates: Record<string, () => Promise<Sample>> = {
      simpleUpdate: () => pgbench(env, round.seconds, ['-b', 'simple-update']),
      ledgerSql: () => pgbench(env, round.seconds, ['-f', script, '-M', 'simple']),
      wins: send(onPg!),
      driverFloor: () => driverFloor(round, floorPool, inFlight),
    };
    if (withWrk) candidates.winsByAutocannon = byAutocannon(onPg!);
    if (onPglite) candidates.pglite = send(onPglite);
    const { samples, ratios } = await alternate(round, candidates, [
      ['Ledger: wins/s ÷ pgbench simple-update TPS', 'wins', 'simpleUpdate', 'perSecond', ['≥', 0.8]],
      ['Ledger: pgbench on our SQL ÷ simple-update (the database)', 'ledgerSql', 'simpleUpdate', 'perSecond'],
      ['Ledger: wins/s ÷ pgbench on our SQL (Node, driver, handler)', 'wins', 'ledgerSql', 'perSecond'],
      [
        'Ledger: node-postgres alone ÷ pgbench simple-update TPS (the Node floor)',
        'driverFloor',
        'simpleUpdate',
        'perSecond',
      ],
      ['Ledger: server CPU per win ÷ node-postgres alone (handler, ledger, HTTP)', 'wins', 'driverFloor', 'serverCpu'],
      ['Ledger on PGlite: wins/s ÷ pgbench simple-update TPS', 'pglite', 'simpleUpdate', 'perSecond'],
      ['Ledger: wins/s by autocannon ÷ by wrk (load generator)', 'winsByAutocannon', 'wins', 'perSecond'],
      ['Ledger: machine CPU per win ÷ per simple-update transaction', 'wins', 'simpleUpdate', 'cpu'],
      ['Ledger: PostgreSQL CPU per win ÷ per simple-update transaction', 'wins', 'simpleUpdate', 'postgresCpu'],
    ]);
    const generator = withWrk ? {} : { wins: `${labels.wins}, sent by autocannon: wrk is not on PATH` };
    return { title, table: sampleTable(samples, columns, { ...labels, ...generator }), ratios };
  } finally {
    await Promise.all(servers.map((s) => s.then((server) => server.stop()).catch(() => {})));
    await Promise.all(pools.map((pool) => pool.end()));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
