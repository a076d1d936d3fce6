/**
 * The wallet rule suite: every rule of WALLET-PROTOCOL.md §4 and §6, run in process
 * against a wallet's five callbacks — no HTTP, no signatures, any test framework.
 */
import { decisionRules } from './decision-rules.ts';
import type { WalletRule, WalletRuleReport, WalletRuleResult, WalletRuleSubject } from './types.ts';
import { vendorRules } from './vendor-rules.ts';

/**
 * Every rule, vendor rules (§4) first. Register each as a test of your framework; each
 * run makes its own players and transaction ids, so one subject (one database) serves
 * every rule, and rules may run concurrently.
 *
 * The suite calls the callbacks as the handler does and observes answers, refusals
 * (thrown `WalletRefusal`s) and balances. It needs players to be added with
 * `addPlayer` and unknown ids to be refused 404. Over HTTP, with signatures and
 * validation, the conformance suite (`runConformance`) certifies the whole endpoint.
 *
 * @see WALLET-PROTOCOL.md §4 and §6
 * @example
 * // vitest (or jest, node:test: any `it`)
 * const wallet = createSandboxWallet({ players: [] });
 * const subject = { wallet, addPlayer: wallet.addPlayer, balanceOf: wallet.ledger.balanceOf };
 * for (const rule of walletRules()) it(rule.title, () => rule.run(subject));
 */
export function walletRules(): WalletRule[] {
  return [...vendorRules, ...decisionRules];
}

/**
 * Runs every rule against `subject`, one after the other, without a test framework,
 * and reports which failed and why.
 *
 * @example
 * const report = await runWalletRules(myWallet);
 * for (const r of report.results) if (!r.passed) console.error(r.title, r.error);
 */
export async function runWalletRules(subject: WalletRuleSubject): Promise<WalletRuleReport> {
  const results: WalletRuleResult[] = [];
  for (const { id, title, run } of walletRules()) {
    try {
      await run(subject);
      results.push({ id, title, passed: true });
    } catch (error) {
      results.push({ id, title, passed: false, error });
    }
  }
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}
