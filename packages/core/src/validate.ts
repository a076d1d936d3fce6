/**
 * Validators compiled ahead of time from the spec (ajv standalone, see
 * scripts/compile-validators.ts), with typed results and errors that name the field.
 */

import { findDuplicateKey } from './duplicate-keys.ts';
import * as compiled from './generated/validators.gen.ts';
import { findUnstorableString, mayHoldUnstorable } from './storable.ts';
import type {
  BalanceRequest,
  BalanceResponse,
  BetRequest,
  ErrorBody,
  RefundRequest,
  RollbackWinRequest,
  TransactionResponse,
  WalletRequest,
  WinRequest,
} from './types.ts';

/** What is wrong with a value: the dotted path of the field and what it must be. */
export interface SchemaIssue {
  /** Dotted path of the offending field, e.g. `payload.provider_transfer_data.round_id`; `''` for the whole body. */
  readonly path: string;
  /** What the field must be, e.g. `is required`, `must be integer`, `must be >= 0`. */
  readonly message: string;
}

/** The result of a validation: the typed value, or the first issue found. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: SchemaIssue };

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
type CompiledValidator = ((value: unknown) => boolean) & { errors?: AjvError[] | null };

/** A validator of one schema of the spec. */
export type Validator<T> = (value: unknown) => Checked<T>;

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function issueOf(error: AjvError | undefined): SchemaIssue {
  if (!error) return { path: '', message: 'does not match the schema' };
  const path = pathOf(error.instancePath);
  if (error.keyword === 'required')
    return { path: join(path, String(error.params.missingProperty)), message: 'is required' };
  if (error.keyword === 'discriminator') {
    const tag = String(error.params.tag);
    const message =
      error.params.error === 'tag'
        ? 'is required and must be a string'
        : 'must be one of balance, bet, win, refund, rollback-win';
    return { path: join(path, tag), message };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[] | undefined)?.join(', ');
    return { path, message: allowed ? `must be ${allowed}` : 'must be one of the allowed values' };
  }
  return { path, message: error.message ?? 'is invalid' };
}

/**
 * The first error, except that an `anyOf` of types reads as one issue: `must be string or integer`,
 * unless a branch of the right type failed for another reason (a `player_id` string too long).
 */
function issueOfAll(errors: readonly AjvError[] | null | undefined): SchemaIssue {
  const anyOf = errors?.find((e) => e.keyword === 'anyOf');
  const branches = anyOf ? errors!.filter((e) => e !== anyOf && e.instancePath === anyOf.instancePath) : [];
  const other = branches.find((e) => e.keyword !== 'type');
  if (anyOf && other) return issueOf(other);
  if (anyOf && branches.length > 0) {
    return { path: pathOf(anyOf.instancePath), message: `must be ${branches.map((e) => e.params.type).join(' or ')}` };
  }
  return issueOf(errors?.[0]);
}

function validator<T>(compiledValidator: CompiledValidator): Validator<T> {
  return (value) =>
    compiledValidator(value)
      ? { ok: true, value: value as T }
      : { ok: false, issue: issueOfAll(compiledValidator.errors) };
}

/**
 * A validator of a request or of a 200 answer: the schema, then every string and key must be
 * storable (well-formed Unicode, no U+0000). Give `json`, the exact text `value` was parsed from,
 * and the walk over the strings is skipped when that text cannot hold such a string; for a
 * request, a key repeated in one object of it is an issue too (`JSON.parse` silently keeps the last).
 */
export type RequestValidator<T> = (value: unknown, json?: string) => Checked<T>;

/**
 * The schema, then `findRepeated` on the text when given (requests pass `findDuplicateKey`), then
 * the strings. Answers pass none: the client never bundles the repeated-key walk (0.5 kB gzipped),
 * and `JSON.stringify`, which writes the handler's answers, never repeats a key.
 */
function storableValidator<T>(
  compiledValidator: CompiledValidator,
  findRepeated?: (value: unknown, json: string) => SchemaIssue | undefined,
): RequestValidator<T> {
  const check = validator<T>(compiledValidator);
  return (value, json) => {
    const checked = check(value);
    if (!checked.ok) return checked;
    if (json !== undefined) {
      const repeated = findRepeated?.(value, json);
      if (repeated) return { ok: false, issue: repeated };
      if (!mayHoldUnstorable(json)) return checked;
    }
    const issue = findUnstorableString(value);
    return issue ? { ok: false, issue } : checked;
  };
}

function requestValidator<T>(compiledValidator: CompiledValidator): RequestValidator<T> {
  return storableValidator<T>(compiledValidator, findDuplicateKey);
}

/** Formats an issue for a message: `amount: must be >= 0`. */
export function formatIssue(issue: SchemaIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/**
 * Validates any of the five requests, told apart by `action`. Unknown fields are allowed;
 * a string or key anywhere in the body that is not well-formed Unicode or contains U+0000
 * is an issue, and so is an identifier over its `maxLength` (255; `session_token` 2048).
 *
 * @see WALLET-PROTOCOL.md §6
 */
export const checkWalletRequest: RequestValidator<WalletRequest> = /* @__PURE__ */ requestValidator(
  compiled.validateWalletRequest,
);
/** Validates a `balance` request, with the same rules as {@link checkWalletRequest}. */
export const checkBalanceRequest: RequestValidator<BalanceRequest> = /* @__PURE__ */ requestValidator(
  compiled.validateBalanceRequest,
);
/** Validates a `bet` request. */
export const checkBetRequest: RequestValidator<BetRequest> = /* @__PURE__ */ requestValidator(
  compiled.validateBetRequest,
);
/** Validates a `win` request. */
export const checkWinRequest: RequestValidator<WinRequest> = /* @__PURE__ */ requestValidator(
  compiled.validateWinRequest,
);
/** Validates a `refund` request. */
export const checkRefundRequest: RequestValidator<RefundRequest> = /* @__PURE__ */ requestValidator(
  compiled.validateRefundRequest,
);
/** Validates a `rollback-win` request. */
export const checkRollbackWinRequest: RequestValidator<RollbackWinRequest> = /* @__PURE__ */ requestValidator(
  compiled.validateRollbackWinRequest,
);
/**
 * Validates the 200 answer to `balance`; its strings and keys must be storable too (the provider
 * stores what the operator answered). A repeated key is not looked for.
 */
export const checkBalanceResponse: RequestValidator<BalanceResponse> = /* @__PURE__ */ storableValidator(
  compiled.validateBalanceResponse,
);
/** Validates the 200 answer to `bet`, `win`, `refund` and `rollback-win`, as {@link checkBalanceResponse}. */
export const checkTransactionResponse: RequestValidator<TransactionResponse> = /* @__PURE__ */ storableValidator(
  compiled.validateTransactionResponse,
);
/** Validates an error body `{ code, message }`. */
export const checkErrorBody: Validator<ErrorBody> = /* @__PURE__ */ validator(compiled.validateErrorBody);
