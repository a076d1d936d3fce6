/**
 * Load with duplicate deliveries over HTTP, and the reconciliation that follows a
 * fault: each id moved money at most once, each balance is its opening plus its
 * recorded movements, every 200 a caller saw is recorded, and a replay answers it.
 */
import { expect } from 'vitest';
import type { Ledger } from '../../src/index.ts';
import type { Transfer } from './calls.ts';
import { transferRequest } from './calls.ts';
import { post } from './http.ts';

/** One call of the load and every answer a caller saw for it (status 0: no answer at all). */
export interface Delivery {
  readonly action: Transfer;
  readonly body: ReturnType<typeof transferRequest>;
  readonly seen: { status: number; json: unknown }[];
}

/**
 * Adds `count` players with 1000 each and the load on them: wins and bets, some bets larger
 * than any balance (refused 402). Answers the calls and each player's opening balance.
 */
export async function mixedLoad(
  ledger: Ledger,
  options: { count: number; perPlayer: number; tag: string },
): Promise<{ calls: Delivery[]; opening: Map<string, number> }> {
  const { perPlayer, tag } = options;
  const players = Array.from({ length: options.count }, (_, i) => `${tag}-${i}`);
  for (const player of players) await ledger.addPlayer({ player_id: player, currency_code: 'EUR', balance: 1000 });
  const calls: Delivery[] = [];
  for (let i = 0; i < perPlayer; i++) {
    for (const player of players) {
      const action: Transfer = i % 3 === 0 ? 'win' : 'bet';
      const amount = action === 'win' ? 100 : i % 3 === 1 ? 250 : 5000;
      const body = transferRequest(action, { player, id: `${tag}-${player}-${i}`, amount });
      calls.push({ action, body, seen: [] });
    }
  }
  return { calls, opening: new Map(players.map((player) => [player, 1000])) };
}

/**
 * Sends every call twice at once (a duplicate delivery), `concurrency` calls at a time, to
 * `url()` (read per call, so it may change); stops early when `stop()` says so.
 */
export async function deliver(
  calls: Delivery[],
  url: () => string,
  options: { concurrency: number; stop?: () => boolean },
): Promise<void> {
  let next = 0;
  async function worker() {
    while (next < calls.length && !options.stop?.()) {
      const call = calls[next++] as Delivery;
      const answers = await Promise.all([answerOf(url(), call.body), answerOf(url(), call.body)]);
      call.seen.push(...answers);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}

/** The answer to one POST, or status 0 when the connection failed before any answer. */
export async function answerOf(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  try {
    return await post(url, body);
  } catch {
    return { status: 0, json: null };
  }
}

/** POSTs `body` until it is answered with something other than 503 (a retryable answer) or no answer. */
export async function untilAnswered(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  let answer = await answerOf(url, body);
  for (let tries = 0; (answer.status === 503 || answer.status === 0) && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    answer = await answerOf(url, body);
  }
  return answer;
}

/**
 * Sends each call again until it is answered with something other than 503 (8 calls at a
 * time); answers the final answers, in the order of `calls`.
 */
export async function settle(calls: Delivery[], url: string): Promise<{ status: number; json: unknown }[]> {
  const finals: { status: number; json: unknown }[] = [];
  let next = 0;
  async function worker() {
    while (next < calls.length) {
      const i = next++;
      finals[i] = await untilAnswered(url, (calls[i] as Delivery).body);
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  return finals;
}

/** The checks of a reconciliation, after {@link settle}. */
export async function expectReconciled(
  ledger: Ledger,
  calls: Delivery[],
  finals: { status: number; json: unknown }[],
  opening: Map<string, number>,
): Promise<void> {
  const entries = await ledger.entries();
  const byId = new Map<string, typeof entries>();
  for (const entry of entries) {
    const key = `${entry.action}:${entry.transactionId}`;
    byId.set(key, [...(byId.get(key) ?? []), entry]);
  }
  for (const [i, call] of calls.entries()) {
    const id = call.body.payload.provider_transfer_data.transaction_id;
    const final = finals[i] as { status: number; json: { transaction_id?: string } };
    expect([200, 402], `final answer of ${id}`).toContain(final.status);
    for (const seen of call.seen) {
      // Under load a caller sees the answer, a 503, or no answer (the process died); a replay is the original.
      expect([0, 200, 402, 503], `an answer seen for ${id}`).toContain(seen.status);
      if (seen.status === 200 || seen.status === 402) expect(seen, `replay of ${id}`).toEqual(final);
    }
    const recorded = byId.get(`${call.action}:${id}`) ?? [];
    expect(recorded.length, `entries of ${id}`).toBe(final.status === 200 ? 1 : 0);
    if (final.status === 200) expect(recorded[0]?.operatorTransactionId).toBe(final.json.transaction_id);
  }
  for (const [player, balance] of opening) {
    const moved = entries.filter((e) => e.playerId === player).reduce((sum, e) => sum + e.movement, 0);
    expect(await ledger.balanceOf(player), `balance of ${player}`).toBe(balance + moved);
  }
}
