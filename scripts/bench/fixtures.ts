/** What every bench sends (the spec's vendor `win`, signed), a constant wallet, and the floors it is compared with. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WinRequest } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import { parse } from 'yaml';

export const benchSecret = 'bench-secret-not-a-real-one';

const spec = parse(readFileSync(new URL('../../openapi/paths/operator-wallet.yaml', import.meta.url), 'utf8'));
const vendorWin: WinRequest = spec.post.requestBody.content['application/json'].examples.win.value;

export function winRequest(transactionId = '11121219dd1f161', playerId = '12') {
  const { payload } = vendorWin;
  const data = { ...payload.provider_transfer_data, transaction_id: transactionId };
  return { ...vendorWin, amount: 100, player_id: playerId, payload: { ...payload, provider_transfer_data: data } };
}

/** A request as a JSON body and its headers, signed as the protocol says (`X-REQUEST-SIGN`). */
export function signedPost(request: object) {
  const body = JSON.stringify(request);
  const signature = createHmac('sha256', benchSecret).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-request-sign': signature } };
}

export const signedWin = signedPost(winRequest());

const answer = { transaction_id: 'op-1', balance: 100000, currency_code: 'EUR' };
/** The five callbacks, each answering a constant: what the handler adds is all that is measured. */
export const constantWallet: WalletCallbacks = {
  balance: () => ({ player_id: '12', balance: 100000, currency_code: 'EUR' }),
  ...{ bet: () => answer, win: () => answer, refund: () => answer, rollbackWin: () => answer },
};

/** The in-memory floor: HMAC + `timingSafeEqual` over the raw bytes, `JSON.parse`, the answer's JSON. */
export function minimalCall(raw: Uint8Array, signature: string | null | undefined): string | undefined {
  const expected = createHmac('sha256', benchSecret).update(raw).digest();
  const given = Buffer.from(signature ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const call = JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
  return call.action === 'win' ? JSON.stringify(answer) : undefined;
}

/** The bare `node:http` listener: the floor of the HTTP benches. */
export function bareListener(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = minimalCall(Buffer.concat(chunks), req.headers['x-request-sign'] as string | undefined);
    const text = body ?? '{"code":403,"message":"Forbidden. Request sign doesn\'t match."}';
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
    res.writeHead(body ? 200 : 403, headers).end(text);
  });
}

/** The bare Web handler: the same minimum over `Request` (read by its stream reader, the cheapest way), `Response`. */
export async function bareWebHandler(request: Request): Promise<Response> {
  const chunks: Uint8Array[] = [];
  const reader = request.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const body = minimalCall(raw, request.headers.get('x-request-sign'));
  const headers = { 'content-type': 'application/json' };
  return new Response(body ?? '{"code":403}', { status: body ? 200 : 403, headers });
}
