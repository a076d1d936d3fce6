/**
 * What the outbox reports through `onEvent`. No event ever holds a secret.
 */
import type { JobState, OutboxStats } from './job.ts';

/** Fields every event about one job carries. */
export interface JobEventFields {
  readonly jobId: string;
  readonly operator: string;
  readonly action: 'win' | 'refund' | 'rollback-win';
  readonly transactionId: string;
  readonly roundId: string;
  /** Attempts made so far, this one included. */
  readonly attempt: number;
  /** Milliseconds the attempt took, from the send to the settled row (absent on `lease-lost`). */
  readonly durationMs?: number;
}

/** Everything `onEvent` is told. */
export type OutboxEvent =
  /** The database the outbox opened: for an embedded PGlite, the data directory on disk. */
  | { readonly type: 'database'; readonly kind: 'pglite' | 'postgres'; readonly dataDir?: string }
  /** A job got its answer and left the queue (`delivered`, `refused` or `dead`). */
  | (JobEventFields & {
      readonly type: 'settled';
      readonly state: Exclude<JobState, 'pending' | 'resolved'>;
      readonly status: number;
      /** Why, in words (a 406 on a refund: nothing is owed). */
      readonly reason: string;
    })
  /** An attempt failed and the job waits `retryInMs` before the next one (at about `nextAttemptAt`). */
  | (JobEventFields & {
      readonly type: 'retry';
      readonly state: 'pending';
      readonly status?: number;
      readonly error: string;
      readonly retryInMs: number;
      /** When the next attempt is due (ISO 8601, by this process's clock). */
      readonly nextAttemptAt: string;
    })
  /** The operator answered 403: the signature did not match. People fix the secret; the job keeps trying. */
  | (JobEventFields & {
      readonly type: 'forbidden';
      readonly state: 'pending';
      readonly retryInMs: number;
      /** When the next attempt is due (ISO 8601, by this process's clock). */
      readonly nextAttemptAt: string;
    })
  /** A delivery finished after its lease ran out; another worker holds the job now, this answer was dropped. */
  | (JobEventFields & { readonly type: 'lease-lost' })
  /** Queue depth and the oldest pending job's age, raised every `statsIntervalMs` while started. */
  | ({ readonly type: 'stats' } & OutboxStats)
  /**
   * A background failure (the database is down, …); the worker keeps going. For a failed claim,
   * `retryInMs` is the wait before the next one: `pollMs`, doubling while it keeps failing, up to 30 s.
   */
  | { readonly type: 'error'; readonly error: unknown; readonly retryInMs?: number };

/** Calls `onEvent`, ignoring what it throws. */
export function emitter(onEvent: ((event: OutboxEvent) => void) | undefined): (event: OutboxEvent) => void {
  return (event) => {
    try {
      onEvent?.(event);
    } catch {
      // a hook's failure never stops a delivery
    }
  };
}
