/**
 * What a scenario works with: the real client and raw HTTP, request builders for the
 * run's player, and checks that record what was expected and what came back.
 */
import type { WalletClient } from '@tbb-wallet/client';
import type { WalletAction, WalletRequest } from '@tbb-wallet/core';
import { sign, walletErrorMessages } from '@tbb-wallet/core';
import type { Answer } from './answer.ts';
import { answerOfCall, answerOfResponse, describeAnswer } from './answer.ts';
import type { ExchangeSink } from './exchanges.ts';
import type { RequestSpec } from './requests.ts';
import { buildRequest, describeRequest } from './requests.ts';
import type { ConformanceOptions, Exchange, ScenarioInfo } from './types.ts';

/** The state one run shares between its scenarios. */
export interface RunState {
  readonly url: string;
  readonly secret: string;
  readonly options: ConformanceOptions;
  readonly client: WalletClient;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly player: { player_id: string; currency_code: string };
  readonly runId: string;
  counter: number;
  /** The balance the player must have: the opening balance plus every accepted movement. */
  balance: number;
  /** The operator transaction id of every accepted movement, with the call it answered. */
  readonly operatorIds: Map<string, string>;
  /** Operator ids answered for two different movements. */
  readonly collisions: string[];
  /** Where exchanges go now: the running scenario's probe, or the run's own list. */
  sink: ExchangeSink;
  /** The running scenario, if any. */
  scenario?: ScenarioInfo;
}

/** A check that did not hold: what was expected and what came back. */
export class ScenarioFailure extends Error {
  constructor(
    readonly expected: string,
    readonly got: string,
  ) {
    super(`expected ${expected}, got ${got}`);
  }
}

/** A scenario needs an option the run was not given. */
export class ScenarioSkip extends Error {}

type TransferBody = { transaction_id: string; balance: number; currency_code: string };

/** One scenario's view of the run. */
export class Probe implements ExchangeSink {
  readonly sent: string[] = [];
  readonly warnings: string[] = [];
  readonly exchanges: Exchange[] = [];
  expected = '';
  got = '';

  constructor(readonly run: RunState) {}

  /** Keeps an exchange this scenario made. */
  record(exchange: Exchange): void {
    this.exchanges.push(exchange);
  }

  /** A fresh provider transaction id. */
  id(): string {
    return `${this.run.runId}-${++this.run.counter}`;
  }

  /** A valid request for the run's player. */
  request(action: WalletAction, spec: RequestSpec = {}): WalletRequest {
    return buildRequest(action, { ...this.run.player, ...spec });
  }

  /** Sends a request through the real client. */
  async call(request: WalletRequest): Promise<Answer> {
    this.sent.push(describeRequest(request));
    return answerOfCall(this.run.client, request);
  }

  /** Posts raw bytes, signed correctly unless `signature` is given (`null`: no header). */
  async post(
    body: string,
    label: string,
    options: { signature?: string | null; method?: string } = {},
  ): Promise<Answer> {
    this.sent.push(label);
    const headers = new Headers({ 'content-type': 'application/json' });
    const signature = options.signature === undefined ? await sign(body, this.run.secret) : options.signature;
    if (signature !== null) headers.set('x-request-sign', signature);
    const method = options.method ?? 'POST';
    const request = new Request(this.run.url, { method, headers, body: method === 'GET' ? undefined : body });
    try {
      return await answerOfResponse(await this.run.fetch(request));
    } catch (error) {
      return { status: 0, body: undefined, text: '', problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Skips the scenario: it needs something the run was not given. */
  skip(reason: string): never {
    throw new ScenarioSkip(reason);
  }

  /** Fails the scenario unless `holds`. */
  check(holds: boolean, expected: string, got: string): void {
    this.expected = expected;
    this.got = got;
    if (!holds) throw new ScenarioFailure(expected, got);
  }

  /**
   * Expects a 200. With `moves`, the answered balance must equal the opening balance
   * plus every accepted movement of the run, this one included.
   */
  accepted(answer: Answer, moves?: number): TransferBody {
    const want = moves === undefined ? '200' : `200 balance=${this.run.balance + moves}`;
    this.check(answer.status === 200, want, describeAnswer(answer));
    const body = answer.body as TransferBody;
    if (moves !== undefined) {
      this.run.balance += moves;
      this.check(body.balance === this.run.balance, want, describeAnswer(answer));
    }
    if (moves && typeof body.transaction_id === 'string') this.noteOperatorId(body.transaction_id);
    return body;
  }

  /** Remembers which call a movement's operator id answered, and notes an id answered for two calls. */
  private noteOperatorId(operatorId: string): void {
    const call = this.sent.at(-1) ?? '';
    const before = this.run.operatorIds.get(operatorId);
    if (before === undefined) this.run.operatorIds.set(operatorId, call);
    else if (before !== call) this.run.collisions.push(`${operatorId} for "${before}" and "${call}"`);
  }

  /**
   * Expects a refusal. The status and `code` are the contract and must be exactly `code`;
   * a message that does not start with the vendor's (or `message`) is a warning, never a
   * failure: operators may word their refusals (WALLET-PROTOCOL.md §5).
   */
  refused(answer: Answer, code: number, message: string | null = vendorMessage(code)): void {
    const body = answer.body as { code?: unknown; message?: unknown } | undefined;
    const got = describeAnswer(answer);
    this.check(answer.status === code && body?.code === code, `${code} code=${code}`, got);
    if (message && !(typeof body?.message === 'string' && body.message.startsWith(message))) {
      const said = typeof body?.message === 'string' ? JSON.stringify(body.message) : 'no message';
      this.warnings.push(`${code} answered with ${said}; the vendor's message is "${message}"`);
    }
  }

  /** Expects the wallet's balance to be the one the run tracks. */
  async balanceIsTracked(): Promise<void> {
    const answer = await this.call(this.request('balance'));
    const want = `200 balance=${this.run.balance}`;
    this.check(
      answer.status === 200 && (answer.body as TransferBody).balance === this.run.balance,
      want,
      describeAnswer(answer),
    );
  }
}

function vendorMessage(code: number): string | null {
  return (walletErrorMessages as Record<number, string>)[code] ?? null;
}

/** One scenario of the suite. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  run(probe: Probe): Promise<void>;
}
