/**
 * The examples in `examples/` are real programs: every operator example (and the
 * operator quick start, packages/handler/examples/operator.ts) passes the
 * conformance suite over real HTTP on 127.0.0.1 with its own players (6 with money,
 * 7 blocked, anybody else unknown), and the provider example plays a round against
 * one of them. The PostgreSQL example runs on the server at DATABASE_URL (in a fresh
 * schema) when it is set, and on the embedded PGlite otherwise.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@tbb-wallet/core';
import { conformanceScenarios, runConformance } from '@tbb-wallet/testing';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startExpressOperator } from '../examples/express-operator.ts';
import { startFastifyOperator } from '../examples/fastify-operator.ts';
import { startHonoOperator } from '../examples/hono-operator.ts';
import { startPostgresOperator } from '../examples/postgres-operator.ts';
import { playRound } from '../examples/provider.ts';

// Whole suites over real HTTP: generous limits for a loaded machine (no speed is asserted).
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
const secret = 'examples-secret';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** Every scenario passes, the optional 404 and 407 ones included. */
async function expectConformant(url: string) {
  const report = await runConformance({
    url,
    secret,
    player: { player_id: '6' },
    unknownPlayerId: 'nobody',
    blockedPlayer: { player_id: '7' },
  });
  expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
  expect(report.passed).toBe(conformanceScenarios().length);
}

async function started<T extends { close(): Promise<void> }>(operator: Promise<T>): Promise<T> {
  const running = await operator;
  closers.push(() => running.close());
  return running;
}

type RouteHandler = (request: Request) => Promise<Response>;

/** Serves a route file's exports on node:http as Next.js does: by method, an empty 405 for a method not exported. */
async function serveRoute(route: object) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const handler = (route as Record<string, unknown>)[method] as RouteHandler | undefined;
    const response = handler
      ? await handler(new Request(`http://127.0.0.1${req.url}`, { method, headers, body }))
      : new Response(null, { status: 405 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/operator/wallet`;
}

describe('operator examples pass the conformance suite', () => {
  it.each([
    ['express-operator.ts', startExpressOperator],
    ['fastify-operator.ts', startFastifyOperator],
    ['hono-operator.ts', startHonoOperator],
  ])('%s', async (_name, start) => {
    const operator = await started(start({ port: 0, secret }));
    await expectConformant(operator.url);
  });

  it('next-route.ts, its POST called with a Request and served over HTTP', async () => {
    process.env.TBB_WALLET_SECRET = secret;
    const route = await import('../examples/next-route.ts');
    const { POST, wallet } = route;
    const body = JSON.stringify({
      action: 'balance',
      player_id: '6',
      currency_code: 'EUR',
      is_mobile: false,
      reference: 'barbarabang::MadMonkey',
      session_token: 'token',
    });
    const request = new Request('http://127.0.0.1/operator/wallet', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-sign': await sign(body, secret) },
      body,
    });
    const response = await POST(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ player_id: '6', balance: 10_000, currency_code: 'EUR' });

    await expectConformant(await serveRoute(route));
    expect(wallet.ledger.balanceOf('6')).toBeGreaterThanOrEqual(10_000); // conformance only adds wins
  });
});

describe('packages/handler/examples/operator.ts, the operator quick start', () => {
  it('passes the whole conformance suite over HTTP', async () => {
    process.env.TBB_WALLET_SECRET = secret;
    process.env.PORT = '0';
    const { server } = await import('../packages/handler/examples/operator.ts');
    if (!server.listening) await once(server, 'listening');
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    await expectConformant(`http://127.0.0.1:${(server.address() as AddressInfo).port}/operator/wallet`);
  });
});

describe(`postgres-operator.ts on ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'PGlite (DATABASE_URL unset)'}`, () => {
  it('passes the conformance suite and serves the provider example', async () => {
    const databaseUrl = await freshSchema(process.env.DATABASE_URL);
    const operator = await started(startPostgresOperator({ port: 0, secret, databaseUrl }));
    await expectConformant(operator.url);
    const round = await playRound(operator.url, secret);
    expect(round).toMatchObject({ outcome: 'won', after: round.before + 150 });
  });
});

describe('provider.ts', () => {
  it('plays a round against the Express operator: balance, bet 100, win 250', async () => {
    const operator = await started(startExpressOperator({ port: 0, secret }));
    await expect(playRound(operator.url, secret)).resolves.toEqual({ outcome: 'won', before: 10_000, after: 10_150 });
    await expect(playRound(operator.url, secret)).resolves.toEqual({ outcome: 'won', before: 10_150, after: 10_300 });
  });

  it('tells a blocked player apart from a round that ended', async () => {
    const operator = await started(startExpressOperator({ port: 0, secret }));
    await expect(playRound(operator.url, secret, '7')).rejects.toMatchObject({ status: 407 });
  });

  it('reports a bet refused for lack of money without a win', async () => {
    const { createSandboxWallet } = await import('@tbb-wallet/testing');
    const wallet = createSandboxWallet({ players: [{ player_id: '6', currency_code: 'EUR', balance: 50 }] });
    const operator = await started(startHonoOperator({ port: 0, secret, wallet }));
    await expect(playRound(operator.url, secret)).resolves.toEqual({
      outcome: 'not enough money',
      before: 50,
      after: 50,
    });
    expect(wallet.ledger.entries()).toEqual([]);
  });
});

/** With a server URL: a new schema on it (dropped after the file), as the connection's search_path. */
async function freshSchema(databaseUrl: string | undefined): Promise<string | undefined> {
  if (!databaseUrl) return undefined;
  const schema = `examples_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  closers.unshift(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
