/**
 * One attempt of a stored call, through `@tbb-wallet/client`, signed with the secret
 * current at send time.
 *
 * The body is stored once as `JSON.stringify(request)`. The client serialises the
 * request object it is given, so the stored text is parsed and handed to it:
 * `JSON.stringify(JSON.parse(text))` is `text` again for any text `JSON.stringify`
 * produced (key order, number spelling and escapes are those of `JSON.stringify`), so
 * every attempt sends the same bytes; only the signature changes when the secret does.
 */

import type { WalletClient } from '@tbb-wallet/client';
import { createWalletClient } from '@tbb-wallet/client';
import type { ClientTelemetry, Secret, TransactionResponse } from '@tbb-wallet/core';
import { settleWithin } from '@tbb-wallet/core';
import type { OutboxAction } from './job.ts';
import type { OperatorWallet } from './options.ts';

/** Sends one attempt of a job's body to its operator; resolves to the 200 body or rejects with the client's error. */
export type SendAttempt = (operator: string, action: OutboxAction, body: string) => Promise<TransactionResponse>;

/**
 * A sender over the operators. One client per operator and secret: a new secret (a
 * rotation) gets a new client at the next send, so jobs already waiting sign with it.
 * The client's own retries are off (`attempts: 1`): the outbox's schedule retries.
 */
export function createSendAttempt(
  operators: ReadonlyMap<string, OperatorWallet>,
  timeoutMs: number,
  telemetry?: ClientTelemetry,
): SendAttempt {
  const clients = new Map<string, { secret: unknown; client: WalletClient }>();
  return async (operator, action, body) => {
    const wallet = operators.get(operator);
    if (!wallet) throw new Error(`no operator named "${operator}" is configured in this outbox`);
    const secret = typeof wallet.secret === 'function' ? await secretWithin(wallet.secret, timeoutMs) : wallet.secret;
    let entry = clients.get(operator);
    if (!entry || !sameSecret(entry.secret, secret)) {
      const client = createWalletClient({
        baseUrl: wallet.baseUrl,
        secret,
        timeoutMs,
        retry: { attempts: 1 },
        ...(wallet.fetch ? { fetch: wallet.fetch } : {}),
        ...(telemetry ? { telemetry } : {}),
      });
      entry = { secret, client };
      clients.set(operator, entry);
    }
    const request = JSON.parse(body);
    if (action === 'win') return entry.client.win(request);
    if (action === 'refund') return entry.client.refund(request);
    return entry.client.rollbackWin(request);
  };
}

/**
 * The secret a function answers, within the attempt's `timeoutMs`: a secret store that never
 * answers fails the attempt (retried on the schedule) instead of holding the delivery, and with
 * it `stop()` and `close()`, for ever.
 */
function secretWithin(source: () => Secret | Promise<Secret>, timeoutMs: number): Promise<Secret> {
  const timedOut = () =>
    new Error(`the operator's secret function did not answer within ${timeoutMs} ms (timeoutMs): nothing was sent`);
  return settleWithin(Promise.resolve().then(source), timeoutMs, timedOut, () => {});
}

function sameSecret(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
  return a.every((byte, i) => byte === b[i]);
}
