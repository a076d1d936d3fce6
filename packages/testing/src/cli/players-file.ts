/**
 * Reads `--players F`: a JSON list of `{ player_id, currency_code, balance, blocked? }`.
 */
import { readFile } from 'node:fs/promises';
import type { SandboxPlayer } from '../sandbox/types.ts';
import { UsageError } from './common.ts';

/** The players of a `--players` file. @throws UsageError naming the file and the first bad entry. */
export async function readPlayersFile(file: string): Promise<SandboxPlayer[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'it is not JSON' : ((error as NodeJS.ErrnoException).code ?? 'error');
    throw new UsageError(`cannot read the players file ${file}: ${why}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`the players file ${file} must hold a JSON list of players`);
  return parsed.map((entry: unknown, index) => {
    const p = entry as Record<string, unknown> | null;
    const bad = (what: string) => new UsageError(`players file ${file}, entry ${index}: ${what}`);
    if (!p || typeof p !== 'object') throw bad('must be an object');
    if (typeof p.player_id !== 'string' && typeof p.player_id !== 'number') throw bad('player_id must be a string');
    if (typeof p.currency_code !== 'string' || p.currency_code === '') throw bad('currency_code must be a string');
    if (!Number.isSafeInteger(p.balance)) throw bad('balance must be an integer (subunits, e.g. cents)');
    if (p.blocked !== undefined && typeof p.blocked !== 'boolean') throw bad('blocked must be true or false');
    return {
      player_id: String(p.player_id),
      currency_code: p.currency_code,
      balance: p.balance as number,
      blocked: p.blocked === true,
    };
  });
}
