/**
 * Plays the platform against any wallet URL over real HTTP, with the real client,
 * and reports every scenario.
 */
import { createWalletClient, nodeHttpTransport } from '@tbb-wallet/client';
import type { Answer } from './answer.ts';
import { answerOf, describeAnswer } from './answer.ts';
import type { RunState } from './probe.ts';
import { Probe, ScenarioFailure, ScenarioSkip } from './probe.ts';
import type { GroupedScenario } from './scenarios.ts';
import { allScenarios } from './scenarios.ts';
import type { ConformanceOptions, ConformanceReport, ScenarioResult } from './types.ts';

/**
 * Runs the conformance suite against the operator wallet at `options.url`: signatures,
 * validation, balance, bet, win, idempotency, refunds and rollbacks, consistency.
 * Scenarios run one after another with the same player; each checks status and code
 * exactly, and that an error message starts with the vendor's message.
 *
 * It moves real money on that player (wins add to its balance), so point it at a test
 * player. Scenarios needing `unknownPlayerId` or `blockedPlayer` are skipped without them.
 *
 * @throws TypeError when `url` or `secret` is missing.
 * @see WALLET-PROTOCOL.md §2–§6
 * @example
 * const report = await runConformance({ url: 'http://127.0.0.1:8080/wallet', secret });
 * if (!report.ok) console.table(report.results.filter((r) => r.status === 'failed'));
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  if (!options.secret) throw new TypeError('runConformance needs the shared secret.');
  const url = new URL(options.url).href;
  // The client's node:http transport where there is one: Node's fetch cannot read a 407 answer.
  const fetch = options.fetch ?? nodeHttpTransport() ?? ((request: Request) => globalThis.fetch(request));
  const client = createWalletClient({
    baseUrl: url,
    secret: options.secret,
    fetch,
    timeoutMs: options.timeoutMs ?? 5000,
    retry: { attempts: 1 },
  });
  const player = {
    player_id: options.player?.player_id ?? randomPlayerId(),
    currency_code: options.player?.currency_code ?? 'EUR',
  };
  const run: RunState = {
    url,
    secret: options.secret,
    options,
    client,
    fetch,
    player,
    runId: `c${Date.now().toString(36)}`,
    counter: 0,
    balance: 0,
    operatorIds: new Map(),
    collisions: [],
  };
  const opening = await resync(run);

  const only = options.only && new Set(options.only);
  const selected = allScenarios.filter((s) => !only || only.has(s.id) || only.has(s.group));
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of selected.entries()) {
    options.onScenarioStart?.(
      { id: scenario.id, group: scenario.group, title: scenario.title },
      index,
      selected.length,
    );
    // Nothing answered the opening balance call: report every scenario as not run rather than wait on each.
    const result = opening.status === 0 ? notRun(scenario, player.player_id, opening) : await play(run, scenario);
    results.push(result);
    options.onScenarioEnd?.(result, index, selected.length);
  }
  const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length;
  const failed = count('failed');
  const reachable = opening.status !== 0;
  return { url, reachable, passed: count('passed'), failed, skipped: count('skipped'), ok: failed === 0, results };
}

async function play(run: RunState, scenario: GroupedScenario): Promise<ScenarioResult> {
  const probe = new Probe(run);
  const started = performance.now();
  let status: ScenarioResult['status'] = 'passed';
  let { expected, got } = { expected: '', got: '' };
  try {
    await scenario.run(probe);
    ({ expected, got } = probe);
  } catch (error) {
    if (error instanceof ScenarioSkip) {
      status = 'skipped';
      got = error.message;
    } else {
      status = 'failed';
      if (error instanceof ScenarioFailure) ({ expected, got } = error);
      else got = `the scenario broke: ${error instanceof Error ? error.message : String(error)}`;
      await resync(run); // so one failure does not fail every later balance check
    }
  }
  const durationMs = Math.round(performance.now() - started);
  const { id, group, title } = scenario;
  return { id, group, title, status, sent: probe.sent.join('; '), expected, got, durationMs };
}

function notRun(scenario: GroupedScenario, playerId: string, opening: Answer): ScenarioResult {
  const { id, group, title } = scenario;
  const got = `not run: ${describeAnswer(opening)} to the opening balance call`;
  return { id, group, title, status: 'failed', sent: `balance of ${playerId}`, expected: '200', got, durationMs: 0 };
}

/** Sets the tracked balance to the wallet's own (left as it was when the wallet does not answer); returns the answer. */
async function resync(run: RunState): Promise<Answer> {
  const { player_id, currency_code } = run.player;
  const request = {
    player_id,
    currency_code,
    is_mobile: false,
    reference: 'conformance',
    session_token: 'conformance',
  };
  const answer = await answerOf(() => run.client.balance(request));
  if (answer.status === 200) run.balance = (answer.body as { balance: number }).balance;
  return answer;
}

/** A fresh all-digit player id, so the numeric player_id scenario can run. */
function randomPlayerId(): string {
  const [high = 0, low = 0] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return `9${String(high).padStart(10, '0')}${String(low % 1000).padStart(3, '0')}`;
}
