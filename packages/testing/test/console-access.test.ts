/**
 * The console over plain HTTP: without the token nothing of it answers (page, stream,
 * actions), a foreign Host or Origin is refused, an action needs a JSON POST, and every
 * wallet POST — on any path, `/` and `/console-ish` paths included — is the wallet's as before.
 */
import { request } from 'node:http';
import { createWalletClient } from '@tbb-wallet/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleSandbox } from './console-serve.ts';
import { consoleSecret, serveConsoleSandbox, winOf } from './console-serve.ts';

let sandbox: ConsoleSandbox;
beforeAll(async () => {
  sandbox = await serveConsoleSandbox();
});
afterAll(() => sandbox.server.close());

/** A raw request (node:http, so the Host header can be anything); the body read unless it is a stream. */
function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(sandbox.origin);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: init.headers },
        (res) => {
          if (res.headers['content-type'] === 'text/event-stream') {
            let text = '';
            res.on('data', (chunk: Buffer) => {
              text += chunk.toString();
              if (!text.includes('\n\n')) return; // the first event, whole
              resolve({ status: res.statusCode!, headers: res.headers, body: text });
              res.destroy();
            });
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      req.end(init.body);
    },
  );
}
const cookie = () => ({ cookie: `tbb_console=${sandbox.token}` });
const json = { 'content-type': 'application/json' };

describe('without the token', () => {
  it.each([
    ['the page', '/', 'GET'],
    ['the stream', '/console/events', 'GET'],
    ['an action', '/console/api/state', 'POST'],
    ['a player change', '/console/api/player/change', 'POST'],
  ])('%s answers 401 and says where the link is', async (_, path, method) => {
    const answer = await send(path, { method, headers: json, body: method === 'POST' ? '{}' : undefined });
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('link tbb-wallet sandbox printed');
    expect(answer.body).not.toContain(sandbox.token);
  });

  it('a wrong token of the same length is refused too', async () => {
    const wrong = sandbox.token.slice(0, -1) + (sandbox.token.endsWith('x') ? 'y' : 'x');
    expect((await send('/', { headers: { cookie: `tbb_console=${wrong}` } })).status).toBe(401);
    expect((await send(`/?token=${wrong}`)).status).toBe(401);
  });

  it('a player cannot be blocked: nothing changes', async () => {
    await sandbox.client.win(winOf('acc-1', 100));
    const answer = await send('/console/api/player/change', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ player_id: 'acc-1', blocked: true }),
    });
    expect(answer.status).toBe(401);
    expect(sandbox.wallet.accounts().find((a) => a.player_id === 'acc-1')).toMatchObject({ blocked: false });
  });
});

describe('with the token', () => {
  it('the link sets an HttpOnly SameSite=Strict cookie and takes the token out of the address', async () => {
    const answer = await send(`/?token=${sandbox.token}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['set-cookie']).toEqual([`tbb_console=${sandbox.token}; Path=/; HttpOnly; SameSite=Strict`]);
  });

  it('the page is served, with no secret in it', async () => {
    const answer = await send('/', { headers: cookie() });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body).toContain('<title>tbb-wallet sandbox console</title>');
    expect(answer.body).not.toContain(consoleSecret);
  });

  it('the stream starts with the calls kept, and carries no secret', async () => {
    await sandbox.client.win(winOf('acc-2', 250));
    const answer = await send('/console/events', { headers: cookie() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^event: calls\ndata: \[/);
    expect(answer.body).toContain('"player_id":"acc-2"');
    expect(answer.body).not.toContain(consoleSecret);
  });

  it('the header token works for a script; an action that is not a JSON POST is refused (CSRF)', async () => {
    const state = await send('/console/api/state', {
      method: 'POST',
      headers: { ...json, 'x-console-token': sandbox.token },
    });
    expect(state.status).toBe(200);
    expect(JSON.parse(state.body)).toMatchObject({ refusals: true, faults: { describe: 'none' } });
    const form = await send('/console/api/player/change', {
      method: 'POST',
      headers: { ...cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'player_id=acc-1&blocked=true',
    });
    expect(form.status).toBe(403);
    expect(form.body).toContain('Content-Type: application/json');
    const get = await send('/console/api/player/change', { headers: cookie() });
    expect(get.status).toBe(403);
    expect(sandbox.wallet.accounts().find((a) => a.player_id === 'acc-1')).toMatchObject({ blocked: false });
  });

  it('a wrong Host (DNS rebinding) or a foreign Origin is refused', async () => {
    const port = new URL(sandbox.origin).port;
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1:1']) {
      const answer = await send('/', { headers: { ...cookie(), host } });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain('Host header refused');
    }
    expect((await send('/', { headers: { ...cookie(), host: `localhost:${port}` } })).status).toBe(200);
    const foreign = await send('/console/api/player/change', {
      method: 'POST',
      headers: { ...cookie(), ...json, origin: 'http://evil.example' },
      body: JSON.stringify({ player_id: 'acc-1', blocked: true }),
    });
    expect(foreign.status).toBe(403);
    expect(sandbox.wallet.accounts().find((a) => a.player_id === 'acc-1')).toMatchObject({ blocked: false });
  });

  it('copy as curl is signed by the server for the body, and what it sends is accepted (a replay)', async () => {
    await sandbox.client.win(winOf('acc-3', 300));
    const sent = sandbox.sent.at(-1)!;
    const state = JSON.parse(
      (await send('/console/api/state', { method: 'POST', headers: { ...cookie(), ...json } })).body,
    );
    expect(state.players.find((p: { player_id: string }) => p.player_id === 'acc-3')).toMatchObject({
      balance: 100300,
    });
    const events = await send('/console/events', { headers: cookie() });
    const calls = JSON.parse(events.body.split('\n')[1]!.slice('data: '.length));
    const call = calls.find((c: { body?: string }) => c.body === sent.body);
    const answer = await send('/console/api/curl', {
      method: 'POST',
      headers: { ...cookie(), ...json },
      body: JSON.stringify({ id: call.id }),
    });
    const { curl } = JSON.parse(answer.body);
    expect(curl).toContain(`X-REQUEST-SIGN: ${sent.headers['x-request-sign']}`);
    expect(curl).toContain(`--data-binary '${sent.body.replaceAll("'", "'\\''")}'`);
    expect(curl).not.toContain(consoleSecret);
    // What the curl sends is a replay the wallet accepts: the same answer, nothing moved.
    const again = await fetch(sandbox.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-sign': /X-REQUEST-SIGN: ([0-9a-f]+)/.exec(curl)![1]! },
      body: sent.body,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ balance: 100300 });
    expect(sandbox.wallet.ledger.balanceOf('acc-3')).toBe(100300);
  });
});

describe("a body over the wallet's limit", () => {
  it('is answered 413 as before and recorded without its body; copy as curl refuses it', async () => {
    const body = JSON.stringify({ player_id: 'acc-big', padding: 'x'.repeat(300_000) });
    const answer = await send('/wallet', { method: 'POST', headers: { ...json, 'x-request-sign': 'ab' }, body });
    expect(answer.status).toBe(413);
    const events = await send('/console/events', { headers: cookie() });
    const calls = JSON.parse(events.body.split('\n')[1]!.slice('data: '.length));
    const big = calls.find((c: { status: number }) => c.status === 413);
    expect(big).toMatchObject({ method: 'POST', path: '/wallet' });
    expect(big.body).toBeUndefined();
    expect(events.body).not.toContain('x'.repeat(1000));
    const curl = await send('/console/api/curl', {
      method: 'POST',
      headers: { ...cookie(), ...json },
      body: JSON.stringify({ id: big.id }),
    });
    expect(curl.status).toBe(400);
    expect(JSON.parse(curl.body).error).toBe('no such call with a body');
  });
});

describe('the wallet', () => {
  it.each(['/', '/wallet', '/any/path', '/consoles'])('a signed POST to %s is the wallet', async (path) => {
    const client = createWalletClient({
      baseUrl: sandbox.origin + path,
      secret: consoleSecret,
      retry: { attempts: 1 },
    });
    const before = sandbox.wallet.ledger.balanceOf('acc-w') ?? 100000;
    const answer = await client.win(winOf('acc-w', 5));
    expect(answer.balance).toBe(before + 5);
  });

  it('an unsigned POST to / is answered by the wallet (403 invalid signature), not the console', async () => {
    const answer = await send('/', { method: 'POST', headers: json, body: '{}' });
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toMatchObject({ code: 403 });
  });

  it('a GET to the wallet path is the wallet (405 with Allow: POST)', async () => {
    const answer = await send('/wallet');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
  });
});
