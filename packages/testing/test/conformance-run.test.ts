/**
 * A conformance run that cannot pass by accident: selections that name nothing, players
 * the wallet does not know, wrong secrets, body parsers and reworded refusals each end
 * in a report that says so — and the run leaves the player's balance where it found it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BetRequest } from '@tbb-wallet/core';
import type { CallContext, Received } from '@tbb-wallet/handler';
import { createWalletHandler, InsufficientFundsError, toNodeListener } from '@tbb-wallet/handler';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conformanceScenarios, createSandboxWallet, runConformance, UnknownScenarioError } from '../src/index.ts';
import type { Served } from './serve.ts';
import { serveWallet } from './serve.ts';

const secret = 'conformance-run-secret';
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const players = () => [{ player_id: '4242', currency_code: 'EUR', balance: 5000 }];

describe('what runConformance selects', () => {
  it('refuses an id or group the suite does not have, naming it and listing the valid ones, before any call', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response('{}');
    };
    const run = runConformance({ url: 'http://127.0.0.1:9/wallet', secret, fetch, only: ['bet', 'nosuchgroup'] });
    await expect(run).rejects.toThrow(UnknownScenarioError);
    await expect(run).rejects.toThrow(/"nosuchgroup".*Groups: signatures, validation.*Scenarios: signatures\.valid/);
    expect(calls).toBe(0);
  });

  it('is never ok with zero scenarios, and says nothing was checked', async () => {
    served = await serveWallet(secret, createSandboxWallet());
    const report = await runConformance({ url: served.url, secret, only: [] });
    expect(report).toMatchObject({ ok: false, total: 0, passed: 0, failed: 0, exchanges: [] });
    expect(report.causes.map((c) => c.kind)).toEqual(['no-scenarios']);
  });

  it('is not ok when every selected scenario was skipped', async () => {
    served = await serveWallet(secret, createSandboxWallet());
    const report = await runConformance({ url: served.url, secret, only: ['balance.unknown-player'] });
    expect(report).toMatchObject({ ok: false, passed: 0, skipped: 1 });
  });
});

describe('players', () => {
  it('stops before any scenario when the player is unknown (404), saying what to pass, and moves nothing', async () => {
    const wallet = createSandboxWallet({ players: players() });
    served = await serveWallet(secret, wallet);
    const report = await runConformance({ url: served.url, secret, player: { player_id: '777' } });
    expect(report).toMatchObject({ ok: false, reachable: true, notRun: conformanceScenarios().length, failed: 0 });
    expect(report.causes).toEqual([
      { kind: 'unknown-player', message: expect.stringMatching(/^player 777 is unknown.*404.*--player <id>/) },
    ]);
    expect(report.exchanges).toHaveLength(1); // the opening balance call, nothing else
    expect(report.plan).toBeUndefined();
    expect(wallet.ledger.entries()).toEqual([]);
  });

  it('says before the run what it moves, and leaves the balance where it found it', async () => {
    const wallet = createSandboxWallet({ players: players() });
    served = await serveWallet(secret, wallet);
    const plans: unknown[] = [];
    const report = await runConformance({
      url: served.url,
      secret,
      player: { player_id: '4242' },
      onPlan: (plan) => plans.push(plan),
    });
    expect(report.ok).toBe(true);
    expect(report.balance).toEqual({ opening: 5000, closing: 5000, restored: true });
    expect(wallet.ledger.balanceOf('4242')).toBe(5000);
    // The plan is what the scenarios really moved: every entry but the final one of the difference.
    const moves = wallet.ledger.entries().filter((e) => e.playerId === '4242');
    const restoring = moves.at(-1)!;
    expect(restoring.transactionId).toMatch(/-restore$/);
    const scenarioMoves = moves.slice(0, -1);
    const debits = scenarioMoves.reduce((sum, e) => sum + Math.max(0, -e.movement), 0);
    const credits = scenarioMoves.reduce((sum, e) => sum + Math.max(0, e.movement), 0);
    expect(plans).toEqual([
      {
        player: { player_id: '4242', currency_code: 'EUR' },
        openingBalance: 5000,
        debits,
        credits,
        scenarios: report.results.length,
      },
    ]);
    expect(credits - debits).toBe(-restoring.movement);
    expect(debits).toBeGreaterThan(0);
  });
});

describe('recognisable causes, named once', () => {
  it('a wrong secret: every signed call 403 while the unsigned check passes; nothing moves', async () => {
    const wallet = createSandboxWallet({ players: players() });
    served = await serveWallet('the-operators-secret', wallet);
    const report = await runConformance({ url: served.url, secret, player: { player_id: '4242' } });
    expect(report.ok).toBe(false);
    expect(report.results.find((r) => r.id === 'signatures.empty')?.status).toBe('passed');
    expect(report.causes).toEqual([{ kind: 'wrong-secret', message: expect.stringContaining('secret is probably') }]);
    expect(wallet.ledger.entries()).toEqual([]);
  });

  it('a body parser in front of the handler: every call 500', async () => {
    const app = express();
    app.use(express.json());
    app.all(
      '/wallet',
      toNodeListener(createWalletHandler({ secret, wallet: createSandboxWallet(), onError: () => {} })),
    );
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`;
    served = { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
    const report = await runConformance({ url, secret, only: ['signatures', 'bet'] });
    expect(report.ok).toBe(false);
    expect(report.causes).toEqual([
      { kind: 'body-parser', message: expect.stringContaining('mount the handler before') },
    ]);
  });

  it('names no cause for a wallet that conforms', async () => {
    served = await serveWallet(secret, createSandboxWallet());
    const report = await runConformance({ url: served.url, secret, only: ['signatures', 'bet'] });
    expect(report).toMatchObject({ ok: true, causes: [] });
  });
});

describe('the message rule: status and code are the contract', () => {
  function sandboxRefusing(refusal: () => Error) {
    const sandbox = createSandboxWallet();
    return {
      ...sandbox,
      bet: async (request: Received<BetRequest>, context: CallContext) => {
        try {
          return await sandbox.bet(request, context);
        } catch (error) {
          throw error instanceof InsufficientFundsError ? refusal() : error;
        }
      },
    };
  }

  it('a refusal in the operator’s own words passes, with a warning naming both messages', async () => {
    served = await serveWallet(
      secret,
      sandboxRefusing(() => new InsufficientFundsError('Balance too low.')),
    );
    const report = await runConformance({ url: served.url, secret, only: ['bet.insufficient-funds'] });
    expect(report).toMatchObject({ ok: true, passed: 1, failed: 0, warned: 1 });
    expect(report.results[0]!.warnings).toEqual([
      '402 answered with "Balance too low."; the vendor\'s message is "The player does not have enough money for the action."',
    ]);
  });

  it('the right message with the wrong code fails', async () => {
    const { BadRequestError } = await import('@tbb-wallet/handler');
    served = await serveWallet(
      secret,
      sandboxRefusing(() => new BadRequestError()),
    );
    const report = await runConformance({ url: served.url, secret, only: ['bet.insufficient-funds'] });
    expect(report).toMatchObject({ ok: false, failed: 1 });
    expect(report.results[0]).toMatchObject({ expected: '402 code=402', got: expect.stringMatching(/^400 code=400/) });
  });
});
