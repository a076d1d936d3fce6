/**
 * A retry schedule whose next time cannot be written on a job (an `Infinity` or centuries-long
 * delay, beyond JavaScript's dates and PostgreSQL's timestamps) is refused at creation: it used to
 * throw inside the worker, unhandled (a process ends on an unhandled rejection), and the job was
 * sent again at every lease, with no event. Whatever still fails in a delivery is an `error` event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../src/index.ts';
import { createOutbox, maxBackoffDelayMs } from '../src/index.ts';
import type { TestSchema } from './support/databases.ts';
import { createTestSchema, noDatabase, pgSkipReason } from './support/databases.ts';
import { eventually, win } from './support/requests.ts';

const wallet = { baseUrl: 'http://127.0.0.1:9/wallet', secret: 's' };
const phase = { untilMs: 600_000, minDelayMs: 10, maxDelayMs: 50 };
const tooLate = 'a later time cannot be written on a job.';

it('the bound is 365 days', () => {
  expect(maxBackoffDelayMs).toBe(31_536_000_000);
});

it.each([
  [
    'minDelayMs Infinity',
    { phases: [{ ...phase, minDelayMs: Number.POSITIVE_INFINITY, maxDelayMs: Number.POSITIVE_INFINITY }] },
    0,
  ],
  ['maxDelayMs of 3 million years', { phases: [phase, { untilMs: 700_000, minDelayMs: 10, maxDelayMs: 1e17 }] }, 1],
  ['maxDelayMs one ms over the bound', { phases: [{ ...phase, maxDelayMs: maxBackoffDelayMs + 1 }] }, 0],
])('refuses a phase with %s, naming it', (_name, backoff, index) => {
  expect(() => createOutbox({ wallet, backoff })).toThrow(
    new RangeError(
      `createOutbox: backoff.phases[${index}].maxDelayMs must be at most 31536000000 ms (365 days): ${tooLate}`,
    ),
  );
});

it.each([Number.POSITIVE_INFINITY, 1e17, -1])('refuses forbiddenDelayMs %s', (forbiddenDelayMs) => {
  expect(() => createOutbox({ wallet, backoff: { phases: [phase], forbiddenDelayMs } })).toThrow(
    new RangeError(`createOutbox: backoff.forbiddenDelayMs must be from 0 to 31536000000 ms (365 days): ${tooLate}`),
  );
});

it('takes a schedule at the bound', () => {
  const backoff = {
    phases: [{ untilMs: 1e12, minDelayMs: 0, maxDelayMs: maxBackoffDelayMs }],
    forbiddenDelayMs: maxBackoffDelayMs,
  };
  expect(() => createOutbox({ wallet, backoff })).not.toThrow();
});

describe.skipIf(noDatabase)(`a delivery that fails outside its attempt${pgSkipReason}`, () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema('outbox_bounds');
  });
  afterAll(async () => {
    await schema.drop();
  });

  it('is an error event, not an unhandled rejection; the job stays pending for the next lease', async () => {
    const events: OutboxEvent[] = [];
    const broken = new Error('telemetry broke');
    const outbox = createOutbox({
      wallet,
      database: schema.pool(2),
      pollMs: 20,
      timeoutMs: 100,
      leaseMs: 60_000,
      onEvent: (event) => events.push(event),
      // Documented as never throwing; one that does must not end the process.
      telemetry: {
        start() {
          throw broken;
        },
      },
    });
    try {
      await outbox.migrate();
      const { id } = await outbox.enqueue(win('p1', 'bounds-win', 'r1', 10));
      outbox.start();
      await eventually('the error event', () => events.some((e) => e.type === 'error'));
      await outbox.stop();
      const error = events.find((e) => e.type === 'error') as { error: unknown };
      expect(error.error).toBe(broken);
      expect(await outbox.jobs()).toMatchObject([{ id, state: 'pending', attempts: 1 }]);
    } finally {
      await outbox.close();
    }
  });
});
