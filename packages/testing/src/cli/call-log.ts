/**
 * The sandbox's log: one line per call with what it moved — action, player, amount,
 * balance before → after, and `replayed` or the refusal and its reason — as text for
 * people or as one JSON object per line for machines.
 */
import type { HandleWalletCall, WalletHandler } from '@tbb-wallet/handler';
import pc from 'picocolors';

/** One call as the log tells it. Fields the body did not carry (or that did not parse) are absent. */
export interface LoggedCall {
  readonly time: string;
  readonly action?: string;
  readonly player_id?: string;
  readonly transaction_id?: string;
  readonly amount?: number;
  readonly status: number;
  readonly balance_before?: number;
  readonly balance_after?: number;
  /** A 200 that answered a transaction already applied: nothing moved. */
  readonly replayed: boolean;
  /** The refusal's message (why), for every answer but a 200. */
  readonly reason?: string;
  readonly duration_ms: number;
}

/** How the sandbox reads a player's balance for the "before" of a line. */
export type BalanceOf = (playerId: string) => Promise<number | undefined>;

/**
 * The handler with every call told to `onCall` after it is answered. Only the low-level
 * entry `handleWalletCall` (what `toNodeListener` calls) is wrapped; limits stay the handler's.
 */
export function withCallLog(
  handle: WalletHandler,
  balanceOf: BalanceOf,
  onCall: (call: LoggedCall) => void,
): WalletHandler {
  const answered = new Set<string>(); // operator transaction ids already answered for a movement
  const handleWalletCall: HandleWalletCall = async (call) => {
    const started = performance.now();
    const sent = parseObject(call.body instanceof Uint8Array ? new TextDecoder().decode(call.body) : '');
    const data = (sent?.payload as Record<string, unknown> | undefined)?.provider_transfer_data as
      | Record<string, unknown>
      | undefined;
    const player =
      typeof sent?.player_id === 'string' || typeof sent?.player_id === 'number' ? String(sent.player_id) : undefined;
    const before = player === undefined ? undefined : await balanceOf(player).catch(() => undefined);
    const answer = await handle.handleWalletCall(call);
    const got = parseObject(answer.body);
    const operatorId = typeof got?.transaction_id === 'string' ? got.transaction_id : undefined;
    const replayed = answer.status === 200 && operatorId !== undefined && answered.has(operatorId);
    if (answer.status === 200 && operatorId !== undefined) answered.add(operatorId);
    const after = answer.status === 200 && typeof got?.balance === 'number' ? got.balance : before;
    onCall({
      time: new Date().toISOString(),
      ...(typeof sent?.action === 'string' && { action: sent.action }),
      ...(player !== undefined && { player_id: player }),
      ...(typeof data?.transaction_id === 'string' && { transaction_id: data.transaction_id }),
      ...(typeof sent?.amount === 'number' && { amount: sent.amount }),
      status: answer.status,
      ...(before !== undefined && { balance_before: before }),
      ...(after !== undefined && { balance_after: after }),
      replayed,
      ...(answer.status !== 200 && {
        reason: typeof got?.message === 'string' ? got.message : answer.body.slice(0, 200),
      }),
      duration_ms: Math.round(performance.now() - started),
    });
    return answer;
  };
  // A function that also carries the handler's own properties (its limits), with the entry swapped.
  return Object.assign((request: Request) => handle(request), handle, { handleWalletCall });
}

/** The call as one line of text: `12:00:00.123  bet player=4242 amount=100 tx=c1-7  5000 → 4900  200  3ms`. */
export function callLine(call: LoggedCall): string {
  const what = [
    call.action === undefined ? (call.player_id === undefined ? '(not parsed)' : '(no action)') : show(call.action),
    call.player_id !== undefined && `player=${show(call.player_id)}`,
    call.amount !== undefined && `amount=${call.amount}`,
    call.transaction_id !== undefined && `tx=${show(call.transaction_id)}`,
  ]
    .filter(Boolean)
    .join(' ');
  const status = call.status === 200 ? pc.green : call.status >= 500 ? pc.red : pc.yellow;
  const { balance_before: before, balance_after: after } = call;
  let outcome: string;
  if (call.status !== 200) {
    const kept = before === undefined ? '' : ` (balance ${before}, nothing moved)`;
    outcome = `refused: ${show(call.reason ?? '', 200)}${kept}`;
  } else if (call.replayed) outcome = `replayed, nothing moved (balance ${after})`;
  else if (before !== undefined && after !== undefined && call.action !== 'balance') outcome = `${before} → ${after}`;
  else outcome = after === undefined ? '' : `balance ${after}`;
  const time = pc.dim(call.time.slice(11, 23));
  return `${time}  ${what}  ${status(String(call.status))} ${outcome}  ${pc.dim(`${call.duration_ms}ms`)}`;
}

/** A value as the log shows it: as is when plain, else JSON-quoted (no forged lines, no control characters). */
function show(value: string, max = 64): string {
  if (/^[\x20-\x7e]*$/.test(value) && value.length <= max) return value;
  const quoted = JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
  return quoted.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
