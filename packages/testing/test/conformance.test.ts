/**
 * The conformance suite over real HTTP: it passes against the sandbox behind the real
 * handler, and fails, naming the right scenarios, against deliberately broken wallets.
 */
import type { BetRequest, WinRequest } from '@tbb-wallet/core';
import type { CallContext, Received, WalletCallbacks } from '@tbb-wallet/handler';
import { BetRejectedError, InsufficientFundsError } from '@tbb-wallet/handler';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConformanceReport } from '../src/index.ts';
import { conformanceScenarios, createSandboxWallet, runConformance } from '../src/index.ts';
import type { Served } from './serve.ts';
import { serveFetch, serveReparsedWallet, serveUncheckedWallet, serveWallet } from './serve.ts';

const secret = 'conformance-secret';
// Whole suites over real HTTP and child processes: generous limits for a loaded machine (no speed is asserted).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const failedIds = (report: ConformanceReport) => report.results.filter((r) => r.status === 'failed').map((r) => r.id);

describe('runConformance', () => {
  it('has at least 30 scenarios, in every group the issue names', () => {
    const scenarios = conformanceScenarios();
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
    expect(new Set(scenarios.map((s) => s.group))).toEqual(
      new Set(['signatures', 'validation', 'balance', 'bet', 'win', 'idempotency', 'refund-rollback', 'consistency']),
    );
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  it('passes every scenario against the sandbox with the players the optional scenarios need', async () => {
    const wallet = createSandboxWallet({
      players: [
        { player_id: '4242', currency_code: 'EUR', balance: 5000 },
        { player_id: 'blocked-1', currency_code: 'EUR', balance: 5000, blocked: true },
      ],
    });
    served = await serveWallet(secret, wallet);
    const report = await runConformance({
      url: served.url,
      secret,
      player: { player_id: '4242' },
      unknownPlayerId: 'nobody',
      blockedPlayer: { player_id: 'blocked-1' },
    });
    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ ok: true, failed: 0, skipped: 0, passed: conformanceScenarios().length });
    // the run's own bookkeeping agrees with the sandbox's ledger
    const { ledger } = wallet;
    const moved = ledger
      .entries()
      .filter((e) => e.playerId === '4242')
      .reduce((sum, e) => sum + e.movement, 0);
    expect(ledger.balanceOf('4242')).toBe(5000 + moved);
  });

  it('skips, saying what it needs, the scenarios whose players were not given', async () => {
    served = await serveWallet(secret, createSandboxWallet());
    const report = await runConformance({ url: served.url, secret, only: ['balance', 'bet.blocked-player'] });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['balance.read', 'passed'],
      ['balance.unknown-player', 'skipped'],
      ['balance.other-currency', 'passed'],
      ['bet.blocked-player', 'skipped'],
    ]);
    expect(report.results[1]!.got).toContain('unknownPlayerId');
  });

  it('states what each scenario sent, expected and got', async () => {
    served = await serveWallet(secret, createSandboxWallet());
    const report = await runConformance({ url: served.url, secret, only: ['bet.insufficient-funds'] });
    expect(report.results[0]).toMatchObject({
      status: 'passed',
      sent: expect.stringMatching(/^bet \d+ tx=\S+; balance of \d+$/),
      expected: expect.stringMatching(/^200 balance=\d+$/),
      got: expect.stringMatching(/^200 balance=\d+$/),
    });
  });

  it('reports every scenario as not run (not failed), without throwing, when nothing listens at the URL', async () => {
    served = await serveWallet(secret, createSandboxWallet());
    const url = served.url;
    await served.close();
    served = undefined;
    const report = await runConformance({ url, secret, only: ['signatures.valid', 'bet.debit'], timeoutMs: 2000 });
    expect(report).toMatchObject({ ok: false, reachable: false, failed: 0, passed: 0, notRun: 2, total: 2 });
    expect(report.results.map((r) => r.status)).toEqual(['not-run', 'not-run']);
    expect(report.causes).toEqual([
      {
        kind: 'unreachable',
        message: expect.stringMatching(/^nothing answered the wallet URL: no answer \(.*ECONNREFUSED/),
      },
    ]);
  });

  it('gives up on a wallet that never answers after timeoutMs, and says so', async () => {
    served = await serveFetch(() => new Promise<Response>(() => {})); // holds every call forever
    const report = await runConformance({ url: served.url, secret, only: ['balance.read'], timeoutMs: 200 });
    expect(report).toMatchObject({ ok: false, reachable: false, notRun: 1 });
    expect(report.causes[0]!.message).toMatch(/no answer \(.*200 ?ms/i);
  });
});

describe('runConformance against broken wallets', () => {
  /** The sandbox with one callback replaced. */
  function twisted(twist: (sandbox: ReturnType<typeof createSandboxWallet>) => Partial<WalletCallbacks>) {
    const sandbox = createSandboxWallet();
    return { ...sandbox, ...twist(sandbox) } as WalletCallbacks;
  }

  it('names the idempotency scenarios when duplicates of a win are credited again', async () => {
    let copy = 0;
    const wallet = twisted((sandbox) => ({
      win: (request: Received<WinRequest>, context: CallContext) => {
        const data = request.payload.provider_transfer_data;
        const fresh = { ...data, transaction_id: `${data.transaction_id}#${++copy}` };
        return sandbox.win({ ...request, payload: { ...request.payload, provider_transfer_data: fresh } }, context);
      },
    }));
    served = await serveWallet(secret, wallet);
    const failed = failedIds(await runConformance({ url: served.url, secret }));
    expect(failed).toEqual(expect.arrayContaining(['idempotency.win-replay', 'idempotency.concurrent-win']));
    expect(failed).not.toContain('idempotency.bet-replay');
    expect(failed.filter((id) => id.startsWith('signatures.') || id.startsWith('validation.'))).toEqual([]);
  });

  it('names the signature scenarios when the wallet does not check signatures', async () => {
    served = await serveUncheckedWallet(secret, createSandboxWallet());
    const failed = failedIds(await runConformance({ url: served.url, secret }));
    expect(failed.sort()).toEqual(
      [
        'signatures.empty',
        'signatures.malformed',
        'signatures.missing',
        'signatures.reserialised',
        'signatures.tampered',
        'signatures.wrong-secret',
      ].sort(),
    );
  });

  it('names the repeated-key scenarios when a wallet reads the last of two keys (JSON.parse) instead of refusing', async () => {
    served = await serveReparsedWallet(secret, createSandboxWallet());
    const ids = ['validation.duplicate-key', 'validation.duplicate-key-escaped'];
    const report = await runConformance({ url: served.url, secret, only: ['balance.read', ...ids] });
    expect(failedIds(report)).toEqual(ids);
  });

  it('names the refusal scenarios when refused bets are debited anyway', async () => {
    const wallet = twisted((sandbox) => ({
      bet: async (request: Received<BetRequest>, context: CallContext) => {
        try {
          return await sandbox.bet(request, context);
        } catch (refusal) {
          if (!(refusal instanceof InsufficientFundsError || refusal instanceof BetRejectedError)) throw refusal;
          const balance = sandbox.ledger.balanceOf(request.player_id) ?? 0;
          sandbox.addPlayer({ ...request, balance: balance - request.amount }); // debited after all
          throw refusal;
        }
      },
    }));
    served = await serveWallet(secret, wallet);
    const failed = failedIds(await runConformance({ url: served.url, secret }));
    expect(failed).toEqual(
      expect.arrayContaining([
        'bet.insufficient-funds',
        'idempotency.refusal-is-final',
        'refund-rollback.refund-unknown',
      ]),
    );
    expect(failed.filter((id) => id.startsWith('signatures.') || id.startsWith('win.'))).toEqual([]);
  });
});
