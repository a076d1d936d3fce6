/**
 * The client's hooks around a call: `onRequest` and `onResponse` see the exact bytes
 * of each attempt, `onEvent` one event per attempt and one per call. What a hook
 * throws is ignored, so logging can never interrupt a money movement.
 */
import type { WalletAction, WalletRequest } from '@tbb-wallet/core';
import { WalletClientError } from './client-error.ts';
import type { WalletClientEvent, WalletRequestEvent, WalletResponseEvent } from './options.ts';

/** The hooks a client was given. */
export interface CallHooks {
  readonly onRequest?: ((event: WalletRequestEvent) => void) | undefined;
  readonly onResponse?: ((event: WalletResponseEvent) => void) | undefined;
  readonly onEvent?: ((event: WalletClientEvent) => void) | undefined;
}

/** What every event of one call repeats. */
export interface CallIdentity {
  readonly callId: string;
  readonly action: WalletAction;
  readonly player_id: string;
  readonly transaction_id?: string;
}

/** The ids an event reports for `request`. */
export function identityOf(callId: string, request: WalletRequest): CallIdentity {
  const transfer = 'payload' in request ? request.payload.provider_transfer_data : undefined;
  const identity = { callId, action: request.action, player_id: String(request.player_id) };
  return transfer ? { ...identity, transaction_id: transfer.transaction_id } : identity;
}

/** The event of an attempt or a call that ended with `status` (when answered) and `error` (when it failed). */
export function eventOf(
  scope: 'attempt' | 'call',
  identity: CallIdentity,
  attempt: number,
  durationMs: number,
  status: number | undefined,
  error: Error | undefined,
): WalletClientEvent {
  const event: { -readonly [K in keyof WalletClientEvent]: WalletClientEvent[K] } = {
    scope,
    ...identity,
    attempt,
    durationMs,
  };
  if (status !== undefined) event.status = status;
  if (error) event.errorKind = error instanceof WalletClientError ? error.kind : 'connection';
  return event;
}

/** Calls a hook; what it throws or rejects with is ignored. */
export function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    const result: unknown = hook(event);
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // A hook's failure is the hook's business.
  }
}
