/**
 * One run's shared state, and playing one scenario on it.
 */
import type { WalletClient } from '@tbb-wallet/client';
import { createWalletClient } from '@tbb-wallet/client';
import type { Answer } from './answer.ts';
import { answerOf } from './answer.ts';
import type { ExchangeSink } from './exchanges.ts';
import { recordingFetch } from './exchanges.ts';
import type { RunState } from './probe.ts';
import { Probe, ScenarioFailure, ScenarioSkip } from './probe.ts';
import type { GroupedScenario } from './scenarios.ts';
import type { ConformanceOptions, Exchange, ScenarioInfo, ScenarioResult } from './types.ts';

/** What a run is played against and as whom. */
export interface RunTarget {
  readonly url: string;
  readonly options: ConformanceOptions;
  readonly transport: (request: Request) => Promise<Response>;
  readonly player: { player_id: string; currency_code: string };
  /** Where the exchanges made outside any scenario go. */
  readonly own: ExchangeSink;
  readonly onExchange?: (exchange: Exchange, scenario: ScenarioInfo | undefined) => void;
}

/** A fresh run: a client that sends through a recording fetch, the tracked balance at 0. */
export function newRun(target: RunTarget): RunState {
  const { url, options, own, onExchange } = target;
  const runStarted = performance.now();
  const sinkNow = (): ExchangeSink => {
    const { sink, scenario } = run;
    return {
      record: (exchange) => {
        sink.record(exchange);
        onExchange?.(exchange, scenario);
      },
    };
  };
  const fetch = recordingFetch(target.transport, sinkNow, runStarted);
  const client: WalletClient = createWalletClient({
    baseUrl: url,
    secret: options.secret,
    fetch,
    timeoutMs: options.timeoutMs ?? 5000,
    retry: { attempts: 1 },
  });
  const run: RunState = {
    url,
    secret: options.secret,
    options,
    client,
    fetch,
    player: target.player,
    runId: `c${Date.now().toString(36)}`,
    counter: 0,
    balance: 0,
    operatorIds: new Map(),
    collisions: [],
    sink: own,
  };
  return run;
}

/** Plays one scenario; a failure re-reads the balance so it does not fail every later balance check. */
export async function play(run: RunState, scenario: GroupedScenario): Promise<ScenarioResult> {
  const probe = new Probe(run);
  const { id, group, title } = scenario;
  const { sink } = run;
  run.sink = probe;
  run.scenario = { id, group, title };
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
      await resync(run);
    }
  } finally {
    run.sink = sink;
    run.scenario = undefined;
  }
  const durationMs = Math.round(performance.now() - started);
  return {
    id,
    group,
    title,
    status,
    sent: probe.sent.join('; '),
    expected,
    got,
    warnings: status === 'passed' ? [...probe.warnings] : [],
    exchanges: probe.exchanges,
    durationMs,
  };
}

/** A scenario the run never played, and why. */
export function notRun(scenario: GroupedScenario, why: string): ScenarioResult {
  const { id, group, title } = scenario;
  return {
    id,
    group,
    title,
    status: 'not-run',
    sent: '',
    expected: '',
    got: why,
    warnings: [],
    exchanges: [],
    durationMs: 0,
  };
}

/** Sets the tracked balance to the wallet's own (left as it was when the wallet does not answer); returns the answer. */
export async function resync(run: RunState): Promise<Answer> {
  const answer = await answerOf(() => run.client.balance(balanceRequest(run)));
  if (answer.status === 200) run.balance = (answer.body as { balance: number }).balance;
  return answer;
}

/** The run's own balance request (not part of any scenario). */
export function balanceRequest(run: RunState) {
  const { player_id, currency_code } = run.player;
  return { player_id, currency_code, is_mobile: false, reference: 'conformance', session_token: 'conformance' };
}
