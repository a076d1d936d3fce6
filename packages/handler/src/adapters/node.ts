/**
 * node:http / node:https adapter, also mountable as Express/Connect middleware on a
 * route. It reads the request into bytes itself (stopping at the limit) and calls the
 * low-level entry, without building a `Request`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { concatBytes } from '@tbb-wallet/core';
import type { WalletAnswer } from '../answer.ts';
import type { WalletHandler } from '../create-wallet-handler.ts';
import { createWalletHandler } from '../create-wallet-handler.ts';
import type { RawWalletCall } from '../handle-wallet-call.ts';
import type { WalletHandlerOptions } from '../options.ts';
import type { BodyRead } from '../read-body.ts';
import { announcesTooMuch } from '../read-body.ts';
import { signatureHeader } from '../verify-signature.ts';

/**
 * The caller's signal, made when a callback first reads it: on Node 20 an `AbortController` costs
 * several µs, more than the rest of this adapter. Made after the caller left, it is aborted already.
 */
class CallerSignal {
  private controller: AbortController | undefined;
  private gone = false;
  left(): void {
    this.gone = true;
    this.controller?.abort();
  }
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.gone) this.controller.abort();
    }
    return this.controller.signal;
  }
}

/** One call as {@link RawWalletCall}; its signal, and what only telemetry reads, read from the request on demand. */
class NodeCall implements RawWalletCall {
  constructor(
    readonly body: BodyRead,
    readonly signature: string | undefined,
    readonly method: string,
    readonly receivedAt: number,
    private readonly caller: CallerSignal,
    private readonly req: IncomingMessage,
  ) {}
  get signal(): AbortSignal {
    return this.caller.signal;
  }
  get traceparent(): string | undefined {
    return headerOf(this.req, 'traceparent');
  }
  get tracestate(): string | undefined {
    return headerOf(this.req, 'tracestate');
  }
  /** The request target as it came (Express's `originalUrl` where a router rewrote `url`), read by telemetry only. */
  get url(): string | undefined {
    return (this.req as { originalUrl?: string }).originalUrl ?? this.req.url;
  }
  get scheme(): string {
    return (this.req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  }
}

/** A `(req, res)` listener for `http.createServer`, or an Express/Connect route handler. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

function send(res: ServerResponse, answer: WalletAnswer): void {
  if (answer.status === 0) {
    res.destroy(); // the caller broke the stream: nobody is left to answer
    return;
  }
  if (res.headersSent || res.destroyed) return;
  // Copied key by key: on Node 20 `{ ...headers, 'content-length': n }` misses its inline cache on every call.
  const headers: Record<string, string> = {};
  for (const name in answer.headers) headers[name] = answer.headers[name]!;
  // A Content-Length lets Node send the answer in one write instead of chunked encoding.
  headers['content-length'] = String(Buffer.byteLength(answer.body));
  if (answer.status === 413) headers.connection = 'close'; // the unread rest of the body is never parsed as a request
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** A header sent once (a repeated one is an array: not ours to choose from). */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads the body up to `limit` bytes: `'too-large'` once it goes past (reading stops there). Never rejects.
 * A promise, not a callback from the stream's `end`: its reaction runs in the listener's async context, so an
 * `AsyncLocalStorage` store (OpenTelemetry's context, a request-scoped logger) entered around the listener
 * reaches the wallet's callbacks.
 */
function readNodeBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const stop = (read: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onBroken).off('close', onBroken);
      req.pause();
      resolve(read);
    };
    const onData = (chunk: Uint8Array) => {
      total += chunk.byteLength;
      if (total > limit) stop('too-large');
      else chunks.push(chunk);
    };
    const onEnd = () => stop(concatBytes(chunks, total));
    const onBroken = () => stop('caller-left'); // an error, or a close before the end
    req.on('data', onData).on('end', onEnd).on('error', onBroken).on('close', onBroken);
  });
}

/**
 * What a framework left of the body when it is not the untouched stream: the bytes a raw
 * parser kept (`express.raw()`'s Buffer), or why there are none. `undefined`: read the stream.
 */
function bodyLeftBy(req: IncomingMessage): BodyRead | undefined {
  const body = (req as { body?: unknown }).body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (!req.readableEnded && !req.readableDidRead) return undefined;
  return body === undefined ? 'consumed' : 'parsed';
}

/**
 * Serves the wallet from node:http, node:https or an Express/Connect route:
 * `http.createServer(toNodeListener(handle))`, `app.post('/wallet', toNodeListener(handle))`.
 * A body over the limit is answered 413 and the connection closed without reading
 * the rest. A Buffer a raw parser left in `req.body` (`express.raw()`) is checked as the
 * exact bytes. If a body parser consumed the stream or left a parsed `req.body`, it
 * answers 500 and reports a `BodyAlreadyReadError` or `BodyParsedError` once (mount the
 * handler before `express.json()`). A caller that leaves mid-body gets no answer.
 *
 * @param handler a handler from {@link createWalletHandler}, or its options.
 */
export function toNodeListener(handler: WalletHandler | WalletHandlerOptions): NodeListener {
  const handle = typeof handler === 'function' ? handler : createWalletHandler(handler);
  const { handleWalletCall, maxBodyBytes } = handle;
  return (req, res) => {
    const receivedAt = Date.now();
    const method = req.method ?? 'GET';
    const signature = headerOf(req, signatureHeader);
    const caller = new CallerSignal();
    // `on`, not `once`: a response closes once, and `once` wraps the listener in a new function each request.
    res.on('close', () => {
      if (!res.writableFinished) caller.left();
    });
    const answer = (body: BodyRead) =>
      handleWalletCall(new NodeCall(body, signature, method, receivedAt, caller, req)).then((result) =>
        send(res, result),
      );

    const left = method === 'POST' ? bodyLeftBy(req) : new Uint8Array(0);
    if (left !== undefined) void answer(left);
    else if (announcesTooMuch(req.headers['content-length'], maxBodyBytes)) void answer('too-large');
    else void readNodeBody(req, maxBodyBytes).then(answer);
  };
}
