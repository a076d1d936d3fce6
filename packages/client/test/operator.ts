/**
 * An operator's wallet at the network edge (MSW): it checks the signature over the
 * exact bytes it received with its own `node:crypto` code, checks the body is JSON
 * with the expected headers, records every call and answers as the test says.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { secret as defaultSecret, walletUrl } from './fixtures.ts';

/** One call as the operator received it. */
export interface ReceivedCall {
  readonly url: string;
  readonly method: string;
  /** The raw body, decoded as UTF-8. */
  readonly body: string;
  readonly signature: string | null;
  readonly contentType: string | null;
  readonly headers: Headers;
  /** The parsed body. */
  readonly json: Record<string, unknown>;
  /** When the call arrived (fake time in timer tests). */
  readonly at: number;
}

/** How the operator answers call number `index` (0-based) once its signature is good. */
export type Answer = (call: ReceivedCall, index: number) => Response | Promise<Response>;

/** HMAC-SHA256 lowercase hex, written independently of the code under test. */
export function hmacHex(body: Uint8Array | string, key: string = defaultSecret): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** The MSW server of a test file, listening for the file's tests. */
export function useMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** An error body as the protocol writes it. */
export function errorAnswer(code: number, message = `error ${code}`): Response {
  return HttpResponse.json({ code, message }, { status: code });
}

/** MSW handlers of an operator at `url`, and the calls it received (signed or not). */
export function operatorAt(answer: Answer, url: string = walletUrl, key: string = defaultSecret) {
  const calls: ReceivedCall[] = [];
  const handler = http.all(url, async ({ request }) => {
    const bytes = new Uint8Array(await request.arrayBuffer());
    const body = new TextDecoder().decode(bytes);
    const signature = request.headers.get('x-request-sign');
    const call: ReceivedCall = {
      url: request.url,
      method: request.method,
      body,
      signature,
      contentType: request.headers.get('content-type'),
      headers: request.headers,
      json: JSON.parse(body) as Record<string, unknown>,
      at: Date.now(),
    };
    calls.push(call);
    const expected = Buffer.from(hmacHex(bytes, key), 'hex');
    const given = Buffer.from(signature ?? '', 'hex');
    const signed = given.length === expected.length && timingSafeEqual(given, expected);
    if (!signed || request.method !== 'POST' || call.contentType !== 'application/json')
      return errorAnswer(403, "Forbidden. Request sign doesn't match.");
    return answer(call, calls.length - 1);
  });
  return { handler, calls };
}

export { HttpResponse };
