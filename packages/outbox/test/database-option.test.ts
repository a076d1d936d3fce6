/**
 * The `database` option as a string: a postgres:// URL (blanks around it dropped) runs on that
 * server; a URL of another scheme is refused at creation without showing it, instead of being
 * taken for a data directory whose name (the URL, password included) an mkdir error then shows.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';

const wallet = { baseUrl: 'http://127.0.0.1:9/wallet', secret: 's' };

it.each([
  ['a URL of another scheme', 'mysql://root:hunter2@db/wallet'],
  ['an http URL', 'http://hunter2@db:5432/wallet'],
  ['a postgres URL missing a slash', 'postgres:/root:hunter2@db/wallet'],
  ['a postgres URL missing its colon', 'postgres//root:hunter2@db/wallet'],
  ['a postgresql URL missing its colon', 'postgresql//root:hunter2@db/wallet'],
])('refuses %s as `database` at creation, never showing it, creating no directory', (_name, database) => {
  let thrown: unknown;
  try {
    createOutbox({ wallet, database });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toEqual(
    new TypeError(
      'createOutbox: `database` looks like a URL but not a postgres:// one (the value is not shown: it may hold a ' +
        'password). Use postgres://user:password@host:5432/database, or a path for an embedded PGlite.',
    ),
  );
  expect(existsSync(resolve(database.slice(0, database.indexOf(':') + 1)))).toBe(false);
});

it('refuses `database: undefined` (DATABASE_URL unset) instead of queueing in the working directory', () => {
  const env: Record<string, string | undefined> = {};
  expect(() => createOutbox({ wallet, database: env.DATABASE_URL })).toThrow(
    new TypeError(
      'createOutbox: `database` was given but is undefined. Is DATABASE_URL set? Pass a postgres://user@host:5432/db ' +
        'URL, a pg Pool, a PGlite or a data directory; leave `database` out for an embedded PGlite in ./.tbb-outbox.',
    ),
  );
});

it('refuses `database: null`, saying what it accepts', () => {
  expect(() => createOutbox({ wallet, database: null as never })).toThrow(
    new TypeError(
      'createOutbox: `database` must be a postgres:// URL, a pg Pool, a PGlite, a data directory or { dataDir }.',
    ),
  );
});

describe.skipIf(noDatabase)(`a postgres:// URL${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('outbox_option');
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('with blanks around it (pasted, or read from a file) runs on the server it names', async () => {
    const outbox = createOutbox({ wallet, database: ` ${schema.url}\n` });
    try {
      expect(outbox.database).toEqual({ kind: 'postgres' });
      await outbox.migrate();
      expect(await outbox.jobs({ state: 'pending' })).toEqual([]);
    } finally {
      await outbox.close();
    }
  });
});
