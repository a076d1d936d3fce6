/**
 * The operator's entry point: a Web-standard `(Request) => Promise<Response>` that
 * serves the wallet URL. Mount it as is in Hono, Next.js, Bun, Deno and Workers, or
 * through {@link toNodeListener} in node:http and Express.
 */
import type { WalletAnswer } from './answer.ts';
import type { HandleWalletCall } from './handle-wallet-call.ts';
import { createHandleWalletCall } from './handle-wallet-call.ts';
import type { WalletHandlerOptions } from './options.ts';
import { resolveOptions } from './options.ts';
import { readBody } from './read-body.ts';
import { signatureHeader } from './verify-signature.ts';

/**
 * A wallet handler: call it with a `Request`, get the `Response`. It never rejects:
 * every failure is answered with the protocol's `{ code, message }`.
 */
export interface WalletHandler {
  (request: Request): Promise<Response>;
  /** The low-level entry for adapters that already hold the raw bytes and should not build a `Request`. */
  readonly handleWalletCall: HandleWalletCall;
  /**
   * The body limit the handler was created with (`maxBodyBytes`, default 64 KiB): an
   * adapter that reads the body itself stops reading there and hands over `'too-large'`.
   */
  readonly maxBodyBytes: number;
}

/** A `Response` from a {@link WalletAnswer} (one of status 0 is `Response.error()`, a network error). */
export function toResponse(answer: WalletAnswer): Response {
  if (answer.status === 0) return Response.error(); // the caller broke the stream: nobody is left to answer
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * Creates the handler of an operator's wallet URL. Each call is checked in the
 * protocol's order — method (405), body size (413), signature over the raw bytes (403),
 * JSON and schema (400) — and then handed to the wallet callback named by `action`.
 *
 * @throws TypeError at creation when no secret is given, `secrets` is not an array or is given beside `secret`, a secret is empty, a callback is missing, a hook is not a function, `telemetry` has no `startCall`, or `maxBodyBytes` is not a positive integer.
 * @see WALLET-PROTOCOL.md §2, §5 and §6
 * @example
 * const handle = createWalletHandler({ secret: process.env.TBB_WALLET_SECRET!, wallet });
 * export const POST = handle; // Next.js route handler
 */
export function createWalletHandler(options: WalletHandlerOptions): WalletHandler {
  const resolved = resolveOptions(options);
  const handleWalletCall = createHandleWalletCall(resolved);
  const traced = resolved.telemetry !== undefined;
  const handle = async (request: Request): Promise<Response> => {
    const receivedAt = Date.now();
    const method = request.method;
    const body = method === 'POST' ? await readBody(request, resolved.maxBodyBytes) : new Uint8Array(0);
    const signature = request.headers.get(signatureHeader);
    const call = { body, signature, method, signal: request.signal, receivedAt };
    if (!traced) return toResponse(await handleWalletCall(call));
    const { headers } = request;
    const trace = { traceparent: headers.get('traceparent'), tracestate: headers.get('tracestate'), url: request.url };
    return toResponse(await handleWalletCall({ ...call, ...trace }));
  };
  return Object.assign(handle, { handleWalletCall, maxBodyBytes: resolved.maxBodyBytes });
}
