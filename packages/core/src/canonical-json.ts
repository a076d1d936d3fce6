/**
 * A stable text for a parsed JSON value: object keys sorted, no whitespace. Two
 * requests with the same content give the same text whatever their key order or
 * spacing, so a wallet can tell "the same call again" (replay the original answer)
 * from "the same transaction_id with a different body" (400).
 *
 * It walks the value with its own stack, not by recursion: unknown fields are
 * accepted (WALLET-PROTOCOL.md §2), and one nested thousands of levels deep must not
 * overflow the call stack.
 *
 * @see WALLET-PROTOCOL.md §6, duplicate `transaction_id`
 */
export function canonicalJson(value: unknown): string {
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
