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
import { declaredOver } from './answer-bound.ts';
import type { AbortExchange, RawAnswer, Settle, Transport } from './transport.ts';
import { WalletAnswerTooLargeError } from './transport-errors.ts';

/**
 * A transport to `walletUrl` through `dispatcher` (a user's undici `Agent`, `Pool`,
 * `ProxyAgent`, …), or through a keep-alive `Pool` of its own for the URL's origin.
 * Each attempt is one `dispatch` with an {@link Exchange} as its handler: the answer is
 * collected as it arrives, with no response stream, promise or abort signal made for it,
 * and no further than `maxAnswerBytes`.
 */
export function undiciTransport(walletUrl: string, maxAnswerBytes: number, dispatcher?: Dispatcher): Transport {
  const url = new URL(walletUrl); // an http(s) URL: checked by the client before any transport is made
  const origin = url.origin;
  const path = `${url.pathname}${url.search}`;
  const pool = dispatcher ?? new Pool(origin);

  return (call, settle) => {
    const exchange = new Exchange(settle, maxAnswerBytes);
    pool.dispatch({ origin, path, method: 'POST', headers: call.headers, body: call.body }, exchange);
    return exchange.abort;
  };
}

/**
 * The handler of one dispatched attempt: the final status and the body's chunks, settled
 * once. An answer over `maxBytes` (declared, or as its bytes arrive) settles with
 * `WalletAnswerTooLargeError` and aborts the exchange, which destroys its connection.
 */
class Exchange implements Dispatcher.DispatchHandler {
  #settle: Settle | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #reason: Error | undefined;
  #status = 0;
  #chunks: Buffer[] = [];
  #size = 0;
  readonly #maxBytes: number;

  constructor(settle: Settle, maxBytes: number) {
    this.#settle = settle;
    this.#maxBytes = maxBytes;
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

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // An informational 1xx comes first: the last status is the answer's.
    this.#status = statusCode;
    const declared = declaredOver(headers['content-length'], this.#maxBytes);
    if (declared !== undefined) this.#tooLarge(controller, declared);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settle === undefined) return; // aborted: nothing more is kept
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) this.#tooLarge(controller);
    else this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.#end(undefined, { status: this.#status, text: textOf(this.#chunks) });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#end(error);
  }

  /** Settles with the answer too large, then aborts: the connection is destroyed, nothing more is read. */
  #tooLarge(controller: Dispatcher.DispatchController, declared?: number): void {
    const error = new WalletAnswerTooLargeError(this.#status, this.#maxBytes, declared);
    this.#chunks = [];
    this.#end(error);
    controller.abort(error);
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
