/**
 * What a scenario works with: the real client and raw HTTP, request builders for the
 * run's player, and checks that record what was expected and what came back.
 */
import type { WalletClient } from '@tbb-wallet/client';
import type { WalletAction, WalletRequest } from '@tbb-wallet/core';
import { sign, walletErrorMessages } from '@tbb-wallet/core';
import type { Answer } from './answer.ts';
import { answerOfCall, answerOfResponse, describeAnswer } from './answer.ts';
import type { RequestSpec } from './requests.ts';
import { buildRequest, describeRequest } from './requests.ts';
import type { ConformanceOptions } from './types.ts';

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
export class Probe {
  readonly sent: string[] = [];
  expected = '';
  got = '';

  constructor(readonly run: RunState) {}

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

  /** Expects a refusal: status and code exactly, and the vendor's message first (unless `message` says otherwise). */
  refused(answer: Answer, code: number, message: string | null = vendorMessage(code)): void {
    const body = answer.body as { code?: unknown; message?: unknown } | undefined;
    const want = `${code} code=${code}${message ? ` "${message}…"` : ''}`;
    const got = describeAnswer(answer);
    this.check(answer.status === code && body?.code === code, want, got);
    if (message) this.check(typeof body?.message === 'string' && body.message.startsWith(message), want, got);
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
