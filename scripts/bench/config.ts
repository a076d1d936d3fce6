/** How long and how hard the benches run: the full run, or a smoke run that only proves they work. */

/** The knobs of a run. */
export interface BenchConfig {
  /** Measured rounds per side (after one warm-up round each). */
  readonly rounds: number;
  /** Seconds per HTTP round. */
  readonly seconds: number;
  /** Concurrent connections of the HTTP benches. */
  readonly connections: number;
  /** Smoke: a few hundred requests per round, no profiles, no goals judged. */
  readonly smoke: boolean;
}

/** The full run: 3 rounds of 5 s per side, 50 connections. `BENCH_ROUNDS` / `BENCH_SECONDS` override. */
export const fullRun: BenchConfig = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  seconds: Number(process.env.BENCH_SECONDS ?? 5),
  connections: 50,
  smoke: false,
};

/** The smoke run of the test suite: one short round, 10 connections. */
export const smokeRun: BenchConfig = { rounds: 1, seconds: 1, connections: 10, smoke: true };
