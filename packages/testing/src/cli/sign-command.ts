/**
 * `tbb-wallet sign`: the signature of a body, to answer "why does my signature not match".
 */
import { readFile } from 'node:fs/promises';
import { sign } from '@tbb-wallet/core';
import { Command } from 'commander';
import type { SecretOptions } from './common.ts';
import { addSecretOptions, requireSecret, UsageError } from './common.ts';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The `sign` command. */
export function signCommand(): Command {
  return addSecretOptions(
    new Command('sign').description('print the X-REQUEST-SIGN signature of a body read from a file or standard input'),
  )
    .option('--file <file>', 'the body to sign (default: standard input)')
    .addHelpText(
      'after',
      '\nThe body is signed byte for byte, exactly as read: a trailing newline is part of it.\n\nExample:\n  printf \'%s\' \'{"action":"balance",...}\' | tbb-wallet sign --secret S',
    )
    .action(async (options: SecretOptions & { file?: string }) => {
      if (options.secretFile === '-' && !options.file) {
        throw new UsageError('standard input cannot hold both the secret and the body: give the body with --file');
      }
      const secret = await requireSecret(options);
      let body: Uint8Array;
      try {
        body = options.file ? new Uint8Array(await readFile(options.file)) : await readStdin();
      } catch (error) {
        throw new UsageError(`cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      process.stdout.write(`${await sign(body, secret)}\n`);
    });
}
