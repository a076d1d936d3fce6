/**
 * One outbox worker in a child process, as a provider runs it: on the PostgreSQL at
 * OUTBOX_DATABASE_URL, sending to WALLET_URL with the secret read from SECRET_FILE at
 * every send (so the test rotates it by rewriting the file). Tells the parent every event
 * over IPC; closes on "stop".
 *
 * Run by workers.test.ts: node --conditions=source --import tsx worker-process.ts
 */
import { readFileSync } from 'node:fs';
import { createOutbox } from '@tbb-wallet/outbox';

const outbox = createOutbox({
  wallet: { baseUrl: process.env.WALLET_URL ?? '', secret: () => readFileSync(process.env.SECRET_FILE ?? '', 'utf8') },
  database: process.env.OUTBOX_DATABASE_URL,
  workerId: process.env.WORKER_ID,
  concurrency: 4,
  timeoutMs: 800,
  leaseMs: 2000,
  pollMs: 50,
  backoff: { phases: [{ untilMs: 120_000, minDelayMs: 50, maxDelayMs: 400 }], forbiddenDelayMs: 150 },
  onEvent: (event) => {
    if (event.type === 'error') process.send?.({ type: 'error', error: String(event.error) });
    else process.send?.(event);
  },
});
outbox.start();
process.send?.({ type: 'ready' });
process.on('message', (message) => {
  if (message === 'stop') void outbox.close().then(() => process.exit(0));
});
