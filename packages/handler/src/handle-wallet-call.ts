/**
 * The handler's core, shared by every adapter: one call from raw bytes to the answer,
 * as a straight line — method, size, signature, JSON and schema, dispatch.
 * Each step answers the protocol's error and changes nothing.
 *
 * @see WALLET-PROTOCOL.md §2, §5 and §6
 */
import type { WalletAnswer } from './answer.ts';
import { bodyTooLarge, methodNotAllowed, unknownError } from './answer.ts';
import { dispatch } from './dispatch.ts';
import type { CallInfo, ResolvedOptions } from './options.ts';
import type { WalletCall } from './parse-wallet-call.ts';
import { parseWalletCall } from './parse-wallet-call.ts';
import { verifySignature } from './verify-signature.ts';

/** One call as an adapter hands it over: the raw body bytes, the signature header and the method. */
export interface RawWalletCall {
  /** The exact request body bytes; `undefined` when the body was over the limit and not read. */
  readonly body: Uint8Array | undefined;
  /** The `X-REQUEST-SIGN` header, if any. */
  readonly signature: string | null | undefined;
  /** The HTTP method. */
  readonly method: string;
  /** Aborted when the caller goes away; passed to the callback. */
  readonly signal?: AbortSignal;
  /** When the request was received (`Date.now()`); defaults to now. */
  readonly receivedAt?: number;
}

/** The low-level entry: a raw call in, `{ status, headers, body }` out. Never rejects. */
export type HandleWalletCall = (call: RawWalletCall) => Promise<WalletAnswer>;

function infoOf(call: WalletCall): CallInfo {
  const transfer = 'payload' in call ? call.payload?.provider_transfer_data : undefined;
  return { action: call.action, player_id: call.player_id, transaction_id: transfer?.transaction_id };
}

const neverAborted = new AbortController().signal;

/** An answer, and what is known of the call it answers (empty until the body was validated). */
interface Answered {
  readonly answer: WalletAnswer;
  readonly info: CallInfo;
}

const before = (answer: WalletAnswer): Answered => ({ answer, info: {} });

async function answerCall(raw: RawWalletCall, options: ResolvedOptions): Promise<Answered> {
  if (raw.method.toUpperCase() !== 'POST') return before(methodNotAllowed);
  const body = raw.body;
  if (body === undefined || body.byteLength > options.maxBodyBytes) return before(bodyTooLarge);
  const forbidden = await verifySignature(body, raw.signature, options.secrets);
  if (forbidden) return before(forbidden);
  const parsed = parseWalletCall(body);
  if (!parsed.ok) return before(parsed.answer);
  const info = infoOf(parsed.call);
  const context = { signal: raw.signal ?? neverAborted, receivedAt: raw.receivedAt ?? Date.now(), rawBody: body };
  const report = (error: unknown) => options.onError(error, info);
  const answer = await dispatch(parsed.call, options.wallet, context, report).catch((error: unknown) => {
    report(error); // an answer JSON cannot write (a BigInt, a cycle)
    return unknownError;
  });
  return { answer, info };
}

/** Builds the low-level entry from checked options; reports one event per call. */
export function createHandleWalletCall(options: ResolvedOptions): HandleWalletCall {
  return async (raw) => {
    const started = performance.now();
    const { answer, info } = await answerCall(raw, options).catch((error: unknown) => {
      options.onError(error, {});
      return before(unknownError);
    });
    options.onEvent({ ...info, status: answer.status, durationMs: performance.now() - started });
    return answer;
  };
}
