/**
 * The default transport on Node: undici's dispatcher API (`dispatch`), straight to a
 * keep-alive connection pool of the wallet URL's origin, HTTP or HTTPS. No `Request`
 * or `Response` objects are built, and every status comes back as it came: the Fetch
 * standard turns an HTTP 407 into a network error, the dispatcher API does not, so the
 * protocol's 407 "Player is blocked." reaches the caller as `PlayerBlockedError`.
 *
 * Only the `node` build of the package imports this file (and undici).
 *
 * @see WALLET-PROTOCOL.md §2 and §5 (407)
 */
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { AbortExchange, RawAnswer, Settle, Transport } from './transport.ts';

/**
 * A transport to `walletUrl` through `dispatcher` (a user's undici `Agent`, `Pool`,
 * `ProxyAgent`, …), or through a keep-alive `Pool` of its own for the URL's origin.
 * Each attempt is one `dispatch` with an {@link Exchange} as its handler: the answer is
 * collected as it arrives, with no response stream, promise or abort signal made for it.
 */
export function undiciTransport(walletUrl: string, dispatcher?: Dispatcher): Transport {
  const url = new URL(walletUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`baseUrl must be an http: or https: URL, not ${url.protocol}`);
  const origin = url.origin;
  const path = `${url.pathname}${url.search}`;
  const pool = dispatcher ?? new Pool(origin);

  return (call, settle) => {
    const exchange = new Exchange(settle);
    pool.dispatch({ origin, path, method: 'POST', headers: call.headers, body: call.body }, exchange);
    return exchange.abort;
  };
}

/** The handler of one dispatched attempt: the final status and the body's chunks, settled once. */
class Exchange implements Dispatcher.DispatchHandler {
  #settle: Settle | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #reason: Error | undefined;
  #status = 0;
  #chunks: Buffer[] = [];

  constructor(settle: Settle) {
    this.#settle = settle;
  }

  /** Stops the exchange: at once when it is on a connection, else as soon as it gets one. */
  readonly abort: AbortExchange = (reason) => {
    if (!this.#settle) return;
    this.#settle = undefined;
    this.#reason = reason;
    this.#controller?.abort(reason);
  };

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.#reason) controller.abort(this.#reason);
    else this.#controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    // An informational 1xx comes first: the last status is the answer's.
    this.#status = statusCode;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.#end(undefined, { status: this.#status, text: textOf(this.#chunks) });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#end(error);
  }

  #end(error: Error | undefined, answer?: RawAnswer): void {
    const settle = this.#settle;
    this.#settle = undefined;
    this.#controller = undefined;
    settle?.(error, answer);
  }
}

/** The body as UTF-8 text, a leading byte order mark dropped (as `body.text()` and `Response.text()` do). */
function textOf(chunks: readonly Buffer[]): string {
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const bom = bytes.length > 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}
