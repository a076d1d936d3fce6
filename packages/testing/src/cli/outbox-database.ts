/**
 * The database option of the `outbox` commands, and opening the outbox it names.
 */
import type { Outbox, OutboxOptions } from '@tbb-wallet/outbox';
import { Option } from 'commander';
import pc from 'picocolors';
import { withoutPassword } from './choose-wallet.ts';

/** `--database <D>`: a postgres:// URL or a PGlite data directory, default ./.tbb-outbox. */
export function databaseOption(): Option {
  return new Option(
    '--database <database>',
    'postgres://… URL, or the data directory of an embedded PGlite (serves one process at a time)',
  ).default('.tbb-outbox');
}

/** Opens the outbox at `database` (loaded only when a command needs it); says where it is on stderr. */
export async function openOutbox(database: string, options: Partial<OutboxOptions> = {}): Promise<Outbox> {
  const { createOutbox } = await import('@tbb-wallet/outbox');
  const outbox = createOutbox({ ...options, database });
  const where = outbox.database.dataDir
    ? `embedded PGlite in ${outbox.database.dataDir}`
    : `PostgreSQL at ${withoutPassword(database)}`;
  console.error(pc.dim(`outbox: ${where}`));
  await outbox.migrate();
  return outbox;
}
