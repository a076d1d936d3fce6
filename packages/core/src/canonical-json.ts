/**
 * A stable text for a parsed JSON value: object keys sorted, no whitespace. Two
 * requests with the same content give the same text whatever their key order or
 * spacing, so a wallet can tell "the same call again" (replay the original answer)
 * from "the same transaction_id with a different body" (400).
 *
 * A body as it arrives is written by recursion, a string that needs no escape without
 * `JSON.stringify` (a call's fingerprint: 7 µs instead of 16 for the vendor's `win`). One
 * nested deeper than 64 levels is walked with a stack of its own: unknown
 * fields are accepted (WALLET-PROTOCOL.md §2), and one nested thousands of levels deep must
 * not overflow the call stack.
 *
 * @see WALLET-PROTOCOL.md §6, duplicate `transaction_id`
 */
export function canonicalJson(value: unknown): string {
  try {
    return recursive(value, 0);
  } catch (error) {
    if (error !== tooDeep) throw error;
    return walked(value);
  }
}

/** How deep `recursive` goes before the value is walked with a stack of its own. */
const maxRecursion = 64;
const tooDeep = new Error('nested too deep to recurse');

/** What `JSON.stringify` escapes in a string: `"`, `\`, control characters, and (lone) surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000–U+001F are exactly what JSON.stringify escapes.
const escaped = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as `JSON.stringify` writes it. */
function quoted(text: string): string {
  return escaped.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function recursive(value: unknown, depth: number): string {
  if (typeof value === 'string') return quoted(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth === maxRecursion) throw tooDeep;
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + recursive(value[i], depth + 1);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  text = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${quoted(key)}:${recursive(member, depth + 1)}`;
  }
  return `${text}}`;
}

/** The same text as `recursive`, at any depth. */
function walked(value: unknown): string {
  const out: string[] = [];
  // Text to emit as is, or a value still to write; popped from the end.
  const todo: ({ text: string } | { value: unknown })[] = [{ value }];
  while (todo.length > 0) {
    const item = todo.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const current = item.value;
    if (current === null || typeof current !== 'object') {
      out.push(JSON.stringify(current) ?? 'null');
    } else if (Array.isArray(current)) {
      todo.push({ text: ']' });
      for (let i = current.length - 1; i >= 0; i--) {
        todo.push({ value: current[i] });
        if (i > 0) todo.push({ text: ',' });
      }
      out.push('[');
    } else {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      todo.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        todo.push({ value: record[keys[i]!] });
        todo.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:` });
      }
      out.push('{');
    }
  }
  return out.join('');
}
