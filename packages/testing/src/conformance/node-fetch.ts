/**
 * A `fetch` over node:http(s). The Fetch standard turns every HTTP 407 answer into a
 * network error (407 means "Proxy Authentication Required" to it), so Node's global
 * `fetch` can never show the protocol's 407 "Player is blocked."; the suite must see
 * what the wallet really answered, so it sends with this one where node:http exists.
 */
type NodeHttp = typeof import('node:http');

/** The node:http fetch, or `undefined` on a runtime without node:http. */
export function nodeFetch(): ((request: Request) => Promise<Response>) | undefined {
  const get = globalThis.process?.getBuiltinModule;
  const http = get?.('node:http') as NodeHttp | undefined;
  const https = get?.('node:https') as typeof import('node:https') | undefined;
  if (!http?.request || !https?.request) return undefined;
  return async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = send(
        url,
        { method: request.method, headers: Object.fromEntries(request.headers), signal: request.signal },
        (incoming) => {
          const chunks: Uint8Array[] = [];
          incoming.on('data', (chunk: Uint8Array) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
            }
            const status = incoming.statusCode ?? 500;
            const empty = status === 204 || status === 304;
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body === undefined ? undefined : Buffer.from(body));
    });
  };
}
