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
 * `signal` (rejecting with the signal's reason), and resolves to a `Response` with
 * the status, headers and body received. A failure to connect or to read the answer
 * rejects with a `TypeError` whose `cause` is Node's error, as `fetch` does.
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
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: unknown) =>
      settle(() => reject(signal.aborted ? signal.reason : new TypeError(messageOf(error), { cause: error })));
    const onAbort = () => {
      settle(() => reject(signal.reason));
      outgoing.destroy();
    };

    const headers = Object.fromEntries(request.headers);
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    const outgoing = send(url, { method: request.method, headers, agent }, (incoming) => {
      const chunks: Uint8Array[] = [];
      incoming.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      incoming.on('error', fail);
      incoming.on('close', () => {
        if (!incoming.complete) fail(new Error('The connection closed before the answer ended.'));
      });
      incoming.on('end', () => {
        let response: Response;
        try {
          response = toResponse(incoming, chunks);
        } catch (error) {
          return fail(error);
        }
        settle(() => resolve(response));
      });
    });
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

function toResponse(incoming: IncomingMessage, chunks: Uint8Array[]): Response {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const status = incoming.statusCode ?? 0;
  // What a Response cannot hold, fetch treats as a network error too.
  if (status < 200 || status > 599) throw new Error(`The answer has the invalid HTTP status ${status}.`);
  const bodyless = status === 204 || status === 205 || status === 304;
  return new Response(bodyless ? null : concat(chunks), {
    status,
    statusText: incoming.statusMessage ?? '',
    headers,
  });
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The request could not be sent.';
}
