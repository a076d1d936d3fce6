/**
 * A peer that answers twice: a raw TCP operator writes a second, unasked-for 200 after
 * each answer on the keep-alive connection. The stray answer must never become the answer
 * of the next call (a stale balance or a credit's receipt for another transaction), on the
 * default undici transport and on the fetch path.
 */
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWalletClient } from '../src/node.ts';
import { balanceInput, secret, winInput } from './fixtures.ts';

let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

const http = (body: string) =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Answers call n with balance 100·n, then writes a stray answer with balance 999999 on the same connection. */
async function doubleAnswering(): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  server = createServer((socket) => {
    sockets.add(socket);
    let buffered = '';
    socket.on('data', (data) => {
      buffered += data.toString('utf8');
      for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const request = JSON.parse(buffered.slice(end + 4, end + 4 + length)) as { action: string; player_id: string };
        buffered = buffered.slice(end + 4 + length);
        const balance = 100 * ++calls;
        const answerOf = (value: number) =>
          request.action === 'balance'
            ? { player_id: request.player_id, balance: value, currency_code: 'EUR' }
            : { transaction_id: `op-${value}`, balance: value, currency_code: 'EUR' };
        socket.write(http(JSON.stringify(answerOf(balance))) + http(JSON.stringify(answerOf(999_999))));
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wallet`, calls: () => calls };
}

describe('an operator that answers twice', () => {
  it.each([
    ['the default transport', {}],
    ['the fetch path', { fetch: globalThis.fetch }],
  ])('on %s, each call gets its own answer and never the stray one', async (_, options) => {
    const operator = await doubleAnswering();
    const wallet = createWalletClient({ baseUrl: operator.url, secret, ...options });
    const balances = [];
    for (let i = 0; i < 3; i++) balances.push((await wallet.balance(balanceInput)).balance);
    const win = await wallet.win(winInput);
    expect([...balances, win.balance, win.transaction_id]).toEqual([100, 200, 300, 400, 'op-400']);
    expect(operator.calls()).toBe(4);
  });
});
