/**
 * The suite's own assertions: no test framework needed, a message that says what the
 * wallet did instead.
 */
import { canonicalJson } from '@tbb-wallet/core';
import { WalletRefusal } from '@tbb-wallet/handler';

/** A wallet broke a rule. */
export class WalletRuleError extends Error {
  constructor(
    message: string,
    readonly expected: unknown,
    readonly actual: unknown,
  ) {
    super(`${message}: expected ${show(expected)}, got ${show(actual)}`);
    this.name = 'WalletRuleError';
  }
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : canonicalJson(value);
}

/** Fails unless `actual` equals `expected` (same JSON content, key order aside). */
export function same(actual: unknown, expected: unknown, what: string): void {
  if (show(actual) !== show(expected)) throw new WalletRuleError(what, expected, actual);
}

/** Fails unless `ok`. */
export function holds(ok: boolean, what: string, expected: unknown, actual: unknown): void {
  if (!ok) throw new WalletRuleError(what, expected, actual);
}

/** The protocol code a call was refused with; fails when it was answered or threw something else. */
export async function refusalOf(call: Promise<unknown> | unknown, what: string): Promise<number> {
  let answer: unknown;
  try {
    answer = await call;
  } catch (error) {
    if (error instanceof WalletRefusal) return error.code;
    throw error;
  }
  throw new WalletRuleError(`${what} was answered 200`, 'a refusal', answer);
}
