/**
 * The shipped wallet rule suite: a wallet that breaks a rule is named by the rules it
 * breaks, with a message saying what it did. The sandbox's run of every rule, one test
 * each, is the README's example, examples/wallet-rules.test.ts (the PostgreSQL ledger
 * runs the same suite on PGlite and on a server).
 */
import type { WinRequest } from '@tbb-wallet/core';
import type { CallContext, Received } from '@tbb-wallet/handler';
import { describe, expect, it } from 'vitest';
import type { SandboxWallet, WalletRuleSubject } from '../src/index.ts';
import { createSandboxWallet, runWalletRules, WalletRuleError, walletRules } from '../src/index.ts';

function subjectOf(wallet: SandboxWallet, callbacks: Partial<SandboxWallet> = {}): WalletRuleSubject {
  return { wallet: { ...wallet, ...callbacks }, addPlayer: wallet.addPlayer, balanceOf: wallet.ledger.balanceOf };
}

describe('walletRules', () => {
  it('has unique ids, vendor rules first', () => {
    const rules = walletRules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules[0]?.group).toBe('vendor');
    expect(rules.at(-1)?.group).toBe('decisions');
  });
});

describe('runWalletRules', () => {
  it('reports every rule passed for the sandbox', async () => {
    const report = await runWalletRules(subjectOf(createSandboxWallet({ players: [] })));
    expect(report.results.filter((r) => !r.passed)).toEqual([]);
    expect(report).toMatchObject({ passed: walletRules().length, failed: 0 });
  });

  it('names the replay rules when a duplicate win is credited again, saying what the wallet answered', async () => {
    const sandbox = createSandboxWallet({ players: [] });
    let n = 0;
    // Every win is taken for a new one: its transaction_id gets a fresh suffix.
    const win = (request: Received<WinRequest>, context: CallContext) => {
      const data = {
        ...request.payload.provider_transfer_data,
        transaction_id: `${request.payload.provider_transfer_data.transaction_id}#${++n}`,
      };
      return sandbox.win({ ...request, payload: { ...request.payload, provider_transfer_data: data } }, context);
    };
    const report = await runWalletRules(subjectOf(sandbox, { win }));
    const failed = report.results.filter((r) => !r.passed);
    const ids = failed.map((r) => r.id);
    // The wins' rollbacks now name ids the wallet never kept, so the rollback rules fail too.
    expect(ids).toEqual(
      expect.arrayContaining([
        'decisions.at-once.win',
        'decisions.replay.win',
        'decisions.reused-id.win',
        'decisions.rollback-before-win',
        'vendor.win.zero',
      ]),
    );
    expect(ids.filter((id) => id.includes('bet') || id.includes('refund') || id === 'vendor.win.credit')).toEqual([]);
    expect(report.failed).toBe(failed.length);
    const replay = failed.find((r) => r.id === 'decisions.replay.win')?.error;
    expect(replay).toBeInstanceOf(WalletRuleError);
    expect((replay as Error).message).toMatch(
      /^the replayed answer: expected \{.*"balance":1300.*\}, got \{.*"balance":1407.*\}$/,
    );
  });

  it('names the original-amount rules when a refund gives back the amount it asks for', async () => {
    const sandbox = createSandboxWallet({ players: [] });
    const refund: SandboxWallet['refund'] = async (request, context) => {
      const answer = await sandbox.refund(request, context);
      const asked = request.amount - 300; // the suite's bets are 300: move what was asked instead
      const balance = (sandbox.ledger.balanceOf(request.player_id) ?? 0) + asked;
      sandbox.addPlayer({ player_id: request.player_id, currency_code: 'EUR', balance });
      return { ...answer, balance };
    };
    const report = await runWalletRules(subjectOf(sandbox, { refund }));
    const failed = report.results.filter((r) => !r.passed).map((r) => r.id);
    expect(failed).toEqual(
      expect.arrayContaining(['decisions.original-amount.refund.less', 'decisions.original-amount.refund.more']),
    );
    expect(failed).not.toContain('vendor.refund');
  });

  it('reports what a callback threw that is not a refusal', async () => {
    const sandbox = createSandboxWallet({ players: [] });
    const broken = new Error('database gone');
    const report = await runWalletRules(subjectOf(sandbox, { bet: async () => Promise.reject(broken) }));
    expect(report.results.find((r) => r.id === 'vendor.bet.debit')).toEqual({
      id: 'vendor.bet.debit',
      title: expect.any(String),
      passed: false,
      error: broken,
    });
  });
});
