/**
 * A wallet's answer as the suite sees it, whether it came through the real client or
 * a raw `fetch`, and how it reads in a report.
 */
import type { WalletClient } from '@tbb-wallet/client';
import { WalletError, WalletOutcomeUnknownError, WalletResponseError } from '@tbb-wallet/client';
import type { WalletRequest } from '@tbb-wallet/core';

/** An answer: the HTTP status (0 when none arrived), the parsed body, the raw text. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers?: Headers;
  /** Why no (valid) answer arrived, when the client says so. */
  readonly problem?: string;
}

/** Runs a client call and turns its result or error into an {@link Answer}. */
export async function answerOf(call: () => Promise<unknown>): Promise<Answer> {
  try {
    const body = await call();
    return { status: 200, body, text: JSON.stringify(body) };
  } catch (error) {
    return answerOfError(error);
  }
}

/** Sends a full request (with `action`) through the client method of its action. */
export function answerOfCall(client: WalletClient, request: WalletRequest): Promise<Answer> {
  const { action, ...input } = request;
  const methods = {
    balance: () => client.balance(input as never),
    bet: () => client.bet(input as never),
    win: () => client.win(input as never),
    refund: () => client.refund(input as never),
    'rollback-win': () => client.rollbackWin(input as never),
  };
  return answerOf(methods[action]);
}

function answerOfError(error: unknown): Answer {
  if (error instanceof WalletOutcomeUnknownError && error.cause) return answerOfError(error.cause);
  if (error instanceof WalletError) {
    return { status: error.status, body: { code: error.code, message: error.message }, text: error.body };
  }
  if (error instanceof WalletResponseError) {
    return { status: error.status, body: parse(error.body), text: error.body, problem: error.message };
  }
  return { status: 0, body: undefined, text: '', problem: error instanceof Error ? error.message : String(error) };
}

/** Reads a fetch response into an {@link Answer}. */
export async function answerOfResponse(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: parse(text), text, headers: response.headers };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An answer in one short line: `200 balance=99900 tx=sbx-3`, `402 "The player does not…"`. */
export function describeAnswer(answer: Answer): string {
  if (answer.status === 0) return `no answer (${answer.problem})`;
  const body = answer.body as Record<string, unknown> | undefined;
  if (answer.status === 200 && body && typeof body === 'object' && 'balance' in body) {
    const tx = 'transaction_id' in body ? ` tx=${String(body.transaction_id)}` : '';
    return `200 balance=${String(body.balance)}${tx}`;
  }
  if (body && typeof body === 'object' && 'code' in body) {
    return `${answer.status} code=${String(body.code)} "${String(body.message)}"`;
  }
  const text = answer.text.length > 80 ? `${answer.text.slice(0, 77)}...` : answer.text;
  return `${answer.status} ${answer.problem ?? text}`;
}
