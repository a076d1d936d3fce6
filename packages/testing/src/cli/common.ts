/**
 * What the CLI's commands share: the secret option, argument parsers, exit codes.
 */
import { InvalidArgumentError, Option } from 'commander';

/** Exit codes: 0 success, 1 a check failed, 2 wrong arguments. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** The environment variable the secret can come from instead of `--secret`. */
export const secretEnv = 'TBB_WALLET_SECRET';

/** `--secret <secret>`, also read from `TBB_WALLET_SECRET`. Never shown in help or output. */
export function secretOption(): Option {
  return new Option('--secret <secret>', 'the shared secret (or set TBB_WALLET_SECRET)').env(secretEnv);
}

/** A usage error: commander prints it and the CLI exits 2. */
export class UsageError extends Error {}

/** The secret, or a usage error naming both ways to give it. */
export function requireSecret(secret: string | undefined): string {
  if (!secret) throw new UsageError(`a secret is needed: pass --secret <secret> or set ${secretEnv}`);
  return secret;
}

/** Parses a TCP port (0 = any free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is an integer from 0 to 65535.');
  return port;
}

/** Parses a positive integer (milliseconds, counts). */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/** Parses an absolute http(s) URL. */
export function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // falls through to the error below
  }
  throw new InvalidArgumentError('expected an http(s) URL, e.g. http://127.0.0.1:8080/wallet.');
}
