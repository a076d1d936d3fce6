/**
 * A small operator wallet on real HTTP (`node:http`, 127.0.0.1, a free port): it
 * checks the signature over the raw bytes with `node:crypto` and answers with a
 * tiny in-memory balance, replaying the original answer for a repeated transaction_id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a started operator offers the test. */
export interface HttpOperator {
  /** The wallet URL, on a path of the operator's choosing. */
  readonly url: string;
  /** The raw bodies received, in order. */
  readonly bodies: string[];
  /** The player's balance, in cents. */
  balance(): number;
  close(): Promise<void>;
}

type Body = Record<string, unknown> & { payload?: { provider_transfer_data?: { transaction_id?: string } } };

/** Starts an operator for one player with `balance` cents of EUR. */
export async function startHttpOperator(
  secret: string,
  balance = 10_000,
  path = '/casino/tbb-wallet',
): Promise<HttpOperator> {
  const bodies: string[] = [];
  const answers = new Map<string, string>();
  let cents = balance;

  const reply = (res: ServerResponse, status: number, json: unknown) => {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    return text;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    bodies.push(raw.toString('utf8'));
    if (req.method !== 'POST' || req.url !== path)
      return reply(res, 405, { code: 405, message: 'Method not allowed. Use POST.' });
    const expected = createHmac('sha256', secret).update(raw).digest();
    const given = Buffer.from(String(req.headers['x-request-sign'] ?? ''), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return reply(res, 403, { code: 403, message: "Forbidden. Request sign doesn't match." });
    const body = JSON.parse(raw.toString('utf8')) as Body & { action: string; amount?: number };
    if (body.action === 'balance')
      return reply(res, 200, { player_id: String(body.player_id), balance: cents, currency_code: 'EUR' });
    const id = body.payload?.provider_transfer_data?.transaction_id ?? '';
    const replay = answers.get(`${body.action}:${id}`);
    if (replay) return reply(res, 200, replay);
    const amount = body.amount ?? 0;
    if (body.action === 'bet' && amount > cents)
      return reply(res, 402, { code: 402, message: 'The player does not have enough money for the action.' });
    cents += body.action === 'bet' || body.action === 'rollback-win' ? -amount : amount;
    const text = JSON.stringify({ transaction_id: `op-${answers.size + 1}`, balance: cents, currency_code: 'EUR' });
    answers.set(`${body.action}:${id}`, text);
    return reply(res, 200, text);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500, { code: 500, message: 'Unknown error.' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    bodies,
    balance: () => cents,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
