/**
 * Plays the platform against any wallet URL over real HTTP, with the real client,
 * and reports every scenario.
 */
import { nodeHttpTransport } from '@tbb-wallet/client';
import type { Answer } from './answer.ts';
import { answerOfCall, describeAnswer } from './answer.ts';
import { causesOf } from './causes.ts';
import { newRun, notRun, play, resync } from './play-scenario.ts';
import type { RunState } from './probe.ts';
import { rehearse } from './rehearsal.ts';
import { buildRequest } from './requests.ts';
import { selectScenarios } from './scenarios.ts';
import type {
  ConformanceBalance,
  ConformanceCause,
  ConformanceOptions,
  ConformancePlan,
  ConformanceReport,
  Exchange,
  ScenarioResult,
} from './types.ts';

/**
 * Runs the conformance suite against the operator wallet at `options.url`: signatures,
 * validation, balance, bet, win, idempotency, refunds and rollbacks, consistency.
 * Scenarios run one after another with the same player. The status and `code` of every
 * answer are the contract and are checked exactly; a refusal message that differs from
 * the vendor's is reported as a warning, never a failure.
 *
 * It moves real money on that player, so point it at a test player: `onPlan` says how much
 * before the first scenario, and at the end one bet or win of the difference puts the
 * balance back where it was. It stops before any scenario when nothing answers or the
 * player is unknown (404), and names such causes, and a wrong secret or a body parser in
 * front of the handler, once in `causes`. A run of zero scenarios is never `ok`.
 * Scenarios needing `unknownPlayerId` or `blockedPlayer` are skipped without them.
 *
 * @throws TypeError when `url` or `secret` is missing.
 * @throws UnknownScenarioError when `only` names an id or group the suite does not have.
 * @see WALLET-PROTOCOL.md §2–§6
 * @example
 * const report = await runConformance({ url: 'http://127.0.0.1:8080/wallet', secret, player: { player_id: '4242' } });
 * if (!report.ok) console.table(report.results.filter((r) => r.status !== 'passed'));
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  if (!options.secret) throw new TypeError('runConformance needs the shared secret.');
  const url = new URL(options.url).href;
  const selected = selectScenarios(options.only);
  const player = {
    player_id: options.player?.player_id ?? randomPlayerId(),
    currency_code: options.player?.currency_code ?? 'EUR',
  };
  const own: Exchange[] = [];
  const empty = { url, player, exchanges: own, balance: { restored: false } };
  if (selected.length === 0) {
    const cause: ConformanceCause = { kind: 'no-scenarios', message: 'no scenario was selected: nothing was checked' };
    return finish({ ...empty, reachable: false, results: [], causes: [cause] });
  }
  // The client's node:http transport where there is one: Node's fetch cannot read a 407 answer.
  const transport = options.fetch ?? nodeHttpTransport() ?? ((request: Request) => globalThis.fetch(request));
  const run = newRun({
    url,
    options,
    transport,
    player,
    own: { record: (e) => own.push(e) },
    onExchange: options.onExchange,
  });

  const opening = await resync(run);
  const stop = stopCause(opening, player);
  if (stop) {
    const why = `not run: ${stop.message}`;
    const results = selected.map((scenario) => notRun(scenario, why));
    for (const [index, result] of results.entries()) options.onScenarioEnd?.(result, index, results.length);
    return finish({ ...empty, reachable: opening.status !== 0, results, causes: [stop] });
  }
  const openingBalance = opening.status === 200 ? run.balance : undefined;
  let plan: ConformancePlan | undefined;
  if (openingBalance !== undefined && options.onPlan) {
    // Rehearsed only when asked for: it plays the scenarios once more, in memory.
    plan = await rehearse(selected, options, player, openingBalance);
    options.onPlan?.(plan);
  }

  const results: ScenarioResult[] = [];
  for (const [index, scenario] of selected.entries()) {
    options.onScenarioStart?.(
      { id: scenario.id, group: scenario.group, title: scenario.title },
      index,
      selected.length,
    );
    const result = await play(run, scenario);
    results.push(result);
    options.onScenarioEnd?.(result, index, selected.length);
  }
  const balance = openingBalance === undefined ? { restored: false } : await restore(run, openingBalance);
  const exchanges = [...own, ...results.flatMap((r) => r.exchanges)];
  const causes = await causesOf(exchanges, options.secret);
  return finish({ ...empty, reachable: true, results, causes, plan, balance });
}

/** Why the run stops before its first scenario, from the answer to the opening balance call. */
function stopCause(opening: Answer, player: { player_id: string }): ConformanceCause | undefined {
  if (opening.status === 0) {
    return { kind: 'unreachable', message: `nothing answered the wallet URL: ${describeAnswer(opening)}` };
  }
  if (opening.status === 404) {
    return {
      kind: 'unknown-player',
      message:
        `player ${player.player_id} is unknown to the wallet (its balance was answered 404): pass a test player ` +
        'it knows, with at least 10.00 on it: --player <id> (runConformance: player)',
    };
  }
  return undefined;
}

/** Puts the balance back where the run found it with one bet or win of the difference. */
async function restore(run: RunState, opening: number): Promise<ConformanceBalance> {
  const now = await resync(run);
  if (now.status !== 200) return { opening, restored: false };
  const difference = run.balance - opening;
  if (difference === 0) return { opening, closing: run.balance, restored: true };
  const action = difference > 0 ? 'bet' : 'win';
  const request = buildRequest(action, { ...run.player, id: `${run.runId}-restore`, amount: Math.abs(difference) });
  const answer = await answerOfCall(run.client, request);
  const closing = answer.status === 200 ? (answer.body as { balance: number }).balance : run.balance;
  return { opening, closing, restored: closing === opening };
}

function finish(
  parts: Omit<ConformanceReport, 'total' | 'passed' | 'failed' | 'skipped' | 'notRun' | 'warned' | 'ok'>,
): ConformanceReport {
  const count = (status: ScenarioResult['status']) => parts.results.filter((r) => r.status === status).length;
  const passed = count('passed');
  const failed = count('failed');
  const notRunCount = count('not-run');
  const warned = parts.results.filter((r) => r.warnings.length > 0).length;
  return {
    url: parts.url,
    player: parts.player,
    reachable: parts.reachable,
    total: parts.results.length,
    passed,
    failed,
    skipped: count('skipped'),
    notRun: notRunCount,
    warned,
    ok: passed > 0 && failed === 0 && notRunCount === 0,
    causes: parts.causes,
    ...(parts.plan && { plan: parts.plan }),
    balance: parts.balance,
    exchanges: parts.exchanges,
    results: parts.results,
  };
}

/** A fresh all-digit player id, so the numeric player_id scenario can run. */
function randomPlayerId(): string {
  const [high = 0, low = 0] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return `9${String(high).padStart(10, '0')}${String(low % 1000).padStart(3, '0')}`;
}
