/**
 * The background worker: claims due jobs up to its concurrency, sends each once, and
 * writes what the answer means — delivered, refused, dead, or the next attempt's time.
 */
import { randomBytes } from 'node:crypto';
import type { WorkSpan, WorkTelemetry } from '@tbb-wallet/core';
import type { Queryable } from './database.ts';
import { OutboxDatabaseError } from './errors.ts';
import type { JobEventFields, OutboxEvent } from './events.ts';
import type { WorkerSettings } from './options.ts';
import type { AttemptOutcome } from './outcome.ts';
import { deliveredOutcome, failedOutcome } from './outcome.ts';
import type { ClaimedJob, Settlement } from './queue-table.ts';
import { claimJobs, settleJob } from './queue-table.ts';
import { forbiddenDelay, nextDelay } from './schedule.ts';
import type { SendAttempt } from './send-attempt.ts';

/** What a worker needs. */
export interface WorkerDeps {
  readonly db: Queryable;
  readonly send: SendAttempt;
  readonly settings: WorkerSettings;
  readonly workerId: string;
  /** The operators this worker sends to; it claims only their jobs. */
  readonly operators: readonly string[];
  readonly emit: (event: OutboxEvent) => void;
  /** Raises a `stats` event. */
  readonly reportStats: () => Promise<void>;
  /** A span per delivery, when the outbox was given `telemetry`. */
  readonly telemetry?: WorkTelemetry | undefined;
}

/** A started/stopped worker loop. */
export interface Worker {
  start(): void;
  /** Picks no new job, waits for the deliveries in flight to be written, then resolves. */
  stop(): Promise<void>;
  /** Looks for due jobs now (an enqueue in this process). */
  wake(): void;
}

/** Creates the worker loop of one outbox. */
export function createWorker(deps: WorkerDeps): Worker {
  const { settings } = deps;
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let statsTimer: ReturnType<typeof setInterval> | undefined;
  let wakeUp: (() => void) | undefined;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function run(): Promise<void> {
    let failedClaims = 0;
    while (running) {
      const free = settings.concurrency - inFlight.size;
      let claimed: ClaimedJob[] = [];
      let waitMs = settings.pollMs;
      if (free > 0) {
        try {
          const token = randomBytes(8).toString('hex');
          claimed = await claimJobs(deps.db, free, settings.leaseMs, deps.workerId, token, deps.operators);
          failedClaims = 0;
        } catch (error) {
          // A failing database is reported at a doubling interval, not once every poll.
          waitMs = claimBackoff(settings.pollMs, failedClaims++);
          deps.emit({ type: 'error', error: asWorkerError('could not claim jobs', error), retryInMs: waitMs });
        }
      }
      for (const job of claimed) {
        // Whatever else fails in a delivery is reported, never an unhandled rejection that ends the
        // process; the job is not settled, so its lease runs out and it is sent again.
        const failed = (error: unknown) =>
          deps.emit({ type: 'error', error: asWorkerError(`could not deliver job ${job.id}`, error) });
        const delivery = deliver(deps, job)
          .catch(failed)
          .finally(() => {
            inFlight.delete(delivery);
            wakeUp?.();
          });
        inFlight.add(delivery);
      }
      // A full batch may mean more are due: look again at once, when a slot is free.
      if (claimed.length > 0 && claimed.length === free && inFlight.size < settings.concurrency) continue;
      if (running) await wait(waitMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
      statsTimer = setInterval(() => void deps.reportStats().catch(() => {}), settings.statsIntervalMs);
      statsTimer.unref?.();
    },
    async stop() {
      running = false;
      if (statsTimer) clearInterval(statsTimer);
      wakeUp?.();
      await loop;
      await Promise.all([...inFlight]);
    },
    wake() {
      wakeUp?.();
    },
  };
}

/** Sends one claimed job and writes the result; failures to write are reported, and the lease hands the job on. */
async function deliver(deps: WorkerDeps, job: ClaimedJob): Promise<void> {
  const known = { action: job.action, transaction_id: job.transactionId, attempt: job.attempts };
  const span = deps.telemetry?.start(`outbox deliver ${job.action}`, known);
  return span ? span.within(() => deliverJob(deps, job, span)) : deliverJob(deps, job, undefined);
}

async function deliverJob(deps: WorkerDeps, job: ClaimedJob, span: WorkSpan | undefined): Promise<void> {
  const started = performance.now();
  let outcome: AttemptOutcome;
  try {
    outcome = deliveredOutcome(await deps.send(job.operator, job.action, job.body));
  } catch (error) {
    outcome = failedOutcome(job.action, error);
  }
  const { settlement, event } = settlementOf(deps.settings, job, outcome);
  const base = {
    jobId: job.id,
    operator: job.operator,
    action: job.action,
    transactionId: job.transactionId,
    roundId: job.roundId,
    attempt: job.attempts,
  };
  try {
    const written = await settleJob(deps.db, job, settlement);
    const settled: OutboxEvent = written
      ? { ...base, ...event, durationMs: performance.now() - started }
      : { ...base, type: 'lease-lost' };
    deps.emit(settled);
    span?.end(
      { action: job.action, transaction_id: job.transactionId, attempt: job.attempts, ...statusOf(settled) },
      undefined,
    );
  } catch (error) {
    const what = `could not write the outcome of job ${job.id} (the lease hands it on: it is sent again, and the operator answers a resend as the first)`;
    const reported = asWorkerError(what, error);
    deps.emit({ type: 'error', error: reported });
    span?.end({ action: job.action, transaction_id: job.transactionId, attempt: job.attempts }, reported);
  }
}

/** The HTTP status and job state a delivery span reports. */
function statusOf(event: OutboxEvent): { status?: number; state?: string } {
  if (event.type === 'settled') return { status: event.status, state: event.state };
  if (event.type === 'retry')
    return event.status === undefined ? { state: 'pending' } : { status: event.status, state: 'pending' };
  if (event.type === 'forbidden') return { status: 403, state: 'pending' };
  return { state: 'lease-lost' };
}

/** The wait after the `failures + 1`-th claim failed in a row: `pollMs`, doubling, up to 30 s (or `pollMs` if longer). */
function claimBackoff(pollMs: number, failures: number): number {
  return Math.max(pollMs, Math.min(pollMs * 2 ** failures, 30_000));
}

/** A database failure, saying what the worker was doing; other errors as they are. */
function asWorkerError(what: string, error: unknown): unknown {
  if (!(error instanceof OutboxDatabaseError)) return error;
  return new OutboxDatabaseError(`outbox worker: ${what}: ${error.message}`, {
    cause: error.cause ?? error,
    mayHaveCommitted: error.mayHaveCommitted,
  });
}

type JobEvent = Extract<OutboxEvent, { type: 'settled' | 'retry' | 'forbidden' }>;
/** A job event without the fields every job event carries. */
type EventBody = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, keyof JobEventFields> : never) : never;

/** The row update and the event of an attempt's outcome. */
function settlementOf(
  settings: WorkerSettings,
  job: ClaimedJob,
  outcome: AttemptOutcome,
): { settlement: Settlement; event: EventBody } {
  if (outcome.kind === 'settled') {
    const note =
      outcome.state === 'refused' && job.action === 'refund' && outcome.status === 406 ? outcome.reason : null;
    return {
      settlement: { state: outcome.state, status: outcome.status, answer: outcome.answer, error: null, note },
      event: { type: 'settled', state: outcome.state, status: outcome.status, reason: outcome.reason },
    };
  }
  const status = outcome.status ?? null;
  const answer = outcome.answer ?? null;
  const delayMs =
    outcome.kind === 'forbidden'
      ? forbiddenDelay(settings.backoff, job.ageMs)
      : nextDelay(settings.backoff, job.ageMs, job.attempts);
  if (delayMs === undefined) {
    const reason = `the retry schedule ran out after ${job.attempts} attempts; last failure: ${outcome.error}`;
    return {
      settlement: { state: 'dead', status, answer, error: outcome.error, note: null },
      event: { type: 'settled', state: 'dead', status: status ?? 0, reason },
    };
  }
  const next = {
    state: 'pending',
    retryInMs: delayMs,
    nextAttemptAt: new Date(Date.now() + delayMs).toISOString(),
  } as const;
  return {
    settlement: { state: 'pending', delayMs, status, answer, error: outcome.error },
    event:
      outcome.kind === 'forbidden'
        ? { type: 'forbidden', ...next }
        : {
            type: 'retry',
            ...(outcome.status === undefined ? {} : { status: outcome.status }),
            error: outcome.error,
            ...next,
          },
  };
}
