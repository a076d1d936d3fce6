/**
 * Section 5: wins per second through the handler and `@tbb-wallet/ledger` over HTTP,
 * on the local PostgreSQL (next to `pgbench -b simple-update`, alternated round by
 * round) and on PGlite. Every request is a new win (fresh transaction id, signed) for
 * one of 1,000 players, so each is a real credit and a real row.
 */
import type { BenchConfig } from './config.ts';
import { fixLines } from './fixes.ts';
import { signBody, winRequest } from './fixtures.ts';
import { profileServer } from './handler-http.ts';
import { type LoadOptions, type LoadRound, loadRound } from './http-load.ts';
import { benchDatabaseUrl } from './ledger-wallet.ts';
import { pgbenchTps, preparePgbench } from './pgbench.ts';
import { hotspotLines } from './profile.ts';
import { type Goal, met, notMeasured, type Section } from './section.ts';
import { type ServerProcess, startServer } from './server-process.ts';
import { alternate, fmt, fmtSpread, spread } from './stats.ts';

const title = '5. Ledger';
const rerun = 'npm run build && npx tsx scripts/bench/run.ts ledger';

/** A load of distinct signed wins: `<run>-<n>` transaction ids over 1,000 players. */
function freshWins(config: BenchConfig, url: string): LoadOptions {
  const run = Date.now().toString(36);
  let n = 0;
  return {
    url,
    connections: config.connections,
    ...(config.smoke ? { amount: 200 } : { duration: config.seconds }),
    next: () => {
      n++;
      const request = winRequest(`${run}-${n}`);
      request.player_id = `bench-${n % 1000}`;
      request.amount = 100;
      const body = JSON.stringify(request);
      return { body, headers: { 'content-type': 'application/json', 'x-request-sign': signBody(body) } };
    },
  };
}

const latency = (rounds: readonly LoadRound[]) => [
  fmtSpread(spread(rounds.map((r) => r.rps))),
  fmtSpread(spread(rounds.map((r) => r.p50)), 1),
  fmtSpread(spread(rounds.map((r) => r.p99)), 1),
];

/** Runs section 5. */
export async function ledger(config: BenchConfig): Promise<Section> {
  let pg: ServerProcess | undefined;
  try {
    await preparePgbench();
    pg = await startServer('ledger-pg', { env: { BENCH_DATABASE_URL: benchDatabaseUrl } });
  } catch (error) {
    await pg?.stop();
    return notMeasured(title, rerun, (error as Error).message);
  }
  const pgbenchSeconds = config.smoke ? 1 : 10;
  const onPg = await alternate(
    config.rounds,
    () => pgbenchTps(pgbenchSeconds),
    () => loadRound(freshWins(config, pg!.url)),
    !config.smoke,
  ).finally(() => pg!.stop());
  const pglite = await startServer('ledger-pglite');
  const onPglite: LoadRound[] = [];
  try {
    if (!config.smoke) await loadRound(freshWins(config, pglite.url));
    for (let i = 0; i < config.rounds; i++) onPglite.push(await loadRound(freshWins(config, pglite.url)));
  } finally {
    await pglite.stop();
  }
  const tps = spread(onPg.baseline);
  const winsPg = spread(onPg.subject.map((r) => r.rps));
  const winsPglite = spread(onPglite.map((r) => r.rps));
  const goals: Goal[] = [
    {
      name: 'wins/s on PostgreSQL ÷ pgbench TPS',
      value: winsPg.median / tps.median,
      target: 0.5,
      kind: 'at-least',
      unit: '×',
    },
  ];
  const notes = [
    `PGlite runs wins at ${fmt(winsPglite.median / tps.median, 2)}× the server's pgbench TPS; it is one embedded ` +
      'connection (WebAssembly, in the handler process), so the goal applies to the PostgreSQL server only.',
  ];
  if (!config.smoke && !goals.every(met)) {
    notes.push(
      'Goal missed. Self time of the handler + ledger process on PostgreSQL under one round (`node --cpu-prof`):',
    );
    const spots = await profileServer('ledger-pg', freshWins(config, ''), { BENCH_DATABASE_URL: benchDatabaseUrl });
    notes.push(...hotspotLines(spots), ...fixLines(spots));
  }
  return {
    title,
    what:
      `Signed wins sent by autocannon (${config.connections} connections) to \`toNodeListener(createWalletHandler({ wallet: ` +
      'createLedger(...).wallet }))` in its own process; each win has a fresh transaction id and goes to one of 1,000 ' +
      `players created on first sight. PostgreSQL: the local server, scratch database \`${new URL(benchDatabaseUrl).pathname.slice(1)}\`, ` +
      `the ledger's default pool. pgbench: \`-b simple-update -T ${pgbenchSeconds} -c 8 -j 2\` on the same database, alternated with the ledger rounds.`,
    rerun,
    tables: [
      {
        header: ['run', 'per second', 'p50 ms', 'p99 ms'],
        rows: [
          ['pgbench simple-update (TPS)', fmtSpread(tps), '—', '—'],
          ['handler + ledger on PostgreSQL (wins)', ...latency(onPg.subject)],
          ['handler + ledger on PGlite, in memory (wins)', ...latency(onPglite)],
        ],
      },
    ],
    goals,
    notes,
  };
}
