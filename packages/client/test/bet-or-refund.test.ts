/**
 * `betOrRefund`: a bet of unknown outcome is refunded (retried until it lands) and
 * reported; a definitive refusal is thrown as it is and refunds nothing.
 */
import { delay } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWalletClient,
  PlayerBlockedError,
  refundOfBet,
  ServiceUnavailableError,
  TransactionNotFoundError,
  WalletOutcomeUnknownError,
  WalletResponseError,
  WalletTimeoutError,
} from '../src/index.ts';
import { betInput, secret, transactionAnswer, walletUrl } from './fixtures.ts';
import type { ReceivedCall } from './operator.ts';
import { errorAnswer, HttpResponse, operatorAt, useMswServer } from './operator.ts';

const server = useMswServer();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const wallet = () => createWalletClient({ baseUrl: walletUrl, secret, timeoutMs: 1000 });
const options = { refundTransactionId: 'refund-of-bet-1001' };
const refundAnswer = { transaction_id: 'op-refund-9', balance: 10500, currency_code: 'EUR' };

/** The rejection of `promise`, with the fake clock running every timer it waits on. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  const settled = Promise.allSettled([promise]);
  await vi.runAllTimersAsync();
  const [result] = await settled;
  if (result?.status !== 'rejected') throw new Error('expected a rejection');
  return result.reason;
}

/** An operator whose bets hang and whose refunds get `refundAnswers` in turn. */
function hangingBets(refundAnswers: (() => Response)[]) {
  let refunds = 0;
  return operatorAt(async (call: ReceivedCall) => {
    if (call.json.action === 'bet') {
      await delay('infinite');
    }
    const answer = refundAnswers[Math.min(refunds++, refundAnswers.length - 1)]!;
    return answer();
  });
}

describe('betOrRefund', () => {
  it('returns the bet answer and refunds nothing when the bet lands', async () => {
    const operator = operatorAt(() => HttpResponse.json(transactionAnswer));
    server.use(operator.handler);

    await expect(wallet().betOrRefund(betInput, options)).resolves.toEqual(transactionAnswer);
    expect(operator.calls.map((call) => call.json.action)).toEqual(['bet']);
  });

  it('refunds a bet that timed out, retrying the refund until it lands, then rethrows', async () => {
    const operator = hangingBets([() => errorAnswer(503), () => HttpResponse.json(refundAnswer)]);
    server.use(operator.handler);

    const error = await rejectionOf(wallet().betOrRefund(betInput, options));

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect(error).toMatchObject({
      transactionId: 'bet-1001',
      refund: { transactionId: 'refund-of-bet-1001', landed: true, response: refundAnswer },
    });
    expect((error as Error).cause).toBeInstanceOf(WalletTimeoutError);
    expect(operator.calls.map((call) => call.json.action)).toEqual(['bet', 'refund', 'refund']);
    const [, firstRefund, retriedRefund] = operator.calls;
    expect(firstRefund?.json).toEqual({
      player_id: '12',
      currency_code: 'EUR',
      is_mobile: true,
      amount: 500,
      action: 'refund',
      payload: {
        reference: 'barbarabang::MadMonkey',
        session_token: '8eb654b0-e660-4fe5-9fa2-f9c7d26689ac',
        provider_transfer_data: {
          transaction_id: 'refund-of-bet-1001',
          round_id: 'round-77',
          refunded_transaction_id: 'bet-1001',
          table_reference: 'table-9',
        },
      },
    });
    expect(retriedRefund?.body).toBe(firstRefund?.body);
    expect(retriedRefund?.signature).toBe(firstRefund?.signature);
  });

  it('counts a 406 on the refund as settled: the operator never recorded the bet', async () => {
    server.use(hangingBets([() => errorAnswer(406, 'Previous transaction not found.')]).handler);

    const error = await rejectionOf(wallet().betOrRefund(betInput, options));

    const refund = (error as WalletOutcomeUnknownError).refund;
    expect(refund?.landed).toBe(true);
    expect(refund?.response).toBeUndefined();
    expect(refund?.error).toBeInstanceOf(TransactionNotFoundError);
  });

  it('refunds a bet answered 200 with a body that does not match the spec: it may have been debited', async () => {
    const malformed = JSON.stringify({ ...transactionAnswer, balance: '10.00' });
    const operator = operatorAt((call: ReceivedCall) =>
      call.json.action === 'bet' ? new HttpResponse(malformed, { status: 200 }) : HttpResponse.json(refundAnswer),
    );
    server.use(operator.handler);

    const error = await rejectionOf(wallet().betOrRefund(betInput, options));

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(WalletResponseError);
    expect((error as Error).cause).toMatchObject({ status: 200, body: malformed, issue: { path: 'balance' } });
    expect((error as WalletOutcomeUnknownError).refund).toMatchObject({ landed: true, response: refundAnswer });
    expect(operator.calls.map((call) => call.json.action)).toEqual(['bet', 'refund']);
  });

  it('refunds nothing for a refusal whose body is not {code, message}: the status refused it', async () => {
    const operator = operatorAt(() => new HttpResponse('<html>Payment Required</html>', { status: 402 }));
    server.use(operator.handler);

    const error = await rejectionOf(wallet().betOrRefund(betInput, options));

    expect(error).toBeInstanceOf(WalletResponseError);
    expect(error).toMatchObject({ status: 402 });
    expect(operator.calls.map((call) => call.json.action)).toEqual(['bet']);
  });

  it('reports a refund that did not land within its retry policy', async () => {
    const operator = hangingBets([() => errorAnswer(503)]);
    server.use(operator.handler);

    const error = await rejectionOf(wallet().betOrRefund(betInput, { ...options, retry: { attempts: 2 } }));

    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as WalletOutcomeUnknownError).refund?.landed).toBe(false);
    expect((error as WalletOutcomeUnknownError).refund?.error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toContain('reconcile');
    expect(operator.calls.map((call) => call.json.action)).toEqual(['bet', 'refund', 'refund']);
  });

  it('throws a definitive refusal as its class, without a retry or a refund', async () => {
    const operator = operatorAt(() => errorAnswer(407, 'Player is blocked.'));
    server.use(operator.handler);

    const error = await rejectionOf(wallet().betOrRefund(betInput, options));

    expect(error).toBeInstanceOf(PlayerBlockedError);
    expect(operator.calls.map((call) => call.json.action)).toEqual(['bet']);
  });

  it('refuses a refund id equal to the bet id before sending anything', async () => {
    const operator = operatorAt(() => HttpResponse.json(transactionAnswer));
    server.use(operator.handler);

    const error = await rejectionOf(wallet().betOrRefund(betInput, { refundTransactionId: 'bet-1001' }));

    expect(error).toBeInstanceOf(TypeError);
    expect(operator.calls).toHaveLength(0);
  });
});

describe('refundOfBet', () => {
  it('leaves out table_reference when the bet has none', () => {
    const { table_reference: _, ...transfer } = betInput.payload.provider_transfer_data;
    const bet = { ...betInput, payload: { ...betInput.payload, provider_transfer_data: transfer } };

    expect(refundOfBet(bet, 'r-1').payload.provider_transfer_data).toEqual({
      transaction_id: 'r-1',
      round_id: 'round-77',
      refunded_transaction_id: 'bet-1001',
    });
  });
});
