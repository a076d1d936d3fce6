/**
 * The one event shape both sides of a wallet call report through their `onEvent`
 * hook: the provider's client (per attempt and per call) and the operator's handler
 * (per call). Later packages extend it with their own fields.
 */
import type { WalletAction } from './types.ts';

/**
 * Why an attempt or a call ended without a 200 answer that matches the spec:
 * - `refused`: the operator answered a protocol error `{ code, message }` (see `status`);
 * - `timeout`: no answer within the attempt's time limit or the call's deadline;
 * - `connection`: the request could not be sent or its answer not read;
 * - `response`: an answer outside the spec (a body that is not JSON or misses the schema);
 * - `aborted`: the caller's `AbortSignal` ended the call;
 * - `outcome-unknown`: a bet that may or may not have been debited;
 * - `unstorable`: the client refused to send a request no wallet can store (nothing was sent).
 */
export type WalletEventErrorKind =
  | 'refused'
  | 'timeout'
  | 'connection'
  | 'response'
  | 'aborted'
  | 'outcome-unknown'
  | 'unstorable';

/** What one side observed of one attempt or one call. It never holds a secret or a signature. */
export interface WalletEvent {
  /** `attempt` for one HTTP exchange, `call` for the whole call with its retries (the handler reports calls). */
  readonly scope?: 'attempt' | 'call';
  /** The id the client gave the call; every attempt of a call and the call itself share it. */
  readonly callId?: string;
  /** The wire value of `action`, once known. */
  readonly action?: WalletAction;
  /** The player's id (always a string), once known. */
  readonly player_id?: string;
  /** The provider's `transaction_id` of a bet, win, refund or rollback-win. */
  readonly transaction_id?: string;
  /** 1 for the first attempt, 2 for the first retry, …; on a call event, the attempts it took. */
  readonly attempt?: number;
  /** The HTTP status of the answer, when there was one (always, on the handler). */
  readonly status?: number;
  /** Why it did not end in a good 200 answer; absent when it did. */
  readonly errorKind?: WalletEventErrorKind;
  /** Milliseconds from its start to its end. */
  readonly durationMs: number;
  /** True when the answer is the replay of an earlier one (a repeated `transaction_id`), where known. */
  readonly replayed?: boolean;
}
