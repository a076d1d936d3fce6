/**
 * A job as `jobs()` answers it, and the queue's statistics.
 */

/**
 * Where a job is:
 * - `pending`: waiting for its next attempt (or being delivered),
 * - `delivered`: the operator answered 200,
 * - `refused`: a definitive protocol refusal (402, 404, 405, 406, 407, 408, 418), answer kept,
 * - `dead`: 400 or 413 (the same bytes will never be accepted), or the schedule ran out; a person must look,
 * - `resolved`: a person settled it by hand with `resolve(id, note)`.
 */
export type JobState = 'pending' | 'delivered' | 'refused' | 'dead' | 'resolved';

/** The actions the outbox delivers: the credits a provider owes and the rollback of a win. */
export type OutboxAction = 'win' | 'refund' | 'rollback-win';

/** One queued call and what became of it. */
export interface Job {
  readonly id: string;
  readonly operator: string;
  readonly action: OutboxAction;
  readonly transactionId: string;
  readonly playerId: string;
  readonly roundId: string;
  readonly amount: number;
  readonly state: JobState;
  /** Attempts made so far. */
  readonly attempts: number;
  /** The exact body sent on every attempt. */
  readonly body: string;
  readonly enqueuedAt: Date;
  /** When the next attempt is due (pending jobs). */
  readonly nextAttemptAt: Date;
  readonly lastAttemptAt: Date | null;
  /** The HTTP status of the last answer, when one arrived. */
  readonly lastStatus: number | null;
  /** Why the last attempt failed, when it did. */
  readonly lastError: string | null;
  /** The operator's last answer body, as received (the 200 body, or the refusal's `{ code, message }`). */
  readonly answer: string | null;
  readonly settledAt: Date | null;
  /** The note given to `resolve()`, or the outbox's own note (a 406 on a refund: nothing is owed). */
  readonly note: string | null;
  /** True for a refund refused 406: the operator never recorded the bet, so nothing is owed to the player. */
  readonly nothingOwed: boolean;
}

/** The filter of `jobs()`. */
export interface JobFilter {
  state?: JobState;
  player_id?: string;
  round_id?: string;
  operator?: string;
  /** At most this many, oldest first. Default 1000. */
  limit?: number;
}

/** Queue depth and age, for alerts. */
export interface OutboxStats {
  /** Jobs still `pending` (the queue's depth). */
  readonly pending: number;
  /** Pending jobs due now (not waiting out a backoff delay). */
  readonly due: number;
  /** Age of the oldest pending job in ms, 0 when none is pending. */
  readonly oldestPendingAgeMs: number;
  readonly delivered: number;
  readonly refused: number;
  readonly dead: number;
  readonly resolved: number;
}

/** The columns `jobs()` selects, typed alike on pg and PGlite. */
export const jobColumns = `id::text AS id, operator, action, transaction_id, player_id, round_id, amount::float8 AS amount,
  state, attempts, body, enqueued_at, next_at, last_attempt_at, last_status, last_error, answer, settled_at, note`;

/** A row of {@link jobColumns} as a {@link Job}. */
export function toJob(row: Record<string, unknown>): Job {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  const action = row.action as OutboxAction;
  return {
    id: String(row.id),
    operator: String(row.operator),
    action,
    transactionId: String(row.transaction_id),
    playerId: String(row.player_id),
    roundId: String(row.round_id),
    amount: Number(row.amount),
    state: row.state as JobState,
    attempts: Number(row.attempts),
    body: String(row.body),
    enqueuedAt: date(row.enqueued_at) as Date,
    nextAttemptAt: date(row.next_at) as Date,
    lastAttemptAt: date(row.last_attempt_at),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: (row.last_error as string | null) ?? null,
    answer: (row.answer as string | null) ?? null,
    settledAt: date(row.settled_at),
    note: (row.note as string | null) ?? null,
    nothingOwed: action === 'refund' && row.state === 'refused' && Number(row.last_status) === 406,
  };
}
