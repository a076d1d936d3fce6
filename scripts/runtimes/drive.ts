/**
 * Drives one served handler with the real client: every action, a replay, a bad
 * signature and a GET. Returns the failed checks (empty when all held).
 */
import { createWalletClient } from '@tbb-wallet/client';

function round<T extends object>(transaction_id: string, extra: T) {
  const provider_transfer_data = { transaction_id, round_id: 'round-1', round_close: false, ...extra };
  return { reference: 'runtime::matrix', session_token: 'session-1', provider_transfer_data };
}

export async function drive(baseUrl: string, secret: string): Promise<string[]> {
  const failures: string[] = [];
  const check = (what: string, ok: boolean, got: unknown) => {
    if (!ok) failures.push(`${what}: got ${JSON.stringify(got)}`);
  };
  const wallet = createWalletClient({ baseUrl, secret, retry: { attempts: 1 }, timeoutMs: 5000 });
  const player = { player_id: 'p1', currency_code: 'EUR', is_mobile: false };

  const balance = await wallet.balance({ ...player, reference: 'runtime::matrix', session_token: 'session-1' });
  check('balance', balance.balance === 100000, balance);
  const bet = await wallet.bet({ ...player, amount: 500, payload: round('bet-1', {}) });
  check('bet', bet.balance === 99500, bet);
  const win = await wallet.win({ ...player, amount: 1500, payload: round('win-1', { round_close: true }) });
  check('win', win.balance === 101000, win);
  const again = await wallet.win({ ...player, amount: 1500, payload: round('win-1', { round_close: true }) });
  check('replayed win gets the original answer', JSON.stringify(again) === JSON.stringify(win), again);
  const refund = await wallet.refund({
    ...player,
    amount: 500,
    payload: round('refund-1', { refunded_transaction_id: 'bet-1' }),
  });
  check('refund', refund.balance === 101500, refund);
  const rollback = await wallet.rollbackWin({
    ...player,
    amount: 1500,
    payload: round('rollback-1', { rollback_win_transaction_id: 'win-1' }),
  });
  check('rollback-win', rollback.balance === 100000, rollback);

  const forged = await fetch(baseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-sign': '0'.repeat(64) },
    body: JSON.stringify({ ...player, action: 'balance', reference: 'r', session_token: 's' }),
  });
  const forgedBody = await forged.text();
  check(
    'bad signature → 403',
    forged.status === 403 && forgedBody === '{"code":403,"message":"Forbidden. Request sign doesn\'t match."}',
    [forged.status, forgedBody],
  );
  const get = await fetch(baseUrl);
  await get.arrayBuffer();
  check('GET → 405 with Allow: POST', get.status === 405 && get.headers.get('allow') === 'POST', get.status);
  return failures;
}
