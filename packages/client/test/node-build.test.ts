/**
 * The node build's default transport, undici's dispatcher, over real HTTP and HTTPS on
 * 127.0.0.1: every status as it came (407 included), 5xx, a slow and a resetting
 * operator, the wallet URL used as configured, and a user's own undici dispatcher.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { Agent, Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createWalletClient as createNeutralClient } from '../src/index.ts';
import {
  createWalletClient,
  OperatorError,
  PlayerBlockedError,
  ServiceUnavailableError,
  WalletConnectionError,
  WalletOutcomeUnknownError,
  WalletTimeoutError,
} from '../src/node.ts';
import { balanceAnswer, balanceInput, betInput, refundInput, secret, transactionAnswer, winInput } from './fixtures.ts';
import type { RawServer } from './raw-server.ts';
import { answer, playerBlocked, startRawServer } from './raw-server.ts';

let operator: RawServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

describe('the node build over undici', () => {
  it('hands a 407 back as PlayerBlockedError: never retried, and betOrRefund refunds nothing', async () => {
    operator = await startRawServer(playerBlocked);
    const wallet = createWalletClient({ baseUrl: operator.url, secret });

    await expect(wallet.win(winInput)).rejects.toBeInstanceOf(PlayerBlockedError);
    await expect(wallet.betOrRefund(betInput, { refundTransactionId: 'refund-407' })).rejects.toBeInstanceOf(
      PlayerBlockedError,
    );
    expect(operator.requests.map((request) => request.json.action)).toEqual(['win', 'bet']);
  });

  it('retries a win on 503 with the same bytes and signature; a bet on 500 is an unknown outcome', async () => {
    operator = await startRawServer((request, res) => {
      if (request.json.action === 'bet') return answer(res, 500, { code: 500, message: 'Unknown error.' });
      if (operator?.requests.length === 1) return answer(res, 503, { code: 503, message: 'Service is unavailable.' });
      answer(res, 200, transactionAnswer);
    });
    const wallet = createWalletClient({ baseUrl: operator.url, secret, retry: { baseDelayMs: 1 } });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);
    const [first, second] = operator.requests;
    expect(second?.bytes.equals(first?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(second?.headers['x-request-sign']).toBe(first?.headers['x-request-sign']);

    const error = await wallet.bet(betInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WalletOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(OperatorError);
    expect(operator.requests.map((request) => request.json.action)).toEqual(['win', 'win', 'bet']);
  });

  it('waits for a slow operator within the timeout', async () => {
    operator = await startRawServer((_request, res) => {
      setTimeout(() => answer(res, 200, balanceAnswer), 150);
    });
    const wallet = createWalletClient({ baseUrl: operator.url, secret, timeoutMs: 5_000 });

    await expect(wallet.balance(balanceInput)).resolves.toEqual(balanceAnswer);
  });

  it('throws WalletConnectionError, after every attempt, when the operator resets each connection', async () => {
    operator = await startRawServer((_request, res) => res.socket?.destroy());
    const wallet = createWalletClient({ baseUrl: operator.url, secret, retry: { attempts: 3, baseDelayMs: 1 } });

    const error = await wallet.balance(balanceInput).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WalletConnectionError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(operator.requests).toHaveLength(3);
  });

  it('throws ServiceUnavailableError after every attempt when the operator stays at 503', async () => {
    operator = await startRawServer((_request, res) =>
      answer(res, 503, { code: 503, message: 'Service is unavailable.' }),
    );
    const wallet = createWalletClient({ baseUrl: operator.url, secret, retry: { attempts: 2, baseDelayMs: 1 } });

    await expect(wallet.refund(refundInput)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(operator.requests).toHaveLength(2);
  });

  it('sends to the wallet URL exactly as configured, query and trailing slash included', async () => {
    operator = await startRawServer((_request, res) => answer(res, 200, balanceAnswer));
    const wallet = createWalletClient({ baseUrl: `${operator.url}/?operator=7`, secret });

    await wallet.balance(balanceInput);

    expect(operator.requests[0]?.url).toBe('/casino/wallet/?operator=7');
  });

  it('sends through the dispatcher given', async () => {
    operator = await startRawServer((_request, res) => answer(res, 200, balanceAnswer));
    const seen: string[] = [];
    const agent = new Agent();
    const dispatcher = agent.compose((dispatch: Dispatcher['dispatch']) => (options, handler) => {
      seen.push(`${options.method} ${options.origin}${options.path}`);
      return dispatch(options, handler);
    });
    const wallet = createWalletClient({ baseUrl: operator.url, secret, dispatcher });

    await expect(wallet.balance(balanceInput)).resolves.toEqual(balanceAnswer);
    expect(seen).toEqual([`POST ${operator.url}`]);
    await agent.close();
  });

  it('closes the connection of an attempt that timed out', async () => {
    let closed: () => void = () => {};
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    operator = await startRawServer((_request, res) => res.socket?.once('close', closed));
    const wallet = createWalletClient({ baseUrl: operator.url, secret, timeoutMs: 50, retry: { attempts: 1 } });

    await expect(wallet.win(winInput)).rejects.toBeInstanceOf(WalletTimeoutError);
    await connectionClosed;
  });

  it('never sends an attempt that timed out while it waited for a connection', async () => {
    let release: () => void = () => {};
    operator = await startRawServer((request, res) => {
      if (request.json.action !== 'bet') return answer(res, 200, transactionAnswer);
      release = () => answer(res, 200, transactionAnswer);
    });
    const dispatcher = new Pool(new URL(operator.url).origin, { connections: 1 });
    const wallet = createWalletClient({ baseUrl: operator.url, secret, dispatcher, retry: { attempts: 1 } });

    const holding = wallet.bet(betInput);
    while (operator.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(wallet.refund(refundInput, { timeoutMs: 20 })).rejects.toBeInstanceOf(WalletTimeoutError);
    release();
    await expect(holding).resolves.toEqual(transactionAnswer);
    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);

    expect(operator.requests.map((request) => request.json.action)).toEqual(['bet', 'win']);
    await dispatcher.close();
  });

  it('reads an answer sent in pieces after an informational 1xx, its byte order mark dropped', async () => {
    operator = await startRawServer((_request, res) => {
      res.writeProcessing();
      res.writeHead(200, { 'content-type': 'application/json' });
      const text = `\ufeff${JSON.stringify(balanceAnswer)}`;
      res.write(text.slice(0, 10), () => setTimeout(() => res.end(text.slice(10)), 20));
    });
    const wallet = createWalletClient({ baseUrl: operator.url, secret });

    await expect(wallet.balance(balanceInput)).resolves.toEqual(balanceAnswer);
  });

  it('refuses a dispatcher in the neutral build, which has no undici', () => {
    expect(() => createNeutralClient({ baseUrl: 'http://127.0.0.1:1/w', secret, dispatcher: new Agent() })).toThrow(
      /node build/,
    );
  });
});

describe('the node build over HTTPS', () => {
  it('signs and sends over TLS, trusting the CA of the dispatcher given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tbb-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const cert = readFileSync(join(dir, 'cert.pem'));
      const bodies: string[] = [];
      const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          bodies.push(Buffer.concat(chunks).toString('utf8'));
          res.writeHead(407, { 'content-type': 'application/json' }).end('{"code":407,"message":"Player is blocked."}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const agent = new Agent({ connect: { ca: cert } });
      const wallet = createWalletClient({ baseUrl: `https://127.0.0.1:${port}/wallet`, secret, dispatcher: agent });

      await expect(wallet.bet(betInput)).rejects.toBeInstanceOf(PlayerBlockedError);
      expect(JSON.parse(bodies[0] ?? '{}')).toMatchObject({ action: 'bet', amount: 500 });
      await agent.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
