/**
 * Who may use the console: the holder of the token printed at start-up (from the link's
 * cookie or the `x-console-token` header, compared in constant time), on a request whose
 * `Host` is the address the sandbox is bound to (no DNS rebinding), and for an action a
 * POST with a JSON content type (no cross-site form can send one without a preflight).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie the link sets. */
export const tokenCookie = 'tbb_console';
/** The header a script may send the token in instead. */
export const tokenHeader = 'x-console-token';

/** A fresh token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `given` is the token, in time that does not depend on where they differ. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: `?token=` (the link), the header, or the cookie. */
export function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers[tokenHeader];
  if (typeof header === 'string') return header;
  const query = url.searchParams.get('token');
  if (query !== null) return query;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === tokenCookie) return value.join('=');
  }
  return undefined;
}

/**
 * The `Host` values the console answers: the bound address and port, and `localhost:port`
 * for a loopback address. `undefined` (bound to every address): any Host, the token still needed.
 */
export function allowedHosts(host: string, port: number): Set<string> | undefined {
  if (host === '0.0.0.0' || host === '::' || host === '') return undefined;
  const shown = host.includes(':') ? `[${host}]` : host;
  const hosts = new Set([`${shown}:${port}`.toLowerCase()]);
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost') {
    hosts.add(`localhost:${port}`);
    hosts.add(`127.0.0.1:${port}`);
    hosts.add(`[::1]:${port}`);
  }
  return hosts;
}

/** Whether the request's `Host` header names the bound address. */
export function hostAllowed(req: IncomingMessage, hosts: Set<string> | undefined): boolean {
  if (!hosts) return true;
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

/** Whether a POST is an action a script of the page sent: JSON content type, or the token header. */
export function isScriptedAction(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return req.method === 'POST' && (type === 'application/json' || typeof req.headers[tokenHeader] === 'string');
}
