/**
 * The conformance suite's options, scenarios and report.
 */

/** The groups scenarios are reported under, in the order they run. */
export type ScenarioGroup =
  | 'signatures'
  | 'validation'
  | 'balance'
  | 'bet'
  | 'win'
  | 'idempotency'
  | 'refund-rollback'
  | 'consistency';

/** A player of the wallet under test. */
export interface ConformancePlayer {
  player_id: string;
  /** Default `EUR`. */
  currency_code?: string;
}

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** The operator's full wallet URL, path included. */
  url: string | URL;
  /** The secret shared with the operator. Never printed or reported. */
  secret: string;
  /**
   * The test player the scenarios play with. It needs at least 1,000 subunits (10.00);
   * the run bets and wins on it and, at the end, puts its balance back where it found it
   * with one bet or win of the difference. Against a real wallet, pass a test player it
   * knows: an opening balance answered 404 stops the run. Default: a fresh all-digit
   * player id in EUR, which a sandbox creates on first sight.
   */
  player?: ConformancePlayer;
  /** A player id the wallet does not know; without it the 404 scenarios are skipped. */
  unknownPlayerId?: string;
  /** A blocked player; without it the 407 scenario is skipped. */
  blockedPlayer?: ConformancePlayer;
  /** Time one call may take, in ms. Default 5000. */
  timeoutMs?: number;
  /**
   * The fetch to send with. Default: one over node:http where it exists (Node's global
   * `fetch` turns a 407 answer into a network error), else the global `fetch`.
   */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Run only the scenarios whose id or group is listed. An id or group the suite does not
   * have is an error (a typo must not certify a wallet); an empty list runs nothing and
   * the report is then not ok.
   */
  only?: readonly string[];
  /**
   * Called once the opening balance is known, before the first scenario, with what the run
   * will move. Giving it costs a rehearsal: the scenarios are played once more first, on an
   * in-memory sandbox (no network). Without it the report has no `plan`.
   */
  onPlan?: (plan: ConformancePlan) => void;
  /** Called before each scenario runs. */
  onScenarioStart?: (scenario: ScenarioInfo, index: number, total: number) => void;
  /** Called after each scenario with its result. */
  onScenarioEnd?: (result: ScenarioResult, index: number, total: number) => void;
  /** Called after every HTTP exchange of the run, as it completes (scenario calls and the run's own). */
  onExchange?: (exchange: Exchange, scenario: ScenarioInfo | undefined) => void;
}

/** What a scenario is: its id, group and what it proves. */
export interface ScenarioInfo {
  /** Stable id, e.g. `signatures.missing`. */
  readonly id: string;
  readonly group: ScenarioGroup;
  /** One line saying what it proves. */
  readonly title: string;
}

/** One HTTP request the suite sent and what came back, byte for byte as text. Never holds the secret. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  /** The request headers as sent, `x-request-sign` (the signature) included. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: string;
  /** The HTTP status, or 0 when no answer arrived. */
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: string;
  /** Why no answer arrived (refused connection, timeout…). */
  readonly error?: string;
  /** When it was sent, in ms since the run started. */
  readonly startedMs: number;
  readonly durationMs: number;
}

/**
 * The outcome of one scenario. `not-run` means it was never played because the run
 * stopped first (see {@link ConformanceReport.causes}); it is neither passed nor failed.
 */
export interface ScenarioResult extends ScenarioInfo {
  readonly status: 'passed' | 'failed' | 'skipped' | 'not-run';
  /** The calls sent, in short (`bet 100 tx=c1-7`; …). */
  readonly sent: string;
  /** What the failing check expected, or the last check's expectation when all passed. */
  readonly expected: string;
  /** What the wallet answered to that check (or why the scenario was skipped or not run). */
  readonly got: string;
  /**
   * What differs from the vendor without breaking the contract: a refusal whose status
   * and `code` are right but whose message is not the vendor's. Never a failure.
   */
  readonly warnings: readonly string[];
  /** Every HTTP exchange the scenario made, in the order they completed. */
  readonly exchanges: readonly Exchange[];
  readonly durationMs: number;
}

/** A recognisable reason why many scenarios failed or none ran, said once. */
export interface ConformanceCause {
  readonly kind: 'unreachable' | 'unknown-player' | 'wrong-secret' | 'body-parser' | 'no-scenarios';
  /** One line saying what happened and what to do. */
  readonly message: string;
}

/** What the run will move on its player, said before the first scenario. */
export interface ConformancePlan {
  readonly player: { readonly player_id: string; readonly currency_code: string };
  /** The balance the wallet answered before the run, in subunits. */
  readonly openingBalance: number;
  /** Sum of the debits (bets, rollbacks) the scenarios make on a conforming wallet, in subunits. */
  readonly debits: number;
  /** Sum of the credits (wins, refunds) the scenarios make on a conforming wallet, in subunits. */
  readonly credits: number;
  /** How many scenarios will run. */
  readonly scenarios: number;
}

/** The player's balance around the run. */
export interface ConformanceBalance {
  /** Before the first scenario (absent when the wallet did not answer it). */
  readonly opening?: number;
  /** After the run, the final bet or win of the difference included. */
  readonly closing?: number;
  /** True when the closing balance equals the opening one. */
  readonly restored: boolean;
}

/** The whole run. */
export interface ConformanceReport {
  readonly url: string;
  /** The player the run played with. */
  readonly player: { readonly player_id: string; readonly currency_code: string };
  /** False when nothing answered the opening balance call. */
  readonly reachable: boolean;
  /** The selected scenarios. */
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Scenarios never played because the run stopped first. */
  readonly notRun: number;
  /** Scenarios that passed with a warning. */
  readonly warned: number;
  /**
   * True only when at least one scenario passed and none failed or was not run: a run of
   * zero scenarios, or one that could not start, is never ok.
   */
  readonly ok: boolean;
  /** Recognisable causes (a wrong secret, an unknown player…), each said once. */
  readonly causes: readonly ConformanceCause[];
  /** What the run moved on its player, when `onPlan` was given. */
  readonly plan?: ConformancePlan;
  readonly balance: ConformanceBalance;
  /** The HTTP exchanges the run made outside any scenario (opening balance, restoring it). */
  readonly exchanges: readonly Exchange[];
  readonly results: readonly ScenarioResult[];
}
