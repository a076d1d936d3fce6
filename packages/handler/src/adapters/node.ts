/**
 * node:http / node:https adapter, also mountable as Express/Connect middleware on a
 * route. It reads the request into bytes itself (stopping at the limit) and calls the
 * low-level entry, without building a `Request`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WalletAnswer } from '../answer.ts';
import { unknownError } from '../answer.ts';
import type { WalletHandler } from '../create-wallet-handler.ts';
import { createWalletHandler, walletHandlerInternals } from '../create-wallet-handler.ts';
import type { WalletHandlerOptions } from '../options.ts';
import { announcesTooMuch, concatBytes } from '../read-body.ts';
import { signatureHeader } from '../verify-signature.ts';

/** A `(req, res)` listener for `http.createServer`, or an Express/Connect route handler. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Says what went wrong when a body parser read the stream before the wallet handler. */
export class BodyAlreadyReadError extends Error {
  constructor() {
    super(
      'The request body was already read by another middleware (req.body is set or the stream has ended), so its ' +
        'signature cannot be checked over the raw bytes. Mount the wallet handler before express.json() or any other ' +
        'body parser, e.g. app.post("/wallet", toNodeListener(handle)) ahead of app.use(express.json()).',
    );
    this.name = 'BodyAlreadyReadError';
  }
}

function send(res: ServerResponse, answer: WalletAnswer, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  // A Content-Length lets Node send the answer in one write instead of chunked encoding.
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-length': String(Buffer.byteLength(answer.body)),
    ...extra,
  });
  res.end(answer.body);
}

/** Reads the body up to `limit` bytes; `undefined` once it goes past (reading stops there). */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', reject);
      req.pause();
    };
    const onData = (chunk: Uint8Array) => {
      total += chunk.byteLength;
      if (total > limit) {
        stop();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(concatBytes(chunks, total));
    };
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

/**
 * Serves the wallet from node:http, node:https or an Express/Connect route:
 * `http.createServer(toNodeListener(handle))`, `app.post('/wallet', toNodeListener(handle))`.
 * A body over the limit is answered 413 and the connection closed without reading
 * the rest. If a body parser already consumed the stream it answers 500 and reports a
 * {@link BodyAlreadyReadError} to `onError` (mount the handler before `express.json()`).
 *
 * @param handler a handler from {@link createWalletHandler}, or its options.
 */
export function toNodeListener(handler: WalletHandler | WalletHandlerOptions): NodeListener {
  const handle = typeof handler === 'function' ? handler : createWalletHandler(handler);
  const { handleWalletCall } = handle;
  const { maxBodyBytes, onError } = handle[walletHandlerInternals];
  return (req, res) => {
    const receivedAt = Date.now();
    const method = req.method ?? 'GET';
    const signature = req.headers[signatureHeader];
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const answer = (body: Uint8Array | undefined) =>
      handleWalletCall({
        body,
        signature: typeof signature === 'string' ? signature : undefined,
        method,
        signal: controller.signal,
        receivedAt,
      }).then((result) => send(res, result, result.status === 413 ? { connection: 'close' } : {}));

    if (method !== 'POST') {
      void answer(new Uint8Array(0));
    } else if (req.readableEnded) {
      onError(new BodyAlreadyReadError(), {});
      send(res, unknownError);
    } else if (announcesTooMuch(req.headers['content-length'], maxBodyBytes)) {
      void answer(undefined);
    } else {
      readNodeBody(req, maxBodyBytes).then(answer, () => {
        // The caller broke the stream: nobody is left to answer.
        controller.abort();
      });
    }
  };
}
