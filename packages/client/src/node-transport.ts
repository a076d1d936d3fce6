/**
 * A fetch-compatible transport over `node:http` / `node:https`: the default of the
 * package's runtime-neutral build where the runtime has them (a Node program bundled
 * without the `node` condition); the `node` build sends through undici instead. The Fetch standard turns an HTTP 407 answer into a
 * network error (to it 407 is "Proxy Authentication Required"), and Node's global
 * `fetch` (undici) does so: over fetch the protocol's 407 "Player is blocked." would
 * look like a failed connection, be retried, and make a refused bet look unknown.
 * This transport hands every status back as it came, 407 included.
 *
 * The modules are reached through `process.getBuiltinModule`, so bundles for Workers
 * or browsers carry no import of them.
 *
 * @see WALLET-PROTOCOL.md §5 (407) and §6 (definitive refusals)
 */
import type { Agent, IncomingMessage } from 'node:http';
import type { FetchLike } from './fetch-transport.ts';

type NodeHttp = typeof import('node:http');
type NodeHttps = typeof import('node:https');

/**
 * A fetch over `node:http`/`node:https` with its own keep-alive agents, or
 * `undefined` on a runtime without them (Workers, browsers) and on Bun and Deno.
 *
 * It sends the request's method, URL, headers and exact body bytes, honours its
 * `signal` (rejecting with the signal's reason), and resolves, as `fetch` does, at the
 * answer's headers to a `Response` whose body streams from the connection as it is read
 * (so a reader that stops early, such as the client's `maxAnswerBytes`, holds no more):
 * cancelling the body closes the connection, and an abort after the headers errors the
 * body with the signal's reason. A failure to connect, or to read the answer to its end,
 * rejects (the fetch, or the body's read) with a `TypeError` whose `cause` is Node's
 * error, as `fetch` does.
 */
export function nodeHttpTransport(): FetchLike | undefined {
  // Bun and Deno offer node:http as a compatibility layer; there the client keeps their fetch.
  if ('Bun' in globalThis || 'Deno' in globalThis) return undefined;
  const get = globalThis.process?.getBuiltinModule;
  const http = get?.('node:http') as NodeHttp | undefined;
  const https = get?.('node:https') as NodeHttps | undefined;
  if (!http?.request || !https?.request) return undefined;
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  return async (request) => {
    request.signal.throwIfAborted();
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') throw new TypeError(`Unsupported protocol ${url.protocol}`);
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(await request.arrayBuffer());
    // Looked up at each call, so interceptors that patch `request` (MSW) still see the call.
    const send = secure ? https.request : http.request;
    return exchange(send, url, request, body, secure ? agents.https : agents.http);
  };
}

function exchange(
  send: NodeHttp['request'],
  url: URL,
  request: Request,
  body: Uint8Array | undefined,
  agent: Agent,
): Promise<Response> {
  const { signal } = request;
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    /** Errors the body stream, once the Response was handed over. */
    let failBody: ((reason: unknown) => void) | undefined;
    // The abort listener stays until the body is read, cancelled or failed, not just until the headers.
    const finish = () => signal.removeEventListener('abort', onAbort);
    const fail = (error: unknown) => {
      const reason = signal.aborted ? signal.reason : new TypeError(messageOf(error), { cause: error });
      if (!settled) {
        settled = true;
        finish();
        reject(reason);
      } else failBody?.(reason);
    };
    const onAbort = () => {
      fail(signal.reason);
      outgoing.destroy();
    };

    const headers = Object.fromEntries(request.headers);
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    const outgoing = send(url, { method: request.method, headers, agent }, (incoming) => {
      incoming.on('error', fail);
      incoming.on('close', () => {
        if (!incoming.complete) fail(new Error('The connection closed before the answer ended.'));
      });
      let response: Response;
      try {
        const stream = bodyOf(incoming, finish);
        failBody = stream.fail;
        response = toResponse(incoming, stream.body);
      } catch (error) {
        fail(error);
        incoming.destroy();
        return;
      }
      settled = true;
      resolve(response);
    });
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

/**
 * The answer's body as a stream that follows `incoming` with backpressure, as fetch's
 * does: the `Response` is handed over at the headers and the body is read as its reader
 * pulls. Cancelling the stream (a reader that has read enough) destroys the connection,
 * so nothing more arrives. `fail` errors the stream (a cut connection, the abort).
 */
function bodyOf(
  incoming: IncomingMessage,
  finish: () => void,
): { body: ReadableStream<Uint8Array>; fail: (reason: unknown) => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const fail = (reason: unknown) => {
    if (!open) return;
    open = false;
    finish();
    controller.error(reason);
  };
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      incoming.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.on('end', () => {
        if (!open) return;
        open = false;
        finish();
        controller.close();
      });
    },
    pull() {
      incoming.resume();
    },
    cancel() {
      open = false;
      finish();
      incoming.destroy();
    },
  });
  return { body, fail };
}

function toResponse(incoming: IncomingMessage, body: ReadableStream<Uint8Array>): Response {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const status = incoming.statusCode ?? 0;
  // What a Response cannot hold, fetch treats as a network error too.
  if (status < 200 || status > 599) throw new Error(`The answer has the invalid HTTP status ${status}.`);
  const bodyless = status === 204 || status === 205 || status === 304;
  if (bodyless) incoming.resume();
  return new Response(bodyless ? null : body, {
    status,
    statusText: incoming.statusMessage ?? '',
    headers,
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The request could not be sent.';
}
