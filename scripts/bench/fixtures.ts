/**
 * What every bench sends and the floors it is compared with: the vendor's signed `win`,
 * a wallet that answers a constant, and the least a correct endpoint must do (read the
 * body, HMAC over the raw bytes, `JSON.parse`, answer) on `node:http` and on the Web API.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WalletCallbacks } from '@tbb-wallet/handler';

/** The secret of the bench (not a real one). */
export const benchSecret = 'bench-secret-not-a-real-one';

/** The vendor's `win` example (WALLET-PROTOCOL.md §3), with a transaction id and player of choice. */
export function winRequest(transactionId = '11121219dd1f161', playerId = '12') {
  const data = {
    round_id: '20111312111',
    transaction_id: transactionId,
    round_close: true,
    table_reference: 'c9cbb3d5-439f',
  };
  return {
    ...{ amount: 100, is_mobile: false, player_id: playerId, currency_code: 'EUR', action: 'win' as const },
    payload: {
      ...{ reference: 'Monkey', session_token: '8eb654b0-e660-4fe5-9fa2-f9c7d26689ac' },
      provider_transfer_data: {
        ...data,
        promo: { type: 'welcome_bonus', id: 'promo_1001' },
        jackpot: { is_jackpot: false, jackpot_id: null, jackpot_contribution: null, jackpot_details: null },
        tournament: { is_tournament: false, tournament_id: null, score: null, place: null },
        free_spin: { is_free_spin: false, free_spin_id: null, free_spin_details: null, freespin_left: null },
      },
    },
  };
}

/** A request as a JSON body and its headers, signed (`X-REQUEST-SIGN`: HMAC-SHA256, lowercase hex). */
export function signedPost(request: object) {
  const body = JSON.stringify(request);
  const signature = createHmac('sha256', benchSecret).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-request-sign': signature } };
}

/** The vendor `win`, signed once. */
export const signedWin = signedPost(winRequest());

const answer = { transaction_id: 'op-1', balance: 100000, currency_code: 'EUR' };
const constant = () => answer;

/** The five callbacks, each answering a constant: what the handler adds is all that is measured. */
export const constantWallet: WalletCallbacks = {
  balance: () => ({ player_id: '12', balance: 100000, currency_code: 'EUR' }),
  ...{ bet: constant, win: constant, refund: constant, rollbackWin: constant },
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
    res.writeHead(body ? 200 : 403, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
}

/** The bare Web handler: the same minimum over `Request` (body read by its stream reader, the cheapest way) and `Response`. */
export async function bareWebHandler(request: Request): Promise<Response> {
  const chunks: Uint8Array[] = [];
  const reader = request.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  const body = minimalCall(
    chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
    request.headers.get('x-request-sign'),
  );
  return new Response(body ?? '{"code":403}', {
    status: body ? 200 : 403,
    headers: { 'content-type': 'application/json' },
  });
}
