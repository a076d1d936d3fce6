/**
 * The options of {@link createOutbox} and their documented defaults.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { ClientTelemetry, Secret, WorkTelemetry } from '@tbb-wallet/core';
import { maxTimerMs, timerBoundMessage } from '@tbb-wallet/core';
import type pg from 'pg';
import type { defaultDatabaseTimeouts, OutboxDatabaseTimeouts } from './database-timeouts.ts';
import type { OutboxEvent } from './events.ts';
import type { OutboxStats } from './job.ts';

/** Spans of the deliveries, and the queue's gauges: what `outboxOpenTelemetry(api)` gives. */
export interface OutboxTelemetry extends WorkTelemetry {
  /**
   * The telemetry of each delivery's HTTP call (a call span and a CLIENT span under the
   * delivery's, and W3C `traceparent` to the operator), as `createWalletClient` takes it.
   */
  readonly client?: ClientTelemetry;
  /** Called once by `createOutbox` with a reader of the queue's statistics (a query), for gauges read when the meter collects. */
  watchQueue?(read: () => Promise<OutboxStats>): void;
}

/**
 * A secret, or a function answering the current one (called at every send, so a rotation reaches
 * waiting jobs). A function that does not answer within `timeoutMs` fails that attempt, retried on the schedule.
 */
export type SecretSource = Secret | (() => Secret | Promise<Secret>);

/** One operator's wallet: where to send and what to sign with. */
export interface OperatorWallet {
  /** The operator's full wallet URL, path included. */
  baseUrl: string | URL;
  /** The shared secret, or a function answering the current one. Never logged or stored. */
  secret: SecretSource;
  /** A fetch to send with instead of the client's `node:http` transport (see the client's README on 407). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Where the queue's table lives:
 * - a `postgres://` / `postgresql://` connection string (the outbox makes and ends its pool),
 * - a pg `Pool` (yours: `close()` leaves it open),
 * - a PGlite instance (yours),
 * - any other string, or `{ dataDir }`: an embedded PGlite kept in that directory;
 * - omitted: an embedded PGlite in `./.tbb-outbox`; given as `undefined` (`process.env.DATABASE_URL`
 *   unset): a TypeError, not that directory.
 */
export type OutboxDatabase = string | pg.Pool | PGlite | { dataDir: string };

/**
 * The longest delay a schedule may set, in ms (365 days): a later time could not be written on
 * the job (beyond JavaScript's dates and PostgreSQL's timestamps), and the job would be sent again
 * at every lease instead of waiting.
 */
export const maxBackoffDelayMs = 365 * 24 * 3_600_000;

/**
 * One phase of the retry schedule: until the job is `untilMs` old, wait between `minDelayMs` and
 * `maxDelayMs` (each at most {@link maxBackoffDelayMs}).
 */
export interface BackoffPhase {
  /** The phase ends when the job has waited this long since it was enqueued (or last `retry()`ed), in ms. */
  untilMs: number;
  /** The delay before the first retry of this phase, in ms; it doubles on every retry, up to `maxDelayMs`. */
  minDelayMs: number;
  /** The cap of the phase's delay, in ms. */
  maxDelayMs: number;
}

/** The retry schedule: phases in order, then `dead`. Every delay is jittered to between half and all of itself. */
export interface Backoff {
  /** The phases, shortest first; after the last one ends, a job that still failed is `dead`. */
  phases: readonly BackoffPhase[];
  /** The delay after a 403 (wrong secret), whatever the phase, in ms. */
  forbiddenDelayMs: number;
}

/**
 * The default schedule: seconds for the first minute (1 s doubling to 10 s), every minute
 * for the first hour, every 10 minutes up to 24 hours, then `dead`. A 403 is retried every minute.
 */
export const defaultBackoff: Readonly<Backoff> = Object.freeze({
  phases: Object.freeze([
    { untilMs: 60_000, minDelayMs: 1000, maxDelayMs: 10_000 },
    { untilMs: 3_600_000, minDelayMs: 60_000, maxDelayMs: 60_000 },
    { untilMs: 86_400_000, minDelayMs: 600_000, maxDelayMs: 600_000 },
  ]),
  forbiddenDelayMs: 60_000,
});

/** The worker defaults. */
export const defaultWorker = Object.freeze({
  /** The time one attempt may take, in ms. */
  timeoutMs: 10_000,
  /** How long a claimed job is held by its worker before another may take it, in ms (must exceed `timeoutMs`). */
  leaseMs: 60_000,
  /** Deliveries in flight at once in one process. */
  concurrency: 8,
  /** How often an idle worker looks for due jobs, in ms (an `enqueue` in the same process wakes it at once). */
  pollMs: 1000,
  /** How often a `stats` event (depth, oldest pending age) is raised while started, in ms. */
  statsIntervalMs: 30_000,
});

/** The options of {@link createOutbox}. */
export interface OutboxOptions {
  /**
   * The operator to deliver to, or a map of named operators (`{ casinoA: { baseUrl, secret }, … }`);
   * with a map, every `enqueue` names its operator. Without it the outbox only inspects and
   * manages jobs (`jobs`, `retry`, `resolve`, `stats`): `start` and `enqueue` need a wallet.
   */
  wallet?: OperatorWallet | Readonly<Record<string, OperatorWallet>>;
  /** Where the jobs are kept; see {@link OutboxDatabase}. Default: PGlite in `./.tbb-outbox`. */
  database?: OutboxDatabase;
  /**
   * How long to wait for a PostgreSQL `database` before an operation fails with
   * `OutboxDatabaseError` (an `enqueue` never hangs a game round; a worker's claim or settle is
   * reported and tried again). Default {@link defaultDatabaseTimeouts}: acquireMs 2000,
   * statementMs 2000, queryMs 2500. `migrate()` allows 30 s for its statements.
   */
  databaseTimeouts?: Partial<OutboxDatabaseTimeouts>;
  /** The retry schedule; default {@link defaultBackoff}. */
  backoff?: Partial<Backoff>;
  /** The time one attempt may take, in ms. Default 10000. */
  timeoutMs?: number;
  /** How long a worker holds a claimed job, in ms; must be larger than `timeoutMs`. Default 60000. */
  leaseMs?: number;
  /** Deliveries in flight at once in this process. Default 8. */
  concurrency?: number;
  /** How often an idle worker polls for due jobs, in ms. Default 1000. */
  pollMs?: number;
  /** How often a `stats` event is raised while started, in ms. Default 30000. */
  statsIntervalMs?: number;
  /** This worker's name in the `leased_by` column. Default: host name, pid and a random suffix. */
  workerId?: string;
  /**
   * Every delivery, retry, refusal, death, 403, statistic and background error. Errors it throws
   * are ignored. While the database fails, a worker reports each failed claim, with the claims
   * spaced `pollMs` doubling up to 30 s (`retryInMs` on the event), not one every poll.
   */
  onEvent?: (event: OutboxEvent) => void;
  /**
   * A span per delivery and gauges of the queue's depth and oldest pending age:
   * `outboxOpenTelemetry(api)` from `@tbb-wallet/outbox/opentelemetry`, or your own
   * {@link OutboxTelemetry}, whose methods must not throw.
   */
  telemetry?: OutboxTelemetry;
}

/** The name a single operator gets when `wallet` is not a map. */
export const defaultOperator = 'default';

/** Resolved worker settings. */
export interface WorkerSettings {
  readonly timeoutMs: number;
  readonly leaseMs: number;
  readonly concurrency: number;
  readonly pollMs: number;
  readonly statsIntervalMs: number;
  readonly backoff: Backoff;
}

/**
 * Every setting with its default, checked. @throws RangeError naming the option out of range (a timer's —
 * `timeoutMs`, `pollMs`, `statsIntervalMs` — above 2^31−1 ms included: Node fires a longer one after 1 ms).
 */
export function resolveSettings(options: OutboxOptions): WorkerSettings {
  const settings = {
    timeoutMs: options.timeoutMs ?? defaultWorker.timeoutMs,
    leaseMs: options.leaseMs ?? defaultWorker.leaseMs,
    concurrency: options.concurrency ?? defaultWorker.concurrency,
    pollMs: options.pollMs ?? defaultWorker.pollMs,
    statsIntervalMs: options.statsIntervalMs ?? defaultWorker.statsIntervalMs,
    backoff: { ...defaultBackoff, ...options.backoff },
  };
  for (const key of ['timeoutMs', 'leaseMs', 'pollMs', 'statsIntervalMs'] as const) {
    if (!(settings[key] > 0)) throw new RangeError(`createOutbox: ${key} must be a number greater than 0.`);
  }
  // Timers: Node fires a longer one after 1 ms (an attempt timed out at once, a poll or stats query every ms).
  for (const key of ['timeoutMs', 'pollMs', 'statsIntervalMs'] as const) {
    if (settings[key] > maxTimerMs) throw new RangeError(timerBoundMessage(`createOutbox: ${key}`, settings[key]));
  }
  if (!Number.isInteger(settings.concurrency) || settings.concurrency < 1)
    throw new RangeError('createOutbox: concurrency must be an integer of at least 1.');
  if (settings.leaseMs <= settings.timeoutMs)
    throw new RangeError(
      'createOutbox: leaseMs must be larger than timeoutMs, or another worker takes a job still being delivered.',
    );
  const { phases, forbiddenDelayMs } = settings.backoff;
  if (phases.length === 0) throw new RangeError('createOutbox: backoff.phases needs at least one phase.');
  for (const [i, phase] of phases.entries()) {
    if (!(phase.untilMs > 0 && phase.minDelayMs >= 0 && phase.maxDelayMs >= phase.minDelayMs))
      throw new RangeError(`createOutbox: backoff.phases[${i}] needs untilMs > 0 and 0 ≤ minDelayMs ≤ maxDelayMs.`);
    if (!(phase.maxDelayMs <= maxBackoffDelayMs))
      throw new RangeError(
        `createOutbox: backoff.phases[${i}].maxDelayMs must be at most ${maxBackoffDelayMs} ms (365 days): a later time cannot be written on a job.`,
      );
  }
  if (!(forbiddenDelayMs >= 0 && forbiddenDelayMs <= maxBackoffDelayMs))
    throw new RangeError(
      `createOutbox: backoff.forbiddenDelayMs must be from 0 to ${maxBackoffDelayMs} ms (365 days): a later time cannot be written on a job.`,
    );
  return settings;
}

/** The operators by name; a single wallet is named {@link defaultOperator}. @throws TypeError on a bad entry. */
export function resolveOperators(wallet: OutboxOptions['wallet']): ReadonlyMap<string, OperatorWallet> {
  if (wallet === undefined) return new Map();
  if (wallet === null || typeof wallet !== 'object')
    throw new TypeError('createOutbox needs `wallet`: { baseUrl, secret } or a map of named operators.');
  const entries: [string, OperatorWallet][] =
    'baseUrl' in wallet ? [[defaultOperator, wallet as OperatorWallet]] : Object.entries(wallet);
  if (entries.length === 0) throw new TypeError('createOutbox: `wallet` names no operator.');
  for (const [name, operator] of entries) {
    if (!operator || typeof operator !== 'object' || !operator.baseUrl || !operator.secret)
      throw new TypeError(`createOutbox: operator "${name}" needs a baseUrl and a secret.`);
  }
  return new Map(entries);
}
