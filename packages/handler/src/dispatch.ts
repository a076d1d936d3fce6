/**
 * Step 6 of the request path: the callback named by `action`, and its answer checked
 * against the spec. A {@link WalletRefusal} is answered with its code and message;
 * anything else thrown, or a 200 body that breaks the spec, is answered 500
 * "Unknown error." and reported to `onError`. The body checked is the JSON text that
 * would be sent, not the object the callback returned.
 *
 * @see WALLET-PROTOCOL.md §5 and §6
 */
import type { RequestValidator, WalletAction } from '@tbb-wallet/core';
import { checkBalanceResponse, checkTransactionResponse } from '@tbb-wallet/core';
import type { WalletAnswer } from './answer.ts';
import { errorAnswer, okAnswer, unknownError } from './answer.ts';
import { ContractViolationError } from './contract-violation.ts';
import { WalletRefusal } from './errors.ts';
import type { WalletCall } from './parse-wallet-call.ts';
import type { CallContext, WalletCallbacks } from './wallet.ts';

const callbackOf = {
  balance: 'balance',
  bet: 'bet',
  win: 'win',
  refund: 'refund',
  'rollback-win': 'rollbackWin',
} as const satisfies Record<WalletAction, keyof WalletCallbacks>;

const responseCheckOf: Record<WalletAction, RequestValidator<unknown>> = {
  balance: checkBalanceResponse,
  bet: checkTransactionResponse,
  win: checkTransactionResponse,
  refund: checkTransactionResponse,
  'rollback-win': checkTransactionResponse,
};

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** Runs the callback of `call.action` and turns its result or refusal into the answer. */
export async function dispatch(
  call: WalletCall,
  wallet: WalletCallbacks,
  context: CallContext,
  onError: (error: unknown) => void,
): Promise<WalletAnswer> {
  let result: unknown;
  try {
    const callback = wallet[callbackOf[call.action]] as (request: WalletCall, context: CallContext) => unknown;
    const returned = callback.call(wallet, call, context);
    // A callback that answers at once (a cache, a constant) is not awaited: one turn of the microtask queue less.
    result = isThenable(returned) ? await returned : returned;
  } catch (error) {
    if (error instanceof WalletRefusal) return errorAnswer(error.code, error.message);
    onError(error);
    return unknownError;
  }
  // The bytes sent are what is checked, not the object: JSON.stringify keeps only own enumerable
  // properties and honours toJSON, so a class instance with getters, an object made with
  // Object.create, or a Date would pass a check of the object and go out as `{}` or a string.
  const text = JSON.stringify(result) as string | undefined; // throws for a BigInt or a cycle: answered 500 by the caller
  // The text is passed too: a lone surrogate or U+0000 the callback returned is escaped in it (`\ud800`), which
  // the platform could not store, and is refused like one in a request.
  const checked = responseCheckOf[call.action](text === undefined ? undefined : JSON.parse(text), text);
  if (!checked.ok) {
    onError(new ContractViolationError(call.action, checked.issue));
    return unknownError;
  }
  return okAnswer(text as string);
}
