// A provider's wins, paid however badly the operator behaves: queued durably, delivered in
// the background, retried until each gets a definitive answer.
// Try it against a sandbox that misbehaves on purpose:
//   npx tbb-wallet sandbox --port 8080 --secret S --faults "503=30%,drop=10%,delay=10%:2s,down=5s"
import type { WinRequest } from '@tbb-wallet/core';
import { createOutbox } from '@tbb-wallet/outbox';

/** Queues `wins`, delivers them to the wallet at `walletUrl`, and resolves to each job once none is pending. */
export async function payWins(walletUrl: string, secret: string, database: string, wins: WinRequest[]) {
  const outbox = createOutbox({
    wallet: { baseUrl: walletUrl, secret },
    database, // a PGlite data directory (one process), or postgres://… (many workers)
    timeoutMs: 1000, // per attempt: a late answer is an attempt that failed, retried with the same bytes
    leaseMs: 5000,
    // A demo's pace; the default schedule retries for 24 hours (see the README).
    backoff: { phases: [{ untilMs: 120_000, minDelayMs: 100, maxDelayMs: 1000 }] },
  });
  await outbox.migrate();
  for (const win of wins) await outbox.enqueue(win); // durable once this resolves
  outbox.start();
  while ((await outbox.stats()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  const jobs = await outbox.jobs();
  await outbox.close(); // finishes the deliveries in flight, then closes the database
  return jobs;
}
