/**
 * Every adapter, one behaviour per mounting mistake. A body something else read or
 * parsed first is answered 500 "Unknown error." and told once per handler — to
 * `onError`, or without one as a process warning with a stable code — and no callback
 * runs. A caller that leaves mid-body gets no answer at all, and one event says so.
 * The node-based adapters are driven over real HTTP on 127.0.0.1; Hono and the Web
 * handler with real `Request`s.
 */
import { once } from 'node:events';
import type { Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { walletFastifyPlugin } from '../src/adapters/fastify.ts';
import type { WalletEvent, WalletHandler, WalletHandlerOptions } from '../src/index.ts';
import { BodyAlreadyReadError, BodyParsedError, createWalletHandler, toNodeListener } from '../src/index.ts';
import { warn } from '../src/misconfiguration.ts';
import { errorBody, recordingWallet, secret, signedCall, validRequests } from './support.ts';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(server: Server): Promise<{ url: string; server: Server }> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(async () => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/operator/wallet`, server };
}

async function listenFastify(app: ReturnType<typeof Fastify>): Promise<{ url: string; server: Server }> {
  closers.push(() => app.close());
  return { url: `${await app.listen({ port: 0, host: '127.0.0.1' })}/operator/wallet`, server: app.server };
}

/** How a test reaches a mounted handler: over HTTP (`url`), or by calling it with a `Request`. */
type Mounted = { url: string; server: Server } | { fetch: (request: Request) => Promise<Response> };

const mounts: Record<string, (handle: WalletHandler) => Promise<Mounted>> = {
  'node:http': async (handle) => listen(createServer(toNodeListener(handle))),
  'node:http, after a listener that read the stream': async (handle) => {
    const listener = toNodeListener(handle);
    return listen(createServer((req, res) => req.resume().on('end', () => listener(req, res))));
  },
  'Express 5': async (handle) => {
    const app = express();
    app.all('/operator/wallet', toNodeListener(handle));
    return listen(createServer(app));
  },
  'Express 5, after express.json()': async (handle) => {
    const app = express();
    app.use(express.json());
    app.all('/operator/wallet', toNodeListener(handle));
    return listen(createServer(app));
  },
  'Express 5, after express.text()': async (handle) => {
    const app = express();
    app.use(express.text({ type: '*/*' }));
    app.all('/operator/wallet', toNodeListener(handle));
    return listen(createServer(app));
  },
  'Express 5, after a middleware that drained the stream': async (handle) => {
    const app = express();
    app.use((req, _res, next) => req.resume().on('end', () => next()));
    app.all('/operator/wallet', toNodeListener(handle));
    return listen(createServer(app));
  },
  'Fastify 5': async (handle) => {
    const app = Fastify();
    await app.register(walletFastifyPlugin, { prefix: '/operator/wallet', handler: handle });
    return listenFastify(app);
  },
  'Fastify 5, after a hook that parsed the body': async (handle) => {
    const app = Fastify();
    app.addHook('preValidation', async (request) => {
      request.body = JSON.parse(String(request.body));
    });
    await app.register(walletFastifyPlugin, { prefix: '/operator/wallet', handler: handle });
    return listenFastify(app);
  },
  Hono: async (handle) => {
    const app = new Hono();
    app.all('/operator/wallet', (c) => handle(c.req.raw));
    return { fetch: async (request) => app.request(request) };
  },
  'Hono, after a middleware that read c.req.json()': async (handle) => {
    const app = new Hono();
    app.use(async (c, next) => {
      await c.req.json();
      await next();
    });
    app.all('/operator/wallet', (c) => handle(c.req.raw));
    return { fetch: async (request) => app.request(request) };
  },
  'Web handler, after request.text()': async (handle) => ({
    fetch: async (request) => {
      await request.text();
      return handle(request);
    },
  }),
};

async function send(mounted: Mounted, request: Request): Promise<{ status: number; body: string }> {
  const response =
    'url' in mounted
      ? await fetch(mounted.url, { method: 'POST', headers: request.headers, body: await request.text() })
      : await mounted.fetch(new Request('http://127.0.0.1/operator/wallet', request));
  return { status: response.status, body: await response.text() };
}

/** Runs `body` and returns the process warnings with a TBB_WALLET code it emitted. */
async function warningsDuring(body: () => Promise<void>): Promise<(Error & { code?: string })[]> {
  const seen: (Error & { code?: string })[] = [];
  const onWarning = (warning: Error & { code?: string }) => {
    if (warning.code?.startsWith('TBB_WALLET')) seen.push(warning);
  };
  process.on('warning', onWarning);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

const mistakes = [
  ['Express 5, after express.json()', BodyParsedError, 'TBB_WALLET_BODY_PARSED'],
  ['Express 5, after express.text()', BodyParsedError, 'TBB_WALLET_BODY_PARSED'],
  ['Fastify 5, after a hook that parsed the body', BodyParsedError, 'TBB_WALLET_BODY_PARSED'],
  ['Express 5, after a middleware that drained the stream', BodyAlreadyReadError, 'TBB_WALLET_BODY_READ'],
  ['node:http, after a listener that read the stream', BodyAlreadyReadError, 'TBB_WALLET_BODY_READ'],
  ['Hono, after a middleware that read c.req.json()', BodyAlreadyReadError, 'TBB_WALLET_BODY_READ'],
  ['Web handler, after request.text()', BodyAlreadyReadError, 'TBB_WALLET_BODY_READ'],
] as const;

const advice = {
  TBB_WALLET_BODY_PARSED: "Mount the wallet handler before express.json(), or use express.raw({ type: '*/*' })",
  TBB_WALLET_BODY_READ: 'mount it before express.json() or any other body parser',
};

describe.each(mistakes)('%s', (mount, kind, code) => {
  async function mounted(options: Partial<WalletHandlerOptions> = {}) {
    const { wallet, calls } = recordingWallet();
    return { at: await mounts[mount]!(createWalletHandler({ secret, wallet, ...options })), calls };
  }

  it(`answers 500 "Unknown error." to every call and warns once with ${code}`, async () => {
    const { at, calls } = await mounted();
    const answers: unknown[] = [];
    const warnings = await warningsDuring(async () => {
      for (const body of [validRequests.bet, validRequests.win, validRequests.bet]) {
        answers.push(await send(at, await signedCall(body)));
      }
    });
    expect(answers).toEqual(Array(3).fill({ status: 500, body: errorBody(500, 'Unknown error.') }));
    expect(warnings.map((w) => [w.name, w.code])).toEqual([[kind.name, code]]);
    expect(warnings[0]!.message).toContain(advice[code]);
    expect(calls).toEqual([]);
  });

  it(`tells onError once, with a ${kind.name}, and warns nothing`, async () => {
    const errors: unknown[] = [];
    const { at, calls } = await mounted({ onError: (error) => errors.push(error) });
    const warnings = await warningsDuring(async () => {
      for (let i = 0; i < 3; i++) expect((await send(at, await signedCall(validRequests.bet))).status).toBe(500);
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(kind);
    expect(errors[0]).toMatchObject({ code, message: expect.stringContaining(advice[code]) });
    expect(warnings).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe.each(['node:http', 'Express 5', 'Fastify 5'])('%s, a caller that leaves mid-body', (mount) => {
  it('gets no answer, no callback runs, and one event says the caller left', async () => {
    const events: WalletEvent[] = [];
    let reported!: () => void;
    const eventSeen = new Promise<void>((resolve) => {
      reported = resolve;
    });
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({
      secret,
      wallet,
      onEvent: (event) => {
        events.push(event);
        reported();
      },
    });
    const { url, server } = (await mounts[mount]!(handle)) as { url: string; server: Server };
    const answered: boolean[] = [];
    server.on('request', (_req, res: ServerResponse) => {
      res.on('close', () => answered.push(res.headersSent));
    });
    const { port, pathname } = new URL(url);
    // Half the announced body, then the caller goes away.
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => {});
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        'Content-Length: 400\r\nX-Request-Sign: 00\r\n\r\n{"player_id":"6","action":"bet"',
      () => setImmediate(() => socket.destroy()),
    );
    await eventSeen;
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toEqual([false]);
    expect(events).toEqual([{ status: 0, callerLeft: true, durationMs: expect.any(Number) }]);
    expect(calls).toEqual([]);
  });
});

describe.each(['Hono', 'Web handler'])('%s, a body stream that breaks', (mount) => {
  it('gets Response.error() (no answer), no callback runs, and one event says the caller left', async () => {
    const events: WalletEvent[] = [];
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({ secret, wallet, onEvent: (event) => events.push(event) });
    const at = mount === 'Hono' ? ((await mounts.Hono!(handle)) as { fetch: typeof handle }).fetch : handle;
    const signed = await signedCall(validRequests.bet);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"player_id":"6",'));
        controller.error(new Error('the caller left'));
      },
    });
    const request = new Request('http://127.0.0.1/operator/wallet', {
      method: 'POST',
      headers: signed.headers,
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await at(request);
    expect({ type: response.type, status: response.status }).toEqual({ type: 'error', status: 0 });
    expect(events).toEqual([{ status: 0, callerLeft: true, durationMs: expect.any(Number) }]);
    expect(calls).toEqual([]);
  });
});

describe('where there is no process.emitWarning (Workers, browsers)', () => {
  it('the warning goes to console.warn with its code', () => {
    const lines: string[] = [];
    warn(new BodyParsedError(), { console: { warn: (line) => lines.push(line) } });
    warn(new BodyAlreadyReadError(), { process: {}, console: { warn: (line) => lines.push(line) } });
    expect(lines.map((line) => line.slice(0, line.indexOf(':')))).toEqual([
      '[TBB_WALLET_BODY_PARSED] BodyParsedError',
      '[TBB_WALLET_BODY_READ] BodyAlreadyReadError',
    ]);
    expect(lines[0]).toContain(advice.TBB_WALLET_BODY_PARSED);
  });
});
