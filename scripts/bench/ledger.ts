/**
 * The ledger beside pgbench on DATABASE_URL, alternated, in one scratch schema (pgbench's
 * tables too, through PGOPTIONS) dropped at the end: `pgbench -b simple-update`, pgbench
 * on the ledger's own SQL (ledger-win.sql), fresh signed wins through handler + ledger over
 * HTTP, and the same on PGlite.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { signedPost, winRequest } from './fixtures.ts';
import { alternate, type Config, load, type Sample, startServer } from './measure.ts';
import { httpColumns, type Section, sampleTable } from './report.ts';

const run = promisify(execFile);
const title = 'Ledger';
const script = fileURLToPath(new URL('./ledger-win.sql', import.meta.url));
/** autocannon's connections: as many calls in flight as pgbench's `-c 8`, none waiting for the pool of 10. */
const inFlight = 8;

/** True when pgbench is on PATH (Debian: postgresql-client, or /usr/lib/postgresql/15/bin). */
const hasPgbench = () =>
  run('pgbench', ['--version']).then(
    () => true,
    () => false,
  );

/** One pgbench run in the scratch schema: TPS, and p50/p99 from its per-transaction log (µs in column 3). */
async function pgbench(env: NodeJS.ProcessEnv, seconds: number, args: string[]): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'tbb-pgbench-'));
  try {
    const common = ['-n', '-c', '8', '-j', '2', '-T', String(seconds), '-l', `--log-prefix=${join(dir, 'tx')}`];
    const { stdout } = await run('pgbench', [...args, ...common, process.env.DATABASE_URL!], { env });
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    if (!(tps > 0)) throw new Error(`pgbench printed no TPS:\n${stdout}`);
    const logs = await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), 'utf8')));
    const us = logs
      .join('')
      .trim()
      .split('\n')
      .map((line) => Number(line.split(' ')[2]));
    us.sort((x, y) => x - y);
    return {
      perSecond: tps,
      p50: us[Math.floor(us.length * 0.5)]! / 1000,
      p99: us[Math.floor(us.length * 0.99)]! / 1000,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the ledger section, or says why it cannot. */
export async function ledger(config: Config): Promise<Section> {
  const url = process.env.DATABASE_URL;
  const skipped = !url ? 'DATABASE_URL is not set' : !(await hasPgbench()) ? 'pgbench is not on PATH' : '';
  if (!url || skipped) return { title, what: '', ratios: [], skipped };
  const schema = `tbb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const env = { ...process.env, PGOPTIONS: `-c search_path=${schema}` };
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const servers = [startServer('ledger-pg', { BENCH_LEDGER_URL: scoped.href })];
  // PGlite takes seconds to start (half a minute on a loaded machine): the quick run leaves it out.
  if (!config.quick) servers.push(startServer('ledger-pglite'));
  try {
    const [onPg, onPglite] = await Promise.all(servers);
    await admin.query(`INSERT INTO ${schema}.ledger_players (player_id, currency_code, balance, opening_balance)
      SELECT g::text, 'EUR', 0, 0 FROM generate_series(1, 1000) AS g`);
    await run('pgbench', ['-i', '-q', '-I', 'dtGp', url], { env });
    const seconds = Math.max(1, Math.round(config.seconds));
    const prefix = randomBytes(4).toString('hex');
    let n = 0;
    const wins = () => signedPost(winRequest(`${prefix}-${++n}`, String(1 + (n % 1000))));
    const candidates: Record<string, () => Promise<Sample>> = {
      simpleUpdate: () => pgbench(env, seconds, ['-b', 'simple-update']),
      ledgerSql: () => pgbench(env, seconds, ['-f', script, '-M', 'simple']),
      wins: () => load({ ...config, seconds }, onPg!.url, inFlight, wins),
    };
    if (onPglite) candidates.pglite = () => load({ ...config, seconds }, onPglite.url, inFlight, wins);
    const { samples, ratios } = await alternate({ ...config, seconds }, candidates, [
      ['Ledger: wins/s ÷ pgbench simple-update TPS', 'wins', 'simpleUpdate', 'perSecond', ['≥', 0.8]],
      ['Ledger: pgbench on our SQL ÷ simple-update (the database)', 'ledgerSql', 'simpleUpdate', 'perSecond'],
      ['Ledger: wins/s ÷ pgbench on our SQL (Node, driver, handler)', 'wins', 'ledgerSql', 'perSecond'],
      ['Ledger on PGlite: wins/s ÷ pgbench simple-update TPS', 'pglite', 'simpleUpdate', 'perSecond'],
    ]);
    const labels = {
      simpleUpdate: '`pgbench -b simple-update` (TPS)',
      ledgerSql: '`pgbench -f ledger-win.sql -M simple`, the ledger’s two round trips for a win (TPS)',
      wins: 'handler + ledger on PostgreSQL, over HTTP (wins/s)',
      pglite: 'handler + ledger on PGlite in memory, over HTTP (wins/s)',
    };
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.ledger_transactions`);
    return {
      title,
      what:
        `pgbench (\`-n -c ${inFlight} -j 2 -T ${seconds}\`, latency from its per-transaction log) and autocannon ` +
        `(${inFlight} connections, signed wins with fresh ids over 1,000 players added first) against ` +
        '`toNodeListener(createWalletHandler({ wallet: createLedger(…).wallet }))` in its own process (the ' +
        'ledger’s default pool of 10; on PGlite, players auto-created), all on the local ' +
        `server in the scratch schema \`${schema}\`, dropped afterwards. ${rows[0].n} rows were in ` +
        '`ledger_transactions` at the end (the wins over HTTP and pgbench’s runs of ledger-win.sql).',
      table: sampleTable(samples, httpColumns, labels),
      ratios,
    };
  } finally {
    await Promise.all(servers.map((s) => s.then((server) => server.stop()).catch(() => {})));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
