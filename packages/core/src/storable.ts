/**
 * Strings no database can store as sent: not well-formed Unicode (a lone surrogate,
 * which PostgreSQL turns into U+FFFD so that `"\ud800"` and `"\udc00"` become one id)
 * or containing U+0000 (which PostgreSQL refuses outright). Both are refused for good,
 * in any value or key of a body, before anything is stored.
 *
 * @see WALLET-PROTOCOL.md §6
 */
import type { SchemaIssue } from './validate.ts';

const loneSurrogate = /\p{Surrogate}/u;
// String.prototype.isWellFormed (ES2024) is native where it exists: Node 20, current browsers.
type WellFormedCheck = { isWellFormed(this: string): boolean };
const native = (String.prototype as Partial<WellFormedCheck>).isWellFormed;
const isWellFormed: (text: string) => boolean = native
  ? (text) => native.call(text)
  : (text) => !loneSurrogate.test(text);

/** What is wrong with a string, or `undefined` when it can be stored as sent. */
function problemOf(text: string): string | undefined {
  if (!isWellFormed(text)) return 'must be well-formed Unicode (no lone surrogate)';
  if (text.includes('\0')) return 'must not contain U+0000';
  return undefined;
}

/**
 * False when JSON text cannot parse into an unstorable string: well-formed text without
 * a `\u` escape. Only an escape makes a lone surrogate or U+0000 (a raw control
 * character in a JSON string is a syntax error), so ordinary bodies skip the walk.
 */
export function mayHoldUnstorable(json: string): boolean {
  return json.includes('\\u') || !isWellFormed(json);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The path as an answer names it: a path of absurd depth is cut in the middle. */
export function named(path: string): string {
  return path.length > 200 ? `${path.slice(0, 100)}…${path.slice(-100)}` : path;
}

/**
 * A string or key of a JSON value that cannot be stored as sent (the first one found), with the
 * dotted path of its field (`payload.provider_transfer_data.transaction_id`); for a
 * key, the path of the object holding it. `undefined` when every string is storable.
 * Any nesting depth `JSON.parse` accepts is fine.
 */
export function findUnstorableString(value: unknown): SchemaIssue | undefined {
  return allStorable(value, 0) ? undefined : locate(value);
}

/**
 * The fast yes: recursion without paths, for the bodies that arrive. Deeper than
 * `maxFastDepth`, or at the first bad string, it says no and {@link locate} decides.
 */
function allStorable(node: unknown, depth: number): boolean {
  if (typeof node === 'string') return isWellFormed(node) && !node.includes('\0');
  if (typeof node !== 'object' || node === null) return true;
  if (depth >= maxFastDepth) return false;
  if (Array.isArray(node)) {
    for (const item of node) if (!allStorable(item, depth + 1)) return false;
    return true;
  }
  for (const key in node) {
    if (!isWellFormed(key) || key.includes('\0')) return false;
    if (!allStorable((node as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
const maxFastDepth = 32;

/** The walk that names the field, with its own stack, so any depth `JSON.parse` accepts is fine. */
function locate(value: unknown): SchemaIssue | undefined {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? { path: '', message: problem } : undefined;
  }
  const values: unknown[] = [value];
  const paths: string[] = [''];
  while (values.length > 0) {
    const node = values.pop();
    const path = paths.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const isArray = Array.isArray(node);
    const keys = isArray ? undefined : Object.keys(node);
    const count = isArray ? node.length : keys!.length;
    for (let i = 0; i < count; i++) {
      const key = isArray ? String(i) : keys![i]!;
      if (!isArray) {
        const problem = problemOf(key);
        if (problem) return { path: named(path), message: `a key ${problem}` };
      }
      const child: unknown = isArray ? node[i] : (node as Record<string, unknown>)[key];
      if (typeof child === 'string') {
        const problem = problemOf(child);
        if (problem) return { path: named(join(path, key)), message: problem };
      } else if (typeof child === 'object' && child !== null) {
        values.push(child);
        paths.push(join(path, key));
      }
    }
  }
  return undefined;
}

/**
 * The longest each identifier may be, in characters (code points): the `maxLength` of
 * the spec, which the request validators check; a test keeps the two equal.
 */
export const identifierLimits = {
  player_id: 255,
  reference: 255,
  session_token: 2048,
  transaction_id: 255,
  round_id: 255,
  table_reference: 255,
  refunded_transaction_id: 255,
  rollback_win_transaction_id: 255,
} as const;
const gameFields = ['reference', 'session_token'] as const;
const transferFields = [
  'transaction_id',
  'round_id',
  'table_reference',
  'refunded_transaction_id',
  'rollback_win_transaction_id',
] as const;

function codePoints(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

function tooLong(node: unknown, field: keyof typeof identifierLimits, prefix: string): SchemaIssue | undefined {
  const value = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[field] : undefined;
  const limit = identifierLimits[field];
  if (typeof value !== 'string' || value.length <= limit || codePoints(value) <= limit) return undefined;
  return { path: `${prefix}${field}`, message: `must NOT have more than ${limit} characters` };
}

/**
 * Why a request can never be stored, or `undefined`: a string or key anywhere in it that
 * is not well-formed Unicode or contains U+0000, or an identifier over its limit
 * ({@link identifierLimits}). Other schema issues are not reported here: the operator
 * answers those. The client checks this before it sends anything.
 *
 * `json`, when given, must be `JSON.stringify(request)`: that text writes every lone
 * surrogate and U+0000 as a `\u` escape, so without one the walk over strings is skipped.
 *
 * @see WALLET-PROTOCOL.md §6
 */
export function findUnstorable(request: unknown, json?: string): SchemaIssue | undefined {
  const issue = json === undefined || mayHoldUnstorable(json) ? findUnstorableString(request) : undefined;
  if (issue || typeof request !== 'object' || request === null) return issue;
  const body = request as Record<string, unknown>;
  const flat = body.action === 'balance';
  const game = flat ? body : body.payload;
  const transfer = flat ? undefined : (game as Record<string, unknown> | undefined)?.provider_transfer_data;
  const over = tooLong(body, 'player_id', '');
  if (over) return over;
  for (const field of gameFields) {
    const found = tooLong(game, field, flat ? '' : 'payload.');
    if (found) return found;
  }
  for (const field of transferFields) {
    const found = tooLong(transfer, field, 'payload.provider_transfer_data.');
    if (found) return found;
  }
  return undefined;
}
