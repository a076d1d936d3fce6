/**
 * A bare `node:http` server on 127.0.0.1 that answers as a test says, and records
 * each request's raw bytes and headers and the connections opened to it.
 */
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The exact bytes of the body. */
  readonly bytes: Buffer;
  /** The parsed JSON body. */
  readonly json: { action?: string; [key: string]: unknown };
}

/** What a started server offers the test. */
export interface RawServer {
  /** A wallet URL on the server. */
  readonly url: string;
  readonly requests: RawRequest[];
  /** How many TCP connections were opened to the server. */
  connections(): number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Answers a received request; it may also leave `res` unanswered. */
export type RawHandler = (request: RawRequest, res: ServerResponse) => void;

/** Writes a protocol answer: `status` with a JSON body. */
export function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The operator's 407 answer. */
export const playerBlocked: RawHandler = (_request, res) =>
  answer(res, 407, { code: 407, message: 'Player is blocked.' });

/** Starts a server on a free port of 127.0.0.1. */
export async function startRawServer(handle: RawHandler): Promise<RawServer> {
  const requests: RawRequest[] = [];
  let connections = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    let json: RawRequest['json'] = {};
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      // Not JSON: the test looks at the bytes.
    }
    const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes, json };
    requests.push(request);
    handle(request, res);
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/casino/wallet`,
    requests,
    connections: () => connections,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
