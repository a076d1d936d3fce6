/**
 * How an operator configures the handler, and what its hooks receive.
 */
import type { Secret, ServerTelemetry, WalletEvent as SharedWalletEvent, WalletAction } from '@tbb-wallet/core';
import { assertHookOptions, assertKnownOptions, assertSecret } from '@tbb-wallet/core';
import type { Misconfiguration } from './misconfiguration.ts';
import { reportOnce } from './misconfiguration.ts';
import type { WalletCallbacks } from './wallet.ts';
import { walletCallbackNames } from './wallet.ts';

/** One event per call, reported to `onEvent` after the answer is decided: the shape both sides share, status always set. */
export type WalletEvent = SharedWalletEvent & {
  /** The HTTP status answered (200, or the protocol's error code); `0` when nothing was answered (see `callerLeft`). */
  readonly status: number;
  /**
   * `true` when the caller went away before its body arrived (the stream broke): no
   * callback ran and nothing was answered — the node adapters write nothing and the Web
   * handler returns `Response.error()`.
   */
  readonly callerLeft?: true;
};

/** 64 KiB: the default limit of a request body (WALLET-PROTOCOL.md §6). */
export const defaultMaxBodyBytes = 65_536;

/**
 * What the handler knows about the call an error belongs to. Never the secret or the
 * signature. Never empty: the method is always known, the body's size once there is a body.
 */
export interface CallInfo {
  /** The HTTP method of the request. */
  readonly method?: string;
  /** The size of the request body in bytes, once the handler holds its bytes. */
  readonly bodyBytes?: number;
  /** The `action` of the call, once the body was validated (or, for a call that failed before, when it parses as JSON naming one). */
  readonly action?: WalletAction;
  /** The player's id (always a string), once the body was validated. */
  readonly player_id?: string;
  /** The provider's `transaction_id` of a bet, win, refund or rollback-win, once the body was validated. */
  readonly transaction_id?: string;
}

/** Options of {@link createWalletHandler}. Give `secret` or `secrets`. */
export interface WalletHandlerOptions {
  /** The secret shared with the platform (the vendor's "password"). */
  readonly secret?: Secret;
  /** Several secrets during a rotation: a call signed with any of them is accepted (WALLET-PROTOCOL.md §6). */
  readonly secrets?: readonly Secret[];
  /** The operator's five callbacks. */
  readonly wallet: WalletCallbacks;
  /** Largest accepted body in bytes; a larger one is answered 413 and not read further. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /**
   * Called with every unexpected failure: a callback that threw something other than a
   * refusal, a callback whose answer broke the spec (a `ContractViolationError`), a
   * misuse such as a body parser mounted before the handler (a `BodyAlreadyReadError` or
   * `BodyParsedError`, told once per handler, not once per call). The caller only ever
   * sees 500 "Unknown error.". Errors thrown by the hook itself are ignored.
   *
   * Without `onError`, such a misuse is reported once through `process.emitWarning` with
   * the error's `code` (`TBB_WALLET_BODY_READ`, `TBB_WALLET_BODY_PARSED`), or
   * `console.warn` where there is no `process`: it never goes unseen.
   */
  readonly onError?: (error: unknown, info: CallInfo) => void;
  /** Called once per call with what was answered. Errors thrown by the hook are ignored. */
  readonly onEvent?: (event: WalletEvent) => void;
  /**
   * Traces and metrics: `handlerOpenTelemetry(api)` from `@tbb-wallet/handler/opentelemetry`
   * (one SERVER span per call, continuing the caller's `traceparent`, and the
   * `http.server.request.duration` histogram), or your own {@link ServerTelemetry}, whose
   * methods must not throw. Without it the handler pays one `undefined` check per call.
   */
  readonly telemetry?: ServerTelemetry;
}

/** The options checked once, at creation. */
export interface ResolvedOptions {
  readonly secrets: readonly Secret[];
  readonly wallet: WalletCallbacks;
  readonly maxBodyBytes: number;
  readonly onError: (error: unknown, info: CallInfo) => void;
  /** `undefined` without an `onEvent` hook: no event is built then unless telemetry wants it. */
  readonly onEvent: ((event: WalletEvent) => void) | undefined;
  readonly telemetry: ServerTelemetry | undefined;
  /** Tells `onError` (or, without one, a process warning) of a mounting mistake, once per kind. */
  readonly reportMisconfiguration: (kind: new () => Misconfiguration, info: CallInfo) => void;
}

/** The hook, made safe: a failing hook must never change the answer. Fixed parameters, no rest array to build a call. */
function quiet<A, B = undefined>(hook: (a: A, b: B) => void): (a: A, b?: B) => void {
  return (a, b) => {
    try {
      hook(a, b as B);
    } catch {
      // A failing hook must never change the answer.
    }
  };
}

/** Every option of {@link WalletHandlerOptions}: a misspelt one is refused, not ignored. */
const handlerOptionNames = {
  secret: true,
  secrets: true,
  wallet: true,
  maxBodyBytes: true,
  onError: true,
  onEvent: true,
  telemetry: true,
} as const satisfies Record<keyof WalletHandlerOptions, true>;

/**
 * `secret` as a list of one, or `secrets`. A string given as `secrets` is refused: spread into a
 * list, each of its characters would be a secret, and a call signed with any one of them accepted.
 * Both given is refused too: one of them would be silently ignored.
 */
function secretsOf(options: WalletHandlerOptions): readonly Secret[] {
  const { secret, secrets } = options;
  if (secrets === undefined) return secret === undefined ? [] : [secret];
  if (secret !== undefined) {
    throw new TypeError(
      'createWalletHandler: give `secret` or `secrets`, not both. During a rotation, list every secret in `secrets`.',
    );
  }
  if (!Array.isArray(secrets)) {
    throw new TypeError(
      'createWalletHandler: `secrets` must be an array of secrets, e.g. secrets: [oldSecret, newSecret]; ' +
        'for one secret, pass `secret`.',
    );
  }
  return secrets;
}

/**
 * Checks the options once, so a misconfiguration fails at start-up rather than on a call.
 * @throws TypeError when no secret is given, `secrets` is not an array or is given beside `secret`, a secret is empty or has whitespace at an edge, a callback is missing, a hook is not a function, `telemetry` has no `startCall` or the limit is not a positive integer. The message never shows a secret.
 */
export function resolveOptions(options: WalletHandlerOptions): ResolvedOptions {
  assertKnownOptions('createWalletHandler', options, handlerOptionNames);
  assertHookOptions('createWalletHandler', options, ['onError', 'onEvent'], 'startCall');
  const secrets = secretsOf(options);
  if (secrets.length === 0) throw new TypeError('createWalletHandler needs `secret` or a non-empty `secrets` list.');
  for (const secret of secrets) assertSecret(secret);
  for (const name of walletCallbackNames) {
    if (typeof options.wallet?.[name] !== 'function') {
      throw new TypeError(`createWalletHandler: wallet.${name} must be a function.`);
    }
  }
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new TypeError('createWalletHandler: maxBodyBytes must be a positive integer.');
  }
  const onError = options.onError ? quiet(options.onError) : () => {};
  return {
    secrets: [...secrets],
    wallet: options.wallet,
    maxBodyBytes,
    onError,
    onEvent: options.onEvent ? quiet<WalletEvent>(options.onEvent) : undefined,
    telemetry: options.telemetry,
    reportMisconfiguration: reportOnce(options.onError ? onError : undefined),
  };
}
