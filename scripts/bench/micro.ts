/**
 * In-process timing with mitata's `measure`: candidates measured in turn, round after
 * round, so each round's noise hits all of them. Figures are ns per call.
 */
import { measure } from 'mitata';
import type { BenchConfig } from './config.ts';
import { type Spread, spread } from './stats.ts';

/** A function measured by the micro benches; it may be async. */
export type Candidate = () => unknown;

/** Measures each candidate `rounds` times, interleaved; returns ns/call per candidate (mean of each round). */
export async function microRounds(
  config: BenchConfig,
  candidates: Record<string, Candidate>,
): Promise<Record<string, Spread>> {
  const names = Object.keys(candidates);
  const perRound: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const options = config.smoke ? { min_cpu_time: 5e6, min_samples: 3 } : { min_cpu_time: 400e6 };
  const rounds = config.smoke ? 1 : config.rounds + 1;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const stats = await measure(candidates[name]!, options);
      // The first full round warms every candidate up and is not recorded.
      if (config.smoke || round > 0) perRound[name]!.push(stats.avg);
    }
  }
  return Object.fromEntries(names.map((n) => [n, spread(perRound[n]!)]));
}
