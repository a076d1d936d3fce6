/** How the bench measures: candidates in alternating rounds; each ratio is per round, then median with min–max. */
import { fork } from 'node:child_process';
import { once } from 'node:events';
// @ts-expect-error autocannon 9 ships no types; the bench reads requests.total, latency, errors, timeouts, non2xx.
import autocannon from 'autocannon';
import { measure } from 'mitata';
import { cpuMeter } from './cpu-meter.ts';

/** The full run, or the quick one of `.ci/run` that only proves the bench runs (no warm-up round). */
export type Config = { readonly quick: boolean; readonly rounds: number; readonly seconds: number };
/** One round's figures of one candidate, e.g. `{ perSecond, p50, p99 }` or `{ µs }`. */
export type Sample = Record<string, number>;
export type Spread = { readonly median: number; readonly min: number; readonly max: number };
export type Goal = readonly ['≥' | '≤', number];
/** A row of the report, as data: `figure` of `subject` ÷ the same figure of `baseline`, and its goal if any. */
export type RatioRow = readonly [name: string, subject: string, baseline: string, figure: string, goal?: Goal];
export type Ratio = { readonly name: string; readonly goal?: Goal | undefined; readonly value: Spread };

export function spread(values: readonly number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, min: s[0]!, max: s.at(-1)! };
}

export const met = ({ goal, value }: Ratio) =>
  !goal || (goal[0] === '≥' ? value.median >= goal[1] : value.median <= goal[1]);

/** Each candidate once a round in rotating order, after a warm-up unless quick; a row naming one not run is dropped. */
export async function alternate(config: Config, candidates: Record<string, () => Promise<Sample>>, rows: RatioRow[]) {
  const names = Object.keys(candidates);
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = config.quick ? 0 : -1; round < config.rounds; round++) {
    for (const name of names.map((_, i) => names[(i + round + names.length) % names.length]!)) {
      const sample = await candidates[name]!();
      if (round >= 0) samples[name]!.push(sample);
    }
  }
  const ratios = rows.flatMap(([name, subject, baseline, figure, goal]): Ratio[] => {
    const [of, to] = [samples[subject], samples[baseline]];
    return of && to ? [{ name, goal, value: spread(of.map((s, i) => s[figure]! / to[i]![figure]!)) }] : [];
  });
  return { samples, ratios };
}

/** µs per call of a function (sync or async), by mitata: one round's sample. */
export const nsPerCall = async (config: Config, fn: () => unknown): Promise<Sample> => ({
  µs: (await measure(fn, { min_cpu_time: config.quick ? 20e6 : 300e6 })).avg / 1000,
});

export async function callsPerSecond(config: Config, inFlight: number, call: () => Promise<unknown>): Promise<Sample> {
  const started = performance.now();
  let done = 0;
  const loop = async () => {
    for (; performance.now() < started + config.seconds * 1000; done++) await call();
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return { perSecond: done / ((performance.now() - started) / 1000) };
}

export type Post = { body: string; headers: Record<string, string> };

/**
 * One autocannon round of POSTs (one body, or one per request); throws on any failed request. The CPU figures
 * are µs per request (see `cpuMeter`): the server's when its pid is given.
 */
export async function load(
  config: Config,
  url: string,
  connections: number,
  post: Post | (() => Post),
  serverPid?: number,
) {
  const next = post instanceof Function ? post : () => post;
  const options = { url, connections, duration: config.seconds, method: 'POST', ...next() };
  const requests = [{ method: 'POST', setupRequest: (req: object) => ({ ...req, ...next() }) }];
  const meter = cpuMeter(serverPid);
  const result = await autocannon(post instanceof Function ? { ...options, requests } : options);
  const [cpu, total] = [meter.stop(result.requests.total), result.requests.total];
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) throw new Error(`${failed} of ${total} requests to ${url} failed`);
  return { perSecond: total / result.duration, p50: result.latency.p50, p99: result.latency.p99, ...cpu };
}

/** Starts serve.ts in its own process (packages from their dist) and resolves with its URL and a stop. */
export async function startServer(kind: string, env: Record<string, string> = {}) {
  const options = { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } };
  const child = fork(new URL('./serve.ts', import.meta.url), [kind], options);
  const exited = once(child, 'exit');
  const [{ port }] = await Promise.race([once(child, 'message'), exited.then(() => [{}])]);
  if (!port) throw new Error(`bench server "${kind}" exited (${child.exitCode}) before listening`);
  const stop = async () => {
    if (child.exitCode === null) child.send('stop');
    await exited;
  };
  return { url: `http://127.0.0.1:${port}/wallet`, pid: child.pid!, stop };
}
