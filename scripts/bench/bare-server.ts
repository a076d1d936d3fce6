/**
 * The floor: the least any correct wallet endpoint on `node:http` must do. Read the
 * body, `createHmac` + `timingSafeEqual` over the raw bytes, `JSON.parse`, write a
 * JSON answer. No schema, no dispatch, no error bodies beyond the two it needs.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { benchSecret, constantAnswer } from './fixtures.ts';

/** Verifies and parses one call, in memory: the in-process floor. Returns the answer body or `undefined`. */
export function minimalCall(
  raw: Buffer,
  signature: string | undefined,
  secret: string = benchSecret,
): string | undefined {
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(signature ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const call = JSON.parse(raw.toString('utf8')) as { action?: unknown };
  if (call.action !== 'win') return undefined;
  return JSON.stringify(constantAnswer);
}

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The bare `node:http` request listener of the floor. */
export function bareListener(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const signature = req.headers['x-request-sign'];
    let body: string | undefined;
    try {
      body = minimalCall(Buffer.concat(chunks), typeof signature === 'string' ? signature : undefined);
    } catch {
      return answer(res, 400, '{"code":400,"message":"Bad request. Badly formatted JSON."}');
    }
    if (body === undefined) return answer(res, 403, '{"code":403,"message":"Forbidden. Request sign doesn\'t match."}');
    answer(res, 200, body);
  });
}
