/**
 * What the CLI's commands share: the secret options, argument parsers, exit codes.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';

/** Exit codes: 0 success, 1 a check failed, 2 wrong arguments. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** The environment variable the secret can come from instead of `--secret`. */
export const secretEnv = 'TBB_WALLET_SECRET';

/** What a command with the secret options was given. */
export interface SecretOptions {
  secret?: string;
  secretFile?: string;
}

/**
 * Adds `--secret <secret>` (also read from `TBB_WALLET_SECRET`; commander's help shows the
 * variable) and `--secret-file <path>` (`-`: standard input). The secret is never shown.
 */
export function addSecretOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--secret <secret>', 'the shared secret (visible in ps and shell history: prefer --secret-file)').env(
        secretEnv,
      ),
    )
    .option(
      '--secret-file <path>',
      'read the shared secret from this file (`-`: standard input); one trailing newline is dropped',
    );
}

/** A usage error: commander prints it and the CLI exits 2. */
export class UsageError extends Error {}

/** The secret from `--secret-file`, `--secret` or the environment, or a usage error naming the ways to give it. */
export async function requireSecret(options: SecretOptions): Promise<string> {
  if (options.secretFile !== undefined) {
    if (options.secret !== undefined && process.env[secretEnv] !== options.secret) {
      throw new UsageError('give the secret once: --secret or --secret-file, not both');
    }
    const secret = (await readSecretFile(options.secretFile)).replace(/\r?\n$/, '');
    if (!secret) throw new UsageError(`the secret file ${options.secretFile} is empty`);
    return secret;
  }
  if (!options.secret) {
    throw new UsageError(`a secret is needed: pass --secret-file <path>, --secret <secret>, or set ${secretEnv}`);
  }
  return options.secret;
}

async function readSecretFile(path: string): Promise<string> {
  try {
    if (path !== '-') return await readFile(path, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    throw new UsageError(`cannot read the secret file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
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
