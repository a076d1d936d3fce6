/**
 * Slow-loris and oversized bodies over real HTTP against `toNodeListener` on 127.0.0.1:
 * several clients trickle a valid body one byte at a time while another sends a
 * never-ending chunked body. The oversized one is answered 413 and its connection
 * closed without the server reading much past the limit (measured with the server
 * socket's `bytesRead`), and a normal signed call is served while the slow ones are
 * still open; a fetch streaming an endless body reads the 413 itself. Bounded: 3 slow
 * clients, a few seconds, every socket destroyed at the end.
 *
 * @see docs/WALLET-PROTOCOL.md §6 (body larger than the configured limit)
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWalletClient } from '@tbb-wallet/client';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import { createSandboxWallet } from '@tbb-wallet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleSign, secret } from './fuzz-support.ts';

const limit = 16_384;
/** Node reads a socket in chunks of up to 64 KiB: past the limit it may hold one chunk, never the stream. */
const readSlack = 65_536 + 4_096;

const wallet = createSandboxWallet({ players: [{ player_id: '6', currency_code: 'EUR', balance: 10_000 }] });
const handle = createWalletHandler({ secret, wallet, maxBodyBytes: limit });
let server: Server;
let port: number;
/** Every connection the server accepted, to read `bytesRead` and to clean up. */
const serverSockets: Socket[] = [];
const clientSockets: Socket[] = [];
/** What the server wrote on each connection. */
const written = new WeakMap<Socket, string>();

beforeAll(async () => {
  server = createServer(toNodeListener(handle));
  server.on('connection', (socket) => {
    serverSockets.push(socket);
    // A counting wrapper: what the server wrote on this connection.
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.set(socket, (written.get(socket) ?? '') + String(chunk));
      return write(chunk, ...rest);
    }) as Socket['write'];
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of [...clientSockets, ...serverSockets]) socket.destroy();
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

/** A raw client: everything it receives, and whether it was closed. */
async function rawClient() {
  const socket = connect(port, '127.0.0.1');
  clientSockets.push(socket);
  const state = { received: '', closed: false, sent: 0 };
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    state.received += chunk;
  });
  // The oversized client is cut off while it still writes: EPIPE or ECONNRESET is expected there.
  socket.on('error', () => {});
  socket.on('close', () => {
    state.closed = true;
  });
  await once(socket, 'connect');
  return { socket, state };
}

const balanceBody = JSON.stringify({
  player_id: '6',
  currency_code: 'EUR',
  is_mobile: false,
  action: 'balance',
  reference: 'barbarabang::MadMonkey',
  session_token: 'slow',
});

const head = (headers: Record<string, string>) =>
  `POST /wallet HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

/** The server socket whose local port is the client's remote port… seen from the client. */
function serverSideOf(client: Socket): Socket | undefined {
  return serverSockets.find((socket) => socket.remotePort === client.localPort);
}

describe('slow-loris and oversized bodies over real HTTP', () => {
  it('answers a never-ending body 413 and stops reading, while slow clients stay open and a signed call is served', async () => {
    // Three slow clients: a valid signed body, one byte every 20 ms.
    const slow = await Promise.all([0, 1, 2].map(() => rawClient()));
    const bytes = Buffer.from(balanceBody);
    for (const { socket } of slow) {
      socket.write(head({ 'content-length': String(bytes.length), 'x-request-sign': oracleSign(bytes) }));
    }
    let sentSlowly = 0;
    const trickle = setInterval(() => {
      if (sentSlowly >= bytes.length - 1) return; // hold back the last byte until the end of the test
      for (const { socket } of slow) socket.write(bytes.subarray(sentSlowly, sentSlowly + 1));
      sentSlowly++;
    }, 20);

    try {
      await sleep(300); // the slow clients are mid-body before anything else starts
      // The oversized client: chunked, no length, 1 MiB at once and then more, until it is cut off.
      const big = await rawClient();
      big.socket.write(head({ 'transfer-encoding': 'chunked', 'x-request-sign': '0'.repeat(64) }));
      const chunk = Buffer.alloc(16_384, 0x20);
      const sendChunk = () => {
        if (big.state.closed || big.socket.destroyed) return false;
        big.socket.write(`${chunk.length.toString(16)}\r\n`);
        big.socket.write(chunk);
        big.socket.write('\r\n');
        big.state.sent += chunk.length;
        return true;
      };
      for (let i = 0; i < 64; i++) sendChunk();
      const more = setInterval(sendChunk, 5);
      const serverSide = await (async () => {
        for (let i = 0; i < 100 && !serverSideOf(big.socket); i++) await sleep(10);
        return serverSideOf(big.socket);
      })();
      expect(serverSide).toBeDefined();
      for (let i = 0; i < 500 && !big.state.closed; i++) await sleep(10);
      clearInterval(more);

      expect(big.state.closed).toBe(true);
      // What the server answered on that connection, read at the server: a raw net.Socket that
      // is still writing is destroyed on EPIPE before it reads it (fetch below does read it).
      const answered = written.get(serverSide!) ?? '';
      expect(answered).toMatch(/^HTTP\/1\.1 413 /);
      expect(answered.toLowerCase()).toContain('connection: close');
      expect(answered).toContain('{"code":413,"message":"Request body is too large."}');
      expect(big.state.sent).toBeGreaterThanOrEqual(1_048_576);
      expect(serverSide!.bytesRead).toBeLessThanOrEqual(limit + readSlack);
      expect(serverSide!.destroyed).toBe(true);

      // A real client streaming a never-ending body (fetch, no length) reads the 413 itself.
      let pulled = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += chunk.length;
          controller.enqueue(new Uint8Array(chunk));
        },
      });
      const refused = await fetch(`http://127.0.0.1:${port}/wallet`, {
        method: 'POST',
        body: endless,
        duplex: 'half',
        headers: { 'x-request-sign': '0'.repeat(64) },
      } as RequestInit);
      expect(refused.status).toBe(413);
      expect(await refused.json()).toEqual({ code: 413, message: 'Request body is too large.' });
      expect(pulled).toBeGreaterThan(limit);

      // The slow clients are still open, still unanswered; a normal call is served meanwhile.
      const client = createWalletClient({ baseUrl: `http://127.0.0.1:${port}/wallet`, secret });
      const answer = await client.balance(JSON.parse(balanceBody));
      expect(answer).toEqual({ player_id: '6', balance: 10_000, currency_code: 'EUR' });
      for (const { state } of slow) expect(state).toMatchObject({ closed: false, received: '' });
      expect(sentSlowly).toBeLessThan(bytes.length - 1);
    } finally {
      clearInterval(trickle);
    }

    // Once their last bytes arrive, the slow clients are answered like anyone else.
    for (const { socket } of slow) socket.write(bytes.subarray(sentSlowly));
    for (const { state } of slow) {
      for (let i = 0; i < 200 && !state.received.includes('"balance"'); i++) await sleep(10);
      expect(state.received).toMatch(/^HTTP\/1\.1 200 /);
      expect(state.received).toContain('{"player_id":"6","balance":10000,"currency_code":"EUR"}');
    }
  }, 20_000);
});
