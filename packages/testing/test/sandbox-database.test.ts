/**
 * `tbb-wallet sandbox --database …` serves the PostgreSQL ledger, and the conformance
 * suite passes against it over real HTTP: on the server at DATABASE_URL (in a schema of
 * its own) and on the embedded PGlite.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conformanceScenarios, runConformance } from '../src/index.ts';
import type { SandboxProcess } from './cli-process.ts';
import { assertBuilt, startSandbox } from './cli-process.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const secret = 'ledger-sandbox-secret';
const databaseUrl = process.env.DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'tbb-wallet-ledger-sandbox-'));
const playersFile = join(dir, 'players.json');
writeFileSync(
  playersFile,
  JSON.stringify([
    { player_id: '4242', currency_code: 'EUR', balance: 5000 },
    { player_id: 'blocked-1', currency_code: 'EUR', balance: 5000, blocked: true },
  ]),
);

async function certify(sandbox: SandboxProcess) {
  const report = await runConformance({
    url: sandbox.url,
    secret,
    player: { player_id: '4242' },
    unknownPlayerId: 'ghost',
    blockedPlayer: { player_id: 'blocked-1' },
  });
  expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
  expect(report.passed).toBe(conformanceScenarios().length);
}

describe.skipIf(!databaseUrl)('tbb-wallet sandbox --database $DATABASE_URL (needs DATABASE_URL)', () => {
  const schema = `sandbox_cli_${randomUUID().replaceAll('-', '')}`;
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    assertBuilt();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(databaseUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    sandbox = await startSandbox(['--secret', secret, '--players', playersFile, '--database', url.toString()]);
  });
  afterAll(async () => {
    await sandbox?.stop();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('says it serves the ledger, without the password, and passes the conformance suite', async () => {
    await vi.waitFor(() => expect(sandbox.output()).toContain('ledger on PostgreSQL at postgres://postgres@'));
    await certify(sandbox);
  });
});

describe('tbb-wallet sandbox --database pglite', () => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    assertBuilt();
    sandbox = await startSandbox(['--secret', secret, '--players', playersFile, '--database', 'pglite']);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('serves the ledger on an embedded PostgreSQL and passes the conformance suite', async () => {
    await vi.waitFor(() => expect(sandbox.output()).toContain('embedded PostgreSQL (PGlite) in memory'));
    await certify(sandbox);
  });
});
