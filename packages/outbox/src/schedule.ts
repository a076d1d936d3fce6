/**
 * The retry schedule: capped exponential backoff within each phase, jittered, then `dead`.
 */
import type { Backoff } from './options.ts';

/**
 * The delay before the next attempt of a job `ageMs` old (since it was enqueued or last
 * `retry()`ed) that has failed `attempts` times, or `undefined` when its schedule has
 * run out. The delay is `min(maxDelayMs, minDelayMs × 2^(attempts−1))` of the phase the
 * age falls in, jittered to between half and all of it ("equal jitter"), so a fleet of
 * workers that failed together does not retry together.
 */
export function nextDelay(backoff: Backoff, ageMs: number, attempts: number, random = Math.random): number | undefined {
  const phase = backoff.phases.find((p) => ageMs < p.untilMs);
  if (!phase) return undefined;
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const delay = Math.min(phase.maxDelayMs, phase.minDelayMs * 2 ** exponent);
  return Math.round(delay / 2 + (random() * delay) / 2);
}

/** The delay after a 403, jittered like the others; `undefined` once the schedule has run out. */
export function forbiddenDelay(backoff: Backoff, ageMs: number, random = Math.random): number | undefined {
  const last = backoff.phases[backoff.phases.length - 1];
  if (!last || ageMs >= last.untilMs) return undefined;
  const delay = backoff.forbiddenDelayMs;
  return Math.round(delay / 2 + (random() * delay) / 2);
}
