export type { OutboxBetOptions, OutboxBetResult } from './bet-or-refund.ts';
export type { Outbox } from './create-outbox.ts';
export { createOutbox } from './create-outbox.ts';
export type { Queryable } from './database.ts';
export { defaultDataDir } from './database.ts';
export type { OutboxDatabaseTimeouts } from './database-timeouts.ts';
export { defaultDatabaseTimeouts } from './database-timeouts.ts';
export type { Enqueued, EnqueueOptions, OutboxRequest } from './enqueue.ts';
export {
  OutboxConflictError,
  OutboxDatabaseError,
  OutboxJobNotFoundError,
  OutboxJobStateError,
  OutboxNotMigratedError,
} from './errors.ts';
export type { JobEventFields, OutboxEvent } from './events.ts';
export type { Job, JobFilter, JobState, OutboxAction, OutboxStats } from './job.ts';
export type {
  Backoff,
  BackoffPhase,
  OperatorWallet,
  OutboxDatabase,
  OutboxOptions,
  OutboxTelemetry,
  SecretSource,
} from './options.ts';
export { defaultBackoff, defaultOperator, defaultWorker, maxBackoffDelayMs } from './options.ts';
export { deadStatuses, refusedStatuses } from './outcome.ts';
export { nextDelay } from './schedule.ts';
