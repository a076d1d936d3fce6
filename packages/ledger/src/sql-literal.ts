/**
 * Values written into the text of a simple query (several statements in one round trip take
 * no parameters): strings escaped by node-postgres's `escapeLiteral`, numbers only as safe integers.
 */
import pg from 'pg';

/** Thrown for a text PostgreSQL cannot hold; the same SQLSTATE a parameter with a NUL gets (22021). */
class InvalidText extends Error {
  readonly code = '22021';
}

/** A SQL literal for a string, a safe integer, a boolean or `null`. */
export function literal(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number the ledger can store: ${value}`);
    return String(value === 0 ? 0 : value);
  }
  if (value.includes('\u0000')) throw new InvalidText('invalid byte sequence for encoding "UTF8": 0x00');
  // Nothing to escape (ids, hashes, codes): the text escapeLiteral would build char by char.
  if (!value.includes("'") && !value.includes('\\')) return `'${value}'`;
  return pg.escapeLiteral(value);
}
