/**
 * A key sent twice in one JSON object (`{"amount":1,"amount":100}`). `JSON.parse` keeps
 * the last, other parsers keep the first or refuse: the signed bytes would mean two
 * different calls to two readers of the same body, so such a body is refused for good.
 *
 * @see WALLET-PROTOCOL.md §6
 */
import { named } from './storable.ts';
import type { SchemaIssue } from './validate.ts';

const quote = 34; // "
const backslash = 92;
const colon = 58;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** True when the quote at `at` ends or opens a string: an even number of backslashes before it. */
function isUnescaped(json: string, at: number): boolean {
  let slashes = 0;
  while (json.charCodeAt(at - 1 - slashes) === backslash) slashes++;
  return slashes % 2 === 0;
}

/** The index of the quote that closes the string opened at `open`. */
function stringEnd(json: string, open: number): number {
  let end = json.indexOf('"', open + 1);
  while (!isUnescaped(json, end)) end = json.indexOf('"', end + 1);
  return end;
}

/** The index of the first non-space character at or after `from`. */
function skipSpace(json: string, from: number): number {
  let at = from;
  while (isSpace(json.charCodeAt(at))) at++;
  return at;
}

/**
 * The keys of the text, counted fast: every colon after an unescaped quote, with only
 * whitespace between them. Every key ends so, spaced from its colon or not, so the count is
 * never below the keys sent; a string value that holds such a colon (`":"`) is counted too,
 * and then the counts differ and the exact reading ({@link locate}) decides. Never below:
 * a key missed here (one copy of a repeated key spaced from its colon) would make the text
 * count as many keys as the parsed value keeps, and hide the repeat.
 */
function membersInText(json: string): number {
  let members = 0;
  // Each colon, then a look at the character before it: a one-character search is a memchr, about half the
  // cost of searching for the two-character `":`, and finds the same places.
  for (let at = json.indexOf(':'); at !== -1; at = json.indexOf(':', at + 1)) {
    let before = at - 1;
    while (isSpace(json.charCodeAt(before))) before--;
    if (json.charCodeAt(before) !== quote) continue;
    if (json.charCodeAt(before - 1) !== backslash || isUnescaped(json, before)) members++;
  }
  return members;
}

/** How many keys the objects of the parsed value have in all (its own stack: any depth). */
function keysInValue(value: unknown): number {
  let keys = 0;
  const nodes: unknown[] = [value];
  while (nodes.length > 0) {
    const node = nodes.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) nodes.push(item);
      continue;
    }
    for (const key in node) {
      keys++;
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) nodes.push(child);
    }
  }
  return keys;
}

interface Frame {
  readonly path: string;
  /** The keys seen so far, for an object; `undefined` for an array. */
  readonly keys: Set<string> | undefined;
  /** The key or index the next value is stored under. */
  next: string;
  index: number;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The path of the first key sent twice, read from the text itself (valid JSON). */
function locate(json: string): string | undefined {
  const frames: Frame[] = [];
  const childPath = () => {
    const top = frames[frames.length - 1];
    return top ? join(top.path, top.next) : '';
  };
  for (let at = 0; at < json.length; at++) {
    const code = json.charCodeAt(at);
    const top = frames[frames.length - 1];
    if (code === 123 /* { */ || code === 91 /* [ */) {
      frames.push({ path: childPath(), keys: code === 123 ? new Set() : undefined, next: '0', index: 0 });
    } else if (code === 125 /* } */ || code === 93 /* ] */) {
      frames.pop();
    } else if (code === 44 /* , */ && top && !top.keys) {
      top.next = String(++top.index);
    } else if (code === quote) {
      const end = stringEnd(json, at);
      if (top?.keys && json.charCodeAt(skipSpace(json, end + 1)) === colon) {
        const key = JSON.parse(json.slice(at, end + 1)) as string;
        if (top.keys.has(key)) return join(top.path, key);
        top.keys.add(key);
        top.next = key;
      }
      at = end;
    }
  }
  return undefined;
}

/**
 * The key sent twice in one object of `json` (the text `value` was parsed from), as an
 * issue naming its dotted path (`payload.provider_transfer_data.transaction_id`), or
 * `undefined` when every object's keys are distinct. An ordinary body costs one pass over
 * the text and one count of the parsed keys; only a body with a repeated key is read again.
 */
export function findDuplicateKey(value: unknown, json: string): SchemaIssue | undefined {
  if (membersInText(json) === keysInValue(value)) return undefined;
  const path = locate(json);
  return path === undefined
    ? undefined
    : { path: named(path), message: 'must be sent once, not repeated in the same object' };
}
