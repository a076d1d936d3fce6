/**
 * The handler's core, shared by every adapter: one call from raw bytes to the answer,
 * as a straight line — method, size, signature, JSON and schema, dispatch.
 * Each step answers the protocol's error and changes nothing.
 *
 * @see WALLET-PROTOCOL.md §2, §5 and §6
 */
import type { ServerCallStart, WalletAction } from '@tbb-wallet/core';
import { walletActions } from '@tbb-wallet/core';
import type { WalletAnswer } from './answer.ts';
import { bodyTooLarge, methodNotAllowed, noAnswer, unknownError } from './answer.ts';
import { dispatch } from './dispatch.ts';
import { BodyAlreadyReadError, BodyParsedError } from './misconfiguration.ts';
import type { CallInfo, ResolvedOptions, WalletEvent } from './options.ts';
import type { WalletCall } from './parse-wallet-call.ts';
import { parseWalletCall } from './parse-wallet-call.ts';
import { verifySignature } from './verify-signature.ts';
import type { CallContext } from './wallet.ts';

/**
 * Why an adapter has no body bytes to hand over, and what the handler does:
 * - `'too-large'`: over `maxBodyBytes`, not read: 413;
 * - `'consumed'`: another middleware read the stream first: 500, and a `BodyAlreadyReadError` reported once per handler;
 * - `'parsed'`: a body parser left a parsed value (an object, a string) instead of the bytes: 500, and a
 *   `BodyParsedError` reported once per handler;
 * - `'caller-left'`: the stream broke before its end: no answer (status 0, write nothing), one event with `callerLeft`.
 *
 * A body a framework kept as bytes (`express.raw()`'s Buffer) is not one of these: hand the bytes over.
 */
export type UnreadBody = 'too-large' | 'consumed' | 'parsed' | 'caller-left';

/** One call as an adapter hands it over: the raw body bytes, the signature header and the method. */
export interface RawWalletCall {
  /** The exact request body bytes, or why there are none ({@link UnreadBody}); `undefined` is read as `'too-large'`. */
  readonly body: Uint8Array | UnreadBody | undefined;
  /** The `X-REQUEST-SIGN` header, if any. */
  readonly signature: string | null | undefined;
  /** The HTTP method. */
  readonly method: string;
  /** Aborted when the caller goes away; passed to the callback. */
  readonly signal?: AbortSignal;
  /** When the request was received (`Date.now()`); defaults to now. */
  readonly receivedAt?: number;
  /**
   * An error the adapter's framework met before it could hand the body over (a hook that
   * threw): the call is answered 500 "Unknown error." and the error goes to `onError`.
   */
  readonly failure?: unknown;
  /** The caller's W3C `traceparent` header, for `telemetry` (it is not part of the signed bytes). */
  readonly traceparent?: string | null | undefined;
  /** The caller's W3C `tracestate` header, for `telemetry`. */
  readonly tracestate?: string | null | undefined;
  /** The request's URL, absolute or as the request target (`/wallet?x=1`), for `telemetry` (`url.scheme`, `url.path`). */
  readonly url?: string | undefined;
  /** `http` or `https`, for `telemetry`, when `url` is a request target without one. */
  readonly scheme?: string | undefined;
}

/**
 * The low-level entry: a raw call in, `{ status, headers, body }` out. Never rejects.
 * The status is `0` (write nothing) only for a body `'caller-left'`.
 */
export type HandleWalletCall = (call: RawWalletCall) => Promise<WalletAnswer>;

/** What an event and `onError` are told of a validated call. */
interface KnownCall {
  readonly action: WalletAction;
  readonly player_id: string;
  readonly transaction_id: string | undefined;
}

function infoOf(call: WalletCall): KnownCall {
  const transfer = 'payload' in call ? call.payload?.provider_transfer_data : undefined;
  return { action: call.action, player_id: call.player_id, transaction_id: transfer?.transaction_id };
}

const neverAborted = new AbortController().signal;

const rawCall = Symbol('raw call');

/**
 * `context.signal` as an own, enumerable getter that reads the adapter's signal when the callback first
 * reads it: the node adapter makes its `AbortController` only then (see adapters/node.ts). One shared
 * getter, so every context keeps one hidden class. The raw call rides on a symbol key written in the
 * literal: a second `Object.defineProperty` (to hide it) cost as much again as the first.
 */
const signalProperty: PropertyDescriptor = {
  enumerable: true,
  get(this: { readonly [rawCall]: RawWalletCall }) {
    return this[rawCall].signal ?? neverAborted;
  },
};

function contextOf(raw: RawWalletCall, rawBody: Uint8Array): CallContext {
  const carrier: { [rawCall]: RawWalletCall } = { [rawCall]: raw };
  const context = Object.defineProperty(carrier, 'signal', signalProperty) as unknown as {
    -readonly [K in keyof CallContext]: CallContext[K];
  };
  context.receivedAt = raw.receivedAt ?? Date.now();
  context.rawBody = rawBody;
  return context;
}

/** An answer, and what is known of the call it answers (its ids once the body was validated). */
interface Answered {
  readonly answer: WalletAnswer;
  readonly info: KnownCall | undefined;
}

const before = (answer: WalletAnswer): Answered => ({ answer, info: undefined });

function unreadAnswer(body: unknown, options: ResolvedOptions, known: CallInfo): WalletAnswer {
  switch (body) {
    case 'too-large':
      return bodyTooLarge;
    case 'consumed':
      options.reportMisconfiguration(BodyAlreadyReadError, known);
      return unknownError;
    case 'caller-left':
      return noAnswer;
    default: // 'parsed', or any other value where the bytes should be (a string, an object)
      options.reportMisconfiguration(BodyParsedError, known);
      return unknownError;
  }
}

/** What `onError` is told of a call that failed before its body was validated: the method, the size, the action if it parses. */
function knownOf(raw: RawWalletCall): CallInfo {
  const body = raw.body;
  if (!(body instanceof Uint8Array)) return { method: raw.method };
  const action = actionIn(body);
  return action === undefined
    ? { method: raw.method, bodyBytes: body.byteLength }
    : { method: raw.method, bodyBytes: body.byteLength, action };
}

/** The `action` a body names, when it is JSON naming one of the five; only read on the failure path. */
function actionIn(body: Uint8Array): WalletAction | undefined {
  try {
    const action: unknown = JSON.parse(new TextDecoder().decode(body))?.action;
    return walletActions.find((known) => known === action);
  } catch {
    return undefined;
  }
}

async function answerCall(raw: RawWalletCall, options: ResolvedOptions): Promise<Answered> {
  if (raw.failure !== undefined) throw raw.failure; // answered and reported below
  if (raw.method !== 'POST' && raw.method.toUpperCase() !== 'POST') return before(methodNotAllowed);
  const body = raw.body ?? 'too-large';
  if (!(body instanceof Uint8Array)) return before(unreadAnswer(body, options, knownOf(raw)));
  if (body.byteLength > options.maxBodyBytes) return before(bodyTooLarge);
  const forbidden = await verifySignature(body, raw.signature, options.secrets);
  if (forbidden) return before(forbidden);
  const parsed = parseWalletCall(body);
  if (!parsed.ok) return before(parsed.answer);
  const info = infoOf(parsed.call);
  const context = contextOf(raw, body);
  // Built only when there is an error to report: the hot path keeps `info` as the event's.
  const report = (error: unknown) =>
    options.onError(error, { method: raw.method, bodyBytes: body.byteLength, ...info });
  let answer: WalletAnswer;
  try {
    answer = await dispatch(parsed.call, options.wallet, context, report);
  } catch (error) {
    report(error); // an answer JSON cannot write (a BigInt, a cycle)
    answer = unknownError;
  }
  return { answer, info };
}

/**
 * The event of a call, each shape written out: on Node 20 an object spread followed by more
 * keys (`{ ...info, status }`) misses its inline cache on every call, ~1 µs a key.
 */
function eventOf(answer: WalletAnswer, info: KnownCall | undefined, durationMs: number): WalletEvent {
  if (answer === noAnswer) return { status: 0, callerLeft: true, durationMs };
  if (info === undefined) return { status: answer.status, durationMs };
  const { action, player_id, transaction_id } = info;
  return { action, player_id, transaction_id, status: answer.status, durationMs };
}

/** Builds the low-level entry from checked options; reports one event per call. */
export function createHandleWalletCall(options: ResolvedOptions): HandleWalletCall {
  const { telemetry, onEvent } = options;
  const observed = onEvent !== undefined || telemetry !== undefined;
  return async (raw) => {
    const started = observed ? performance.now() : 0;
    const traced = telemetry?.startCall(startOf(raw));
    let answered: Answered;
    try {
      answered = await (traced ? traced.within(() => answerCall(raw, options)) : answerCall(raw, options));
    } catch (error) {
      options.onError(error, knownOf(raw));
      answered = before(unknownError);
    }
    const { answer, info } = answered;
    if (!observed) return answer; // nobody listens: no clock read, no event built
    const event = eventOf(answer, info, performance.now() - started);
    onEvent?.(event);
    traced?.end(event);
    return answer;
  };
}

function startOf(raw: RawWalletCall): ServerCallStart {
  // A GET is answered 405 with no body read: its size is not known.
  const bodyBytes = raw.body instanceof Uint8Array && raw.method === 'POST' ? raw.body.byteLength : undefined;
  return { method: raw.method, traceparent: raw.traceparent, tracestate: raw.tracestate, bodyBytes, ...urlOf(raw) };
}

/** `url.scheme` and `url.path` of the call (never its query, which may hold what should not be exported). */
function urlOf(raw: RawWalletCall): { scheme?: string; path?: string } {
  if (raw.url === undefined) return raw.scheme === undefined ? {} : { scheme: raw.scheme };
  if (raw.url.startsWith('/')) return { scheme: raw.scheme, path: raw.url.split('?', 1)[0] };
  try {
    const url = new URL(raw.url);
    return { scheme: url.protocol.slice(0, -1), path: url.pathname };
  } catch {
    return raw.scheme === undefined ? {} : { scheme: raw.scheme };
  }
}
