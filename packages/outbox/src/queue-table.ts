/**
 * The SQL of the queue: claim the heads of rounds under a lease with
 * `FOR UPDATE SKIP LOCKED`, and settle or reschedule a claimed job — only while its
 * lease is still this worker's.
 */
import type { Queryable } from './database.ts';
import type { OutboxAction } from './job.ts';

/** A job a worker holds: what it needs to send it, and the lease that lets it settle it. */
export interface ClaimedJob {
  readonly id: string;
  readonly operator: string;
  readonly action: OutboxAction;
  readonly transactionId: string;
  readonly roundId: string;
  readonly body: string;
  /** Attempts made, the one being made included. */
  readonly attempts: number;
  /** Time since `schedule_from` (enqueue or last retry()), in ms, by the database's clock. */
  readonly ageMs: number;
  readonly leaseToken: string;
}

/**
 * Claims up to `limit` due jobs of `operators` (the ones this worker can send to), each
 * the oldest pending job of its round, and leases
 * them for `leaseMs`. A job whose lease ran out (its worker died) is due again. Rows
 * another worker is claiming at the same moment are skipped, not waited for.
 */
export async function claimJobs(
  db: Queryable,
  limit: number,
  leaseMs: number,
  workerId: string,
  leaseToken: string,
  operators: readonly string[],
): Promise<ClaimedJob[]> {
  const { rows } = await db.query(
    `WITH next AS (
       SELECT j.id FROM tbb_outbox_jobs j
        WHERE j.state = 'pending' AND j.operator = ANY($5::text[]) AND j.next_at <= now() AND (j.lease_until IS NULL OR j.lease_until <= now())
          AND NOT EXISTS (
            SELECT 1 FROM tbb_outbox_jobs e
             WHERE e.state = 'pending' AND e.operator = j.operator AND e.round_id = j.round_id AND e.id < j.id)
        ORDER BY j.next_at, j.id
        LIMIT $1
        FOR UPDATE OF j SKIP LOCKED)
     UPDATE tbb_outbox_jobs j
        SET lease_until = now() + $2 * interval '1 millisecond', lease_token = $4 || '-' || j.id, leased_by = $3,
            attempts = j.attempts + 1, last_attempt_at = now()
       FROM next WHERE j.id = next.id
     RETURNING j.id::text AS id, j.operator, j.action, j.transaction_id, j.round_id, j.body, j.attempts, j.lease_token,
               (extract(epoch FROM now() - j.schedule_from) * 1000)::float8 AS age_ms`,
    [limit, leaseMs, workerId, leaseToken, operators],
  );
  return rows.map((row) => ({
    id: String(row.id),
    operator: String(row.operator),
    action: row.action as OutboxAction,
    transactionId: String(row.transaction_id),
    roundId: String(row.round_id),
    body: String(row.body),
    attempts: Number(row.attempts),
    ageMs: Number(row.age_ms),
    leaseToken: String(row.lease_token),
  }));
}

/** What to write on a claimed job after its attempt. */
export type Settlement =
  | {
      readonly state: 'delivered' | 'refused' | 'dead';
      readonly status: number | null;
      readonly answer: string | null;
      readonly error: string | null;
      readonly note: string | null;
    }
  | {
      readonly state: 'pending';
      readonly delayMs: number;
      readonly status: number | null;
      readonly answer: string | null;
      readonly error: string | null;
    };

/** Writes the attempt's result; false when the lease is no longer this worker's (nothing written). */
export async function settleJob(db: Queryable, job: ClaimedJob, settlement: Settlement): Promise<boolean> {
  const common = [job.id, job.leaseToken, settlement.status, settlement.answer, settlement.error];
  const { rows } =
    settlement.state === 'pending'
      ? await db.query(
          `UPDATE tbb_outbox_jobs
              SET next_at = now() + $6 * interval '1 millisecond', lease_until = NULL, lease_token = NULL,
                  last_status = $3, answer = coalesce($4, answer), last_error = $5
            WHERE id = $1 AND lease_token = $2 AND state = 'pending' RETURNING id`,
          [...common, settlement.delayMs],
        )
      : await db.query(
          `UPDATE tbb_outbox_jobs
              SET state = $6, settled_at = now(), lease_until = NULL, lease_token = NULL,
                  last_status = $3, answer = $4, last_error = $5, note = coalesce($7, note)
            WHERE id = $1 AND lease_token = $2 AND state = 'pending' RETURNING id`,
          [...common, settlement.state, settlement.note],
        );
  return rows.length === 1;
}
