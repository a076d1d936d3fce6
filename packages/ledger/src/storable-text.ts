/**
 * Ids and keys the operator hands the ledger directly (a player id, a cashier key, a
 * `recordOnce` key), checked as the handler checks a body's: PostgreSQL turns a lone
 * surrogate into U+FFFD, so `"pay-\ud800"` and `"pay-\udc00"` would be one key (the second
 * deposit answered as the first's replay, its money never credited), and it refuses U+0000.
 *
 * @see WALLET-PROTOCOL.md §6, a string that is not well-formed Unicode or contains U+0000
 */
import { findUnstorable } from '@tbb-wallet/core';

/**
 * @throws TypeError — `value` is not a string, is not well-formed Unicode or holds U+0000; `what`
 *   names it (`deposit: key`). The value is not shown: it is not printable as given.
 */
export function assertStorableText(what: string, value: string): void {
  if (typeof value !== 'string') {
    // An object here (`entries({ player_id })`) would be sent as its text and match nothing, silently.
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new TypeError(`${what} must be a string, not ${kind}.`);
  }
  const issue = findUnstorable(value);
  if (issue)
    throw new TypeError(`${what} ${issue.message}: ${issue.message.includes('U+0000') ? nulReason : surrogateReason}`);
}

const surrogateReason = 'PostgreSQL stores a lone surrogate as U+FFFD, so the id could not be kept apart from others.';
const nulReason = 'PostgreSQL refuses U+0000 in text.';
