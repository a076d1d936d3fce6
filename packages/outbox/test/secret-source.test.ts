/**
 * A secret function that never answers (a secret store that hangs): each attempt fails within
 * `timeoutMs` with a retry event saying so, nothing is sent, `stop()` returns, and once the
 * store answers the job is delivered with that secret.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../src/index.ts';
import { createOutbox } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { eventually, win } from './support/requests.ts';

describe.skipIf(noDatabase)(`a secret function that hangs${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('outbox_secret');
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('fails the attempt within timeoutMs (nothing sent), stop() returns, and the job lands once the secret comes', async () => {
    const signed: string[] = [];
    const server = createServer((request, response) => {
      signed.push(String(request.headers['x-request-sign']));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ transaction_id: '1', balance: 10, currency_code: 'EUR' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`;
    let hanging = true;
    const events: OutboxEvent[] = [];
    const options = {
      wallet: { baseUrl, secret: () => (hanging ? new Promise<string>(() => {}) : 'the-secret') },
      database: schema.pool(2),
      pollMs: 20,
      timeoutMs: 200,
      leaseMs: 60_000,
      backoff: { phases: [{ untilMs: 600_000, minDelayMs: 10, maxDelayMs: 20 }] },
      onEvent: (event: OutboxEvent) => events.push(event),
    };
    const outbox = createOutbox(options);
    try {
      await outbox.migrate();
      const { id } = await outbox.enqueue(win('p1', 'secret-win', 'r1', 10));
      outbox.start();
      await eventually('a retry event', () => events.some((e) => e.type === 'retry'), 200);
      await outbox.stop();
      expect(events.find((e) => e.type === 'retry')).toMatchObject({
        jobId: id,
        error: "the operator's secret function did not answer within 200 ms (timeoutMs): nothing was sent",
      });
      expect(signed).toEqual([]);
      expect(await outbox.job(id)).toMatchObject({ state: 'pending' });
      hanging = false;
      outbox.start();
      await eventually('delivered', async () => (await outbox.job(id)).state === 'delivered', 200);
      expect(signed).toHaveLength(1);
    } finally {
      await outbox.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
