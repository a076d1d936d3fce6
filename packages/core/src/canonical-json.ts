/**
 * A stable text for a parsed JSON value: object keys sorted, no whitespace. Two
 * requests with the same content give the same text whatever their key order or
 * spacing, so a wallet can tell "the same call again" (replay the original answer)
 * from "the same transaction_id with a different body" (400).
 *
 * @see WALLET-PROTOCOL.md §6, duplicate `transaction_id`
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
