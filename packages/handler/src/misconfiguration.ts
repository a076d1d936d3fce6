/**
 * Mistakes in how the handler is mounted that the operator's own tests would not show:
 * a body parser or middleware in front of it. The call is answered 500 "Unknown error."
 * (nothing internal reaches the platform) and the mistake is reported once per handler:
 * to `onError` when one is given, otherwise as a process warning with a stable code —
 * the one place the library writes outside its hooks, since the mistake would go unseen.
 */

/** The request body was read by someone else before the handler got it. */
export class BodyAlreadyReadError extends Error {
  /** The stable code of the warning reported when no `onError` is given. */
  readonly code = 'TBB_WALLET_BODY_READ';

  constructor() {
    super(
      'The request body was already read before the wallet handler got it (the stream has ended, or ' +
        'request.bodyUsed is true), so its signature cannot be checked over the raw bytes. Give the handler the ' +
        'untouched request: mount it before express.json() or any other body parser ' +
        '(app.all("/wallet", toNodeListener(handle)) ahead of app.use(express.json())); in Hono, Next.js and other ' +
        'fetch-style servers, do not read the body (c.req.json(), request.text(), a validator) before handle(request).',
    );
    this.name = 'BodyAlreadyReadError';
  }
}

/** A body parser replaced the request body with a parsed value (an object, a string). */
export class BodyParsedError extends Error {
  /** The stable code of the warning reported when no `onError` is given. */
  readonly code = 'TBB_WALLET_BODY_PARSED';

  constructor() {
    super(
      'A body parser ran before the wallet handler and left a parsed value in req.body instead of the bytes that ' +
        "were sent, so their signature cannot be checked. Mount the wallet handler before express.json(), or use express.raw({ type: '*/*' }) " +
        'on its route: express.raw() keeps the exact bytes in req.body as a Buffer.',
    );
    this.name = 'BodyParsedError';
  }
}

/** A mounting mistake the handler reports once. */
export type Misconfiguration = BodyAlreadyReadError | BodyParsedError;

interface WarningRuntime {
  process?: { emitWarning?: (message: string, options: { type: string; code: string }) => void };
  console?: { warn(message: string): void };
}

/** Node's `process.emitWarning`, or `console.warn` where there is no `process` (Workers, browsers). */
export function warn(error: Misconfiguration, runtime: WarningRuntime = globalThis as WarningRuntime): void {
  const emitWarning = runtime.process?.emitWarning;
  if (typeof emitWarning === 'function') {
    emitWarning.call(runtime.process, error.message, { type: error.name, code: error.code });
  } else {
    runtime.console?.warn(`[${error.code}] ${error.name}: ${error.message}`);
  }
}

/**
 * Reports each kind of mistake once per handler, not once per call: to `onError` when
 * given, otherwise through {@link warn}. The error is only built the first time.
 */
export function reportOnce<I>(
  onError: ((error: Misconfiguration, info: I) => void) | undefined,
): (kind: new () => Misconfiguration, info: I) => void {
  const told = new Set<new () => Misconfiguration>();
  return (kind, info) => {
    if (told.has(kind)) return;
    told.add(kind);
    const error = new kind();
    if (onError) onError(error, info);
    else warn(error);
  };
}
