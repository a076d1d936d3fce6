/**
 * Turns the operator's answer into the typed 200 body or the error it stands for.
 * 200 bodies are checked against the action's response schema, error bodies against
 * `{ code, message }`.
 *
 * @see WALLET-PROTOCOL.md §3 (responses) and §5 (error responses)
 */
import type { RequestValidator, SchemaIssue } from '@tbb-wallet/core';
import { checkErrorBody, formatIssue } from '@tbb-wallet/core';
import { WalletError, walletErrorClasses } from './errors.ts';
import { WalletResponseError } from './transport-errors.ts';

/** The 200 body as `T`, or the error that the answer stands for. */
export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

/** Reads an answer: `check` validates a 200 body. Never throws. */
export function readAnswer<T>(status: number, text: string, check: RequestValidator<T>): Answer<T> {
  if (status === 200) {
    const checked = parseAndCheck(text, check);
    if (checked.ok) return { ok: true, value: checked.value };
    return { ok: false, error: new WalletResponseError(status, text, checked.problem, checked.issue, checked.cause) };
  }
  if (isRedirect(status)) return { ok: false, error: new WalletResponseError(status, text, redirected) };
  const checked = parseAndCheck(text, checkErrorBody);
  if (!checked.ok)
    return {
      ok: false,
      error: new WalletResponseError(
        status,
        text,
        `an error body that is not {code, message}: ${checked.problem}`,
        checked.issue,
        checked.cause,
      ),
    };
  const { code, message } = checked.value;
  const ErrorClass = walletErrorClasses[status] ?? WalletError;
  return { ok: false, error: new ErrorClass({ status, code, message, body: text }) };
}

/** A signed call goes to baseUrl and nowhere else. */
const redirected = "a redirect, which the client never follows: set baseUrl to the wallet's final URL";

/** A 3xx, or the status 0 of a fetch's opaque redirect (`redirect: 'manual'` in a browser). */
function isRedirect(status: number): boolean {
  return (status >= 300 && status < 400) || status === 0;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; issue?: SchemaIssue; cause?: unknown };

function parseAndCheck<T>(text: string, check: RequestValidator<T>): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return { ok: false, problem: 'a body that is not JSON', cause };
  }
  // A 200 body's strings are checked too (a lone surrogate or U+0000 is refused); the text spares the walk.
  const checked = check(json, text);
  if (checked.ok) return checked;
  return {
    ok: false,
    problem: `a body that does not match the spec (${formatIssue(checked.issue)})`,
    issue: checked.issue,
  };
}
