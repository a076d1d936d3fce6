/**
 * What people do with the queue: list jobs, send one again, settle one by hand, read the
 * depth and age for alerts.
 */
import { assertKnownOptions } from '@tbb-wallet/core';
import type { Queryable } from './database.ts';
import { OutboxJobNotFoundError, OutboxJobStateError } from './errors.ts';
import type { Job, JobFilter, JobState, OutboxStats } from './job.ts';
import { jobColumns, toJob } from './job.ts';

const states: readonly JobState[] = ['pending', 'delivered', 'refused', 'dead', 'resolved'];

/** Every key of {@link JobFilter}: a misspelt one would list every job, not the ones asked for. */
const filterNames = {
  state: true,
  player_id: true,
  round_id: true,
  operator: true,
  limit: true,
} as const satisfies Record<keyof JobFilter, true>;

/** Jobs matching `filter`, oldest first. @throws TypeError on an unknown state or filter key. */
export async function listJobs(db: Queryable, filter: JobFilter = {}): Promise<Job[]> {
  assertKnownOptions('outbox.jobs', filter, filterNames);
  if (filter.state !== undefined && !states.includes(filter.state))
    throw new TypeError(`outbox.jobs: state must be one of ${states.join(', ')}; got ${JSON.stringify(filter.state)}.`);
  const limit = filter.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('outbox.jobs: limit must be a positive integer.');
  const { rows } = await db.query(
    `SELECT ${jobColumns} FROM tbb_outbox_jobs
      WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR player_id = $2)
        AND ($3::text IS NULL OR round_id = $3) AND ($4::text IS NULL OR operator = $4)
      ORDER BY id LIMIT $5`,
    [filter.state ?? null, filter.player_id ?? null, filter.round_id ?? null, filter.operator ?? null, limit],
  );
  return rows.map(toJob);
}

/** One job. @throws OutboxJobNotFoundError */
export async function getJob(db: Queryable, id: string): Promise<Job> {
  const { rows } = await db.query(`SELECT ${jobColumns} FROM tbb_outbox_jobs WHERE id = $1`, [jobId(id)]);
  if (!rows[0]) throw new OutboxJobNotFoundError(id);
  return toJob(rows[0]);
}

/**
 * Makes a job due now with a fresh retry schedule: a `dead` or `refused` one goes back to
 * `pending` (after a person fixed the cause), a `pending` one stops waiting out its delay.
 * @throws OutboxJobStateError for a `delivered` or `resolved` job, which is never sent again.
 */
export async function retryJob(db: Queryable, id: string): Promise<Job> {
  const { rows } = await db.query(
    `UPDATE tbb_outbox_jobs
        SET state = 'pending', next_at = now(), schedule_from = now(), settled_at = NULL,
            lease_until = CASE WHEN state = 'pending' THEN lease_until END,
            lease_token = CASE WHEN state = 'pending' THEN lease_token END
      WHERE id = $1 AND state IN ('pending', 'dead', 'refused') RETURNING id`,
    [jobId(id)],
  );
  if (rows.length === 0) {
    const job = await getJob(db, id);
    throw new OutboxJobStateError(id, job.state, 'a delivered or resolved job is never sent again');
  }
  return getJob(db, id);
}

/**
 * Settles a job by hand (`resolved`, with your note): a `dead` one someone paid another way,
 * a `refused` one looked at, or a `pending` one that must not be sent any more (an attempt
 * already in flight may still land; its answer is then dropped).
 * @throws TypeError without a note; OutboxJobStateError for a delivered or resolved job.
 */
export async function resolveJob(db: Queryable, id: string, note: string): Promise<Job> {
  if (typeof note !== 'string' || note.trim() === '')
    throw new TypeError('outbox.resolve needs a note saying how the job was settled.');
  const { rows } = await db.query(
    `UPDATE tbb_outbox_jobs
        SET state = 'resolved', note = $2, settled_at = now(), lease_until = NULL, lease_token = NULL
      WHERE id = $1 AND state IN ('pending', 'dead', 'refused') RETURNING id`,
    [jobId(id), note],
  );
  if (rows.length === 0) {
    const job = await getJob(db, id);
    throw new OutboxJobStateError(id, job.state, 'only a pending, dead or refused job can be resolved');
  }
  return getJob(db, id);
}

/** Depth, due count, oldest pending age and counts per state. */
export async function readStats(db: Queryable): Promise<OutboxStats> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
            count(*) FILTER (WHERE state = 'pending' AND next_at <= now())::int AS due,
            coalesce(extract(epoch FROM now() - min(enqueued_at) FILTER (WHERE state = 'pending')) * 1000, 0)::float8 AS oldest,
            count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE state = 'refused')::int AS refused,
            count(*) FILTER (WHERE state = 'dead')::int AS dead,
            count(*) FILTER (WHERE state = 'resolved')::int AS resolved
       FROM tbb_outbox_jobs`,
  );
  const row = rows[0] ?? {};
  return {
    pending: Number(row.pending ?? 0),
    due: Number(row.due ?? 0),
    oldestPendingAgeMs: Math.max(0, Math.round(Number(row.oldest ?? 0))),
    delivered: Number(row.delivered ?? 0),
    refused: Number(row.refused ?? 0),
    dead: Number(row.dead ?? 0),
    resolved: Number(row.resolved ?? 0),
  };
}

/** A job id as the database takes it. @throws OutboxJobNotFoundError for something that is no id. */
function jobId(id: string): string {
  const text = String(id);
  if (!/^\d{1,18}$/.test(text)) throw new OutboxJobNotFoundError(text);
  return text;
}
