/**
 * The demo's scripted session: a round played, a duplicate, a refusal, then the round
 * undone — each step with the answer the script expects.
 */
import { createWalletClient } from '@tbb-wallet/client';
import type { WalletRequest } from '@tbb-wallet/core';
import type { Answer } from '../conformance/answer.ts';
import { answerOfCall } from '../conformance/answer.ts';
import { buildRequest } from '../conformance/requests.ts';

/** One played step: what was sent, what came back, and whether it was what the script expects. */
export interface DemoRow {
  readonly step: string;
  readonly action: WalletRequest['action'];
  readonly sent: string;
  readonly answer: Answer;
  readonly expected: string;
  readonly ok: boolean;
  /** What the step shows, in words. */
  readonly note?: string;
}

/** Where and as whom the demo plays. */
export interface DemoTarget {
  url: string;
  secret: string;
  player_id: string;
  currency_code: string;
}

/** Plays the script, calling `onRow` after each step. */
export async function playDemo(target: DemoTarget, onRow: (row: DemoRow) => void = () => {}): Promise<DemoRow[]> {
  const client = createWalletClient({
    baseUrl: target.url,
    secret: target.secret,
    retry: { attempts: 1 },
  });
  const round = `demo-${Date.now().toString(36)}`;
  const id = (n: number) => `${round}-${n}`;
  const req = (action: WalletRequest['action'], spec: { id?: string; amount?: number; original?: string } = {}) =>
    buildRequest(action, { ...spec, player_id: target.player_id, currency_code: target.currency_code });
  const money = (cents: number) => `${(cents / 100).toFixed(2)} ${target.currency_code}`;
  const rows: DemoRow[] = [];

  async function step(
    label: string,
    request: WalletRequest,
    sent: string,
    expect: { status: number; balance?: number; txOf?: DemoRow; note?: string },
  ): Promise<DemoRow> {
    const answer = await answerOfCall(client, request);
    const body = answer.body as { balance?: number; transaction_id?: string } | undefined;
    const sameTx = expect.txOf ? body?.transaction_id === txOf(expect.txOf) : true;
    const ok =
      answer.status === expect.status && (expect.balance === undefined || body?.balance === expect.balance) && sameTx;
    const expected = [
      String(expect.status),
      expect.balance === undefined ? '' : `balance ${money(expect.balance)}`,
      expect.txOf ? `same tx as step ${rows.indexOf(expect.txOf) + 1}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const row = { step: label, action: request.action, sent, answer, expected, ok, note: expect.note };
    rows.push(row);
    onRow(row);
    return row;
  }

  const first = await step('read the balance', req('balance'), `player ${target.player_id}`, { status: 200 });
  const start = (first.answer.body as { balance?: number } | undefined)?.balance;
  if (start === undefined) return rows; // nothing else can be checked without a starting balance
  await step('place a bet', req('bet', { id: id(1), amount: 500 }), `bet ${money(500)} tx=${id(1)}`, {
    status: 200,
    balance: start - 500,
  });
  const win = await step('win the round', req('win', { id: id(2), amount: 1200 }), `win ${money(1200)} tx=${id(2)}`, {
    status: 200,
    balance: start + 700,
  });
  await step('send the same win again', req('win', { id: id(2), amount: 1200 }), `the same win, tx=${id(2)}`, {
    status: 200,
    balance: start + 700,
    txOf: win,
    note: 'the original answer again: credited once',
  });
  await step('bet more than the balance', req('bet', { id: id(3), amount: start + 701 }), `bet ${money(start + 701)}`, {
    status: 402,
    note: 'refused, nothing debited',
  });
  await step('refund the bet', req('refund', { id: id(4), amount: 500, original: id(1) }), `refund of ${id(1)}`, {
    status: 200,
    balance: start + 1200,
  });
  await step(
    'roll the win back',
    req('rollback-win', { id: id(5), amount: 1200, original: id(2) }),
    `rollback of ${id(2)}`,
    { status: 200, balance: start },
  );
  await step('read the balance again', req('balance'), 'back where it started', { status: 200, balance: start });
  return rows;
}

function txOf(row: DemoRow): string | undefined {
  return (row.answer.body as { transaction_id?: string } | undefined)?.transaction_id;
}
