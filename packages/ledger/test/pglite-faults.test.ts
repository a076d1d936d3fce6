/**
 * PGlite faults: an embedded database that could not start, or was closed under the
 * ledger, answers every call 503 (nothing moves, nothing crashes), never 500.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLedger } from '../src/index.ts';
import { balanceRequest, transferRequest } from './support/calls.ts';
import { startPglite } from './support/databases.ts';
import { post, serve } from './support/http.ts';

const unavailable = { status: 503, json: { code: 503, message: 'Service is unavailable.' } };

describe('PGlite that fails', () => {
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it('a PGlite closed under the ledger: balance and bet answered 503', async () => {
    const db = await startPglite();
    const ledger = createLedger({ database: db });
    await ledger.migrate();
    await ledger.addPlayer({ player_id: 'pl-1', currency_code: 'EUR', balance: 1000 });
    server = await serve(ledger.wallet);
    await db.close();
    const bet = transferRequest('bet', { player: 'pl-1', id: 'pl-bet', amount: 10 });
    expect(await post(server.url, bet)).toEqual(unavailable);
    expect(await post(server.url, balanceRequest('pl-1'))).toEqual(unavailable);
    await server.close();
    server = undefined;
  }, 60_000);

  it('an embedded PGlite that cannot start ({ dataDir } is a file): 503 per call, no unhandled rejection', async () => {
    const file = join(tmpdir(), `tbb-ledger-not-a-dir-${process.pid}`);
    await writeFile(file, 'not a directory');
    const ledger = createLedger({ database: { dataDir: file } });
    server = await serve(ledger.wallet);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await post(server.url, balanceRequest('pl-2'))).toEqual(unavailable);
    expect(await post(server.url, transferRequest('win', { player: 'pl-2', id: 'pl-win', amount: 10 }))).toEqual(
      unavailable,
    );
    await expect(ledger.migrate()).rejects.toThrow(/did not start/);
  }, 60_000);
});
