/**
 * An operator that answers what the test scripts, over real HTTP on 127.0.0.1: any status
 * with the protocol's `{ code, message }` body, a 200 transaction body, an answer later
 * than the client's timeout, an answer padded to `bytes` (past the client's bound), or a
 * connection dropped without an answer.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { walletErrorMessages } from '@tbb-wallet/core';
import type { OutboxRequest } from '../../src/index.ts';

/** What to do with one call. */
export type Script =
  | { status: number }
  | { delayMs: number; status: number }
  | { status: number; bytes: number }
  | { drop: true };

export interface ScriptedOperator {
  readonly url: string;
  /** Every body received, with the signature it came with. */
  readonly received: { body: string; signature: string }[];
  /** Chooses the answer to each call from its parsed body, raw body and signature. */
  answer: (body: OutboxRequest, raw: string, signature: string) => Script | Promise<Script>;
  close(): Promise<void>;
}

export async function startScripted(): Promise<ScriptedOperator> {
  const received: { body: string; signature: string }[] = [];
  const operator: ScriptedOperator = {
    url: '',
    received,
    answer: () => ({ status: 200 }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      const signature = String(req.headers['x-request-sign']);
      received.push({ body, signature });
      const script = await operator.answer(JSON.parse(body), body, signature);
      if ('drop' in script) return req.socket.destroy();
      const send = () => {
        const { status } = script;
        const json =
          status === 200
            ? { transaction_id: `op-${received.length}`, balance: 1000, currency_code: 'EUR' }
            : { code: status, message: walletErrorMessages[status as keyof typeof walletErrorMessages] ?? 'Unknown.' };
        const text = JSON.stringify(json);
        // Trailing spaces keep it JSON; only its size is wrong.
        const body = 'bytes' in script ? text.padEnd(script.bytes, ' ') : text;
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      };
      if ('delayMs' in script) setTimeout(send, script.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (operator as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`;
  return operator;
}
