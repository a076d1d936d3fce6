/**
 * How each answer of the operator ends an attempt: the protocol's codes mapped to the
 * job's next state.
 *
 * @see WALLET-PROTOCOL.md §5 (error codes) and §6 (refusals are final, refund of an unknown bet)
 */

import { WalletError, WalletResponseError, WalletTimeoutError } from '@tbb-wallet/client';
import type { TransactionResponse } from '@tbb-wallet/core';
import type { OutboxAction } from './job.ts';

/** Definitive refusals: the same call gets the same answer for ever, so the job ends `refused`. */
export const refusedStatuses: readonly number[] = [402, 404, 405, 406, 407, 408, 418];
/** The operator can never accept these bytes: the job is `dead` at once and a person must look. */
export const deadStatuses: readonly number[] = [400, 413];

/** What one attempt ended in. */
export type AttemptOutcome =
  | {
      readonly kind: 'settled';
      readonly state: 'delivered' | 'refused' | 'dead';
      readonly status: number;
      readonly answer: string;
      readonly reason: string;
    }
  | { readonly kind: 'forbidden'; readonly status: 403; readonly answer: string; readonly error: string }
  | { readonly kind: 'retry'; readonly status?: number; readonly answer?: string; readonly error: string };

/** A 200: delivered, with the operator's answer kept. */
export function deliveredOutcome(response: TransactionResponse): AttemptOutcome {
  return { kind: 'settled', state: 'delivered', status: 200, answer: JSON.stringify(response), reason: 'delivered' };
}

/** What a failed attempt means for the job. */
export function failedOutcome(action: OutboxAction, error: unknown): AttemptOutcome {
  if (error instanceof WalletError) {
    const { status, body } = error;
    if (status === 403)
      return {
        kind: 'forbidden',
        status,
        answer: body,
        error: 'the signature does not match (403): check the shared secret',
      };
    if (refusedStatuses.includes(status)) {
      const reason =
        action === 'refund' && status === 406
          ? 'the operator never recorded the bet (406): nothing is owed, and the operator refuses that bet should it arrive later'
          : `refused ${status}: ${error.message}`;
      return { kind: 'settled', state: 'refused', status, answer: body, reason };
    }
    if (deadStatuses.includes(status))
      return {
        kind: 'settled',
        state: 'dead',
        status,
        answer: body,
        reason: `${status} ${error.message}: the same bytes will never be accepted`,
      };
    return { kind: 'retry', status, answer: body, error: `${status} ${error.message}` };
  }
  if (error instanceof WalletResponseError)
    return { kind: 'retry', status: error.status, answer: error.body, error: error.message };
  if (error instanceof WalletTimeoutError) return { kind: 'retry', error: error.message };
  return { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
}
