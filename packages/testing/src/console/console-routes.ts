/**
 * The console's HTTP side: `GET /` (the page), `/console/events` (server-sent events: each
 * call as it is answered, and the players and faults after every change) and
 * `POST /console/api/…` (the actions). Every other request is the wallet's, untouched.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sign } from '@tbb-wallet/core';
import { WalletRefusal } from '@tbb-wallet/handler';
import type { Faults } from '../sandbox/faults.ts';
import { allowedHosts, hostAllowed, isScriptedAction, sameToken, tokenCookie, tokenOf } from './access.ts';
import type { CallRecord, CallRecorder } from './call-record.ts';
import { consolePage } from './console-page.ts';
import type { PlayerControls } from './player-controls.ts';

/** What the console serves and steers. */
export interface ConsoleOptions {
  /** The token the start-up link carries. */
  token: string;
  /** The address the server is bound to (the `Host` header must name it, or localhost for a loopback one). */
  host: string;
  /** The wallet's secret: signs the bodies of "copy as curl" on the server; never sent to the page. */
  secret: string;
  recorder: CallRecorder;
  controls: PlayerControls;
  faults?: Faults;
  /** A line saying what wallet is served, shown in the page. */
  description: string;
}

/** Whether a request is the console's (the rest is the wallet's). */
export function isConsoleRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/console' || path.startsWith('/console/')) return true;
  return path === '/' && (req.method === 'GET' || req.method === 'HEAD');
}

/** The console's listener, for the requests {@link isConsoleRequest} picks. */
export function consoleListener(options: ConsoleOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const streams = new Set<ServerResponse>();
  const push = (res: ServerResponse, event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const state = async () => ({
    description: options.description,
    refusals: options.controls.refusals,
    faults: options.faults ? { ...options.faults.get(), describe: options.faults.describe(), now: Date.now() } : null,
    players: await options.controls.list(),
  });
  const broadcastState = async () => {
    const snapshot = await state().catch(() => undefined);
    if (snapshot) for (const res of streams) push(res, 'state', snapshot);
  };
  options.recorder.subscribe((record) => {
    if (record.call?.player_id !== undefined) options.controls.seen(record.call.player_id);
    for (const res of streams) push(res, 'call', record);
    void broadcastState();
  });

  const actions: Record<string, (body: Record<string, unknown>, req: IncomingMessage) => Promise<unknown>> = {
    state: () => state(),
    'player/create': (b) =>
      options.controls.create({
        player_id: text(b.player_id, 'player_id'),
        currency_code: text(b.currency_code, 'currency_code'),
        balance: whole(b.balance, 'balance'),
      }),
    'player/deposit': (b) => options.controls.moveCash(text(b.player_id, 'player_id'), positive(b.amount), key(b)),
    'player/withdraw': (b) => options.controls.moveCash(text(b.player_id, 'player_id'), -positive(b.amount), key(b)),
    'player/change': (b) =>
      options.controls.change(text(b.player_id, 'player_id'), {
        ...(typeof b.blocked === 'boolean' && { blocked: b.blocked }),
        ...(typeof b.limit_reached === 'boolean' && { limit_reached: b.limit_reached }),
        ...(typeof b.game_unavailable === 'boolean' && { game_unavailable: b.game_unavailable }),
      }),
    faults: async (b) => {
      const { faults } = options;
      if (!faults) throw new RangeError('this sandbox serves no faults');
      if (b.clear === true) faults.clear();
      if (typeof b.spec === 'string') faults.set(b.spec);
      if (typeof b.down_ms === 'number') faults.down(b.down_ms);
      return { describe: faults.describe(), ...faults.get() };
    },
    curl: async (b, req) => {
      const record = options.recorder.find(Number(b.id));
      if (!record || record.body === undefined) throw new RangeError('no such call with a body');
      if (record.bodyCut !== undefined) throw new RangeError(`the body (${record.bodyCut} bytes) was too long to keep`);
      return { curl: await curlOf(record, `http://${req.headers.host}`, options.secret) };
    },
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const refuse = (status: number, message: string) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`${message}\n`);
    };
    if (!hostAllowed(req, allowedHosts(options.host, req.socket.localPort ?? 0)))
      return refuse(403, 'The console answers only at the address it is bound to (Host header refused).');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`)
      return refuse(403, 'The console answers only its own page (Origin refused).');
    if (!sameToken(tokenOf(req, url), options.token))
      return refuse(
        401,
        'Open the console with the link tbb-wallet sandbox printed at start-up (it carries the token).',
      );
    const secure = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };

    if (url.pathname === '/') {
      if (url.searchParams.has('token')) {
        // The link's token becomes a cookie only this origin sends, and leaves the address bar.
        res.writeHead(303, {
          ...secure,
          location: '/',
          'set-cookie': `${tokenCookie}=${options.token}; Path=/; HttpOnly; SameSite=Strict`,
        });
        return res.end();
      }
      res.writeHead(200, {
        ...secure,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
      });
      return res.end(req.method === 'HEAD' ? undefined : consolePage);
    }
    if (url.pathname === '/console/events' && req.method === 'GET') {
      res.writeHead(200, { ...secure, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      streams.add(res);
      res.once('close', () => streams.delete(res));
      push(res, 'calls', options.recorder.list());
      void state().then(
        (snapshot) => push(res, 'state', snapshot),
        () => {},
      );
      return;
    }
    const name = url.pathname.startsWith('/console/api/') ? url.pathname.slice('/console/api/'.length) : undefined;
    const action = name === undefined ? undefined : Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!action) return refuse(404, 'No such console page or action.');
    if (!isScriptedAction(req))
      return refuse(403, 'A console action is a POST with a JSON body (Content-Type: application/json).');
    readJson(req)
      .then((body) => action(body, req))
      .then(
        (answer) => {
          res.writeHead(200, { ...secure, 'content-type': 'application/json' });
          res.end(JSON.stringify(answer ?? null));
          if (name !== 'state' && name !== 'curl') void broadcastState();
        },
        (error: unknown) => {
          // A wallet refusal (402 on a withdrawal, 404 for an unknown player) is a conflict with the state; the rest, a bad action.
          const status = error instanceof WalletRefusal && error.code !== 400 ? 409 : 400;
          res.writeHead(status, { ...secure, 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        },
      );
  };
}

/** A curl command that sends the call's body again, signed by this server. */
async function curlOf(record: CallRecord, origin: string, secret: string): Promise<string> {
  const body = record.body ?? '';
  const signature = await sign(new TextEncoder().encode(body), secret);
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  return [
    `curl -sS -X POST ${quote(origin + record.path)}`,
    `-H 'Content-Type: application/json'`,
    `-H ${quote(`X-REQUEST-SIGN: ${signature}`)}`,
    `--data-binary ${quote(body)}`,
  ].join(' \\\n  ');
}

const maxActionBytes = 64 * 1024;

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxActionBytes) req.destroy();
      else chunks.push(chunk);
    });
    req.once('error', reject);
    req.once('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        const value: unknown = text === '' ? {} : JSON.parse(text);
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('a JSON object');
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new TypeError('the action body must be a JSON object'));
      }
    });
  });
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name}: a non-empty string`);
  return value;
}

function whole(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new TypeError(`${name}: a whole number of subunits`);
  return value;
}

function positive(value: unknown): number {
  const amount = whole(value, 'amount');
  if (amount <= 0) throw new TypeError('amount: above 0');
  return amount;
}

function key(body: Record<string, unknown>): string {
  return typeof body.key === 'string' && body.key !== '' ? body.key : `console-${Date.now()}-${Math.random()}`;
}
