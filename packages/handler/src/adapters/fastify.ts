/**
 * Fastify 5 plugin. In its own encapsulated scope it replaces the body parsers with
 * one that keeps the raw bytes (up to the limit), so the signature is checked over
 * exactly what was sent; routes outside the plugin keep their parsers.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { WalletAnswer } from '../answer.ts';
import { errorAnswer } from '../answer.ts';
import type { WalletHandler } from '../create-wallet-handler.ts';
import { createWalletHandler } from '../create-wallet-handler.ts';
import type { WalletHandlerOptions } from '../options.ts';
import type { BodyRead } from '../read-body.ts';
import { signatureHeader } from '../verify-signature.ts';

/** Options of {@link walletFastifyPlugin}. */
export interface WalletFastifyOptions {
  /** A handler from `createWalletHandler`, or its options. */
  readonly handler: WalletHandler | WalletHandlerOptions;
  /** The wallet URL inside the plugin's prefix. Default `/`. */
  readonly path?: string;
}

function signalOf(to: FastifyReply): AbortSignal {
  const controller = new AbortController();
  to.raw.once('close', () => {
    if (!to.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function reply(to: FastifyReply, answer: WalletAnswer): FastifyReply {
  if (answer.status === 0) {
    // The caller broke the stream: nobody is left to answer.
    to.hijack();
    to.raw.destroy();
    return to;
  }
  return to.code(answer.status).headers(answer.headers).send(answer.body);
}

/** The body the route sees: the bytes the plugin's parser kept, none, or a value a hook put there instead. */
function bodyOf(request: FastifyRequest): BodyRead {
  const body = request.body;
  if (body instanceof Uint8Array) return body;
  return body === undefined || body === null ? new Uint8Array(0) : 'parsed';
}

/**
 * Serves the wallet from Fastify:
 * `app.register(walletFastifyPlugin, { prefix: '/operator/wallet', handler: handle })`.
 * A body over the limit is answered 413 `{ code, message }`; every other answer comes
 * from the same core as `createWalletHandler`.
 */
export const walletFastifyPlugin: FastifyPluginCallback<WalletFastifyOptions> = (app, options, done) => {
  const handle = typeof options.handler === 'function' ? options.handler : createWalletHandler(options.handler);
  const { handleWalletCall, maxBodyBytes } = handle;
  // When each request arrived, before its body was read (as the other adapters take it).
  const receivedAt = new WeakMap<FastifyRequest, number>();
  const call = (request: FastifyRequest, body: BodyRead, to: FastifyReply, failure?: unknown) => {
    const { [signatureHeader]: signature, traceparent, tracestate } = request.headers;
    return handleWalletCall({
      body,
      failure,
      signature: typeof signature === 'string' ? signature : undefined,
      traceparent: typeof traceparent === 'string' ? traceparent : undefined,
      tracestate: typeof tracestate === 'string' ? tracestate : undefined,
      method: request.method,
      url: request.url,
      scheme: request.protocol,
      signal: signalOf(to),
      receivedAt: receivedAt.get(request),
    }).then((answer) => reply(to, answer));
  };

  app.addHook('onRequest', (request, _reply, next) => {
    receivedAt.set(request, Date.now());
    next();
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, parsed) =>
    parsed(null, body),
  );
  app.setErrorHandler((error: { statusCode?: number }, request, to) => {
    // Fastify refuses a body over bodyLimit (or a broken one) before the route runs:
    // answer it the protocol's way.
    if (error.statusCode === 413) return call(request, 'too-large', to);
    if (request.raw.readableAborted) return call(request, 'caller-left', to);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return reply(to, errorAnswer(400));
    return call(request, new Uint8Array(0), to, error); // a hook of the app failed: 500, and onError is told
  });
  app.all(options.path ?? '/', (request, to) => call(request, bodyOf(request), to));
  done();
};
