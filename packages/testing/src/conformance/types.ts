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
   * The player the scenarios play with. It needs at least 1,000 subunits (10.00) and
   * every scenario leaves its balance as it found it, except the money wins add.
   * Default: a fresh all-digit player id in EUR, which a sandbox creates on first sight.
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
  /** Run only the scenarios whose id or group is listed. */
  only?: readonly string[];
  /** Called before each scenario runs. */
  onScenarioStart?: (scenario: ScenarioInfo, index: number, total: number) => void;
  /** Called after each scenario with its result. */
  onScenarioEnd?: (result: ScenarioResult, index: number, total: number) => void;
}

/** What a scenario is: its id, group and what it proves. */
export interface ScenarioInfo {
  /** Stable id, e.g. `signatures.missing`. */
  readonly id: string;
  readonly group: ScenarioGroup;
  /** One line saying what it proves. */
  readonly title: string;
}

/** The outcome of one scenario: what it sent, what it expected and what it got. */
export interface ScenarioResult extends ScenarioInfo {
  readonly status: 'passed' | 'failed' | 'skipped';
  /** The calls sent, in short (`bet 100 tx=c1-7`; …). */
  readonly sent: string;
  /** What the failing check expected, or the last check's expectation when all passed. */
  readonly expected: string;
  /** What the wallet answered to that check (or why the scenario was skipped). */
  readonly got: string;
  readonly durationMs: number;
}

/** The whole run. */
export interface ConformanceReport {
  readonly url: string;
  /** False when nothing answered the opening balance call; every scenario is then failed as not run. */
  readonly reachable: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** True when no scenario failed. */
  readonly ok: boolean;
  readonly results: readonly ScenarioResult[];
}
