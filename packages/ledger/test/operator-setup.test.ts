/**
 * The operator set-up both READMEs show (examples/operator-setup.ts, verbatim) runs, and
 * running it again — a restart — changes no balance and moves no money twice.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOperator } from '../examples/operator-setup.ts';
import { transferRequest } from './support/calls.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { post, secret } from './support/http.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it.each([
  ['the ledger README', '../README.md'],
  ['the root README', '../../../README.md'],
])('%s shows the operator set-up verbatim', (_name, readme) => {
  expect(read(readme)).toContain(`\`\`\`ts\n${read('../examples/operator-setup.ts')}\`\`\``);
});

describe.skipIf(noDatabase)(`the operator set-up on PostgreSQL${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema();
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('started, played on, restarted twice: the balance is what was played, the deposit counted once', async () => {
    const first = await startOperator({ databaseUrl: schema.url, secret, port: 0 });
    const bet = await post(first.url, transferRequest('bet', { player: '6', id: 'setup-bet', amount: 2500 }));
    expect(bet).toMatchObject({ status: 200, json: { balance: 7500 } });
    await first.close();

    for (let restart = 0; restart < 2; restart++) {
      const again = await startOperator({ databaseUrl: schema.url, secret, port: 0 });
      try {
        expect(await again.ledger.balanceOf('6')).toBe(7500);
        expect((await again.ledger.entries('6')).map((e) => [e.action, e.movement])).toEqual([
          ['deposit', 10_000],
          ['bet', -2500],
        ]);
      } finally {
        await again.close();
      }
    }
  }, 30_000);
});
