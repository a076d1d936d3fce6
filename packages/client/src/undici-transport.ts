/**
 * The default transport on Node: undici's dispatcher API (`request`), straight to a
 * keep-alive connection pool of the wallet URL's origin, HTTP or HTTPS. No `Request`
 * or `Response` objects are built, and every status comes back as it came: the Fetch
 * standard turns an HTTP 407 into a network error, the dispatcher API does not, so the
 * protocol's 407 "Player is blocked." reaches the caller as `PlayerBlockedError`.
 *
 * Only the `node` build of the package imports this file (and undici).
 *
 * @see WALLET-PROTOCOL.md §2 and §5 (407)
 */
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { Transport } from './transport.ts';

/**
 * A transport to `walletUrl` through `dispatcher` (a user's undici `Agent`, `Pool`,
 * `ProxyAgent`, …), or through a keep-alive `Pool` of its own for the URL's origin.
 */
export function undiciTransport(walletUrl: string, dispatcher?: Dispatcher): Transport {
  const url = new URL(walletUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`baseUrl must be an http: or https: URL, not ${url.protocol}`);
  const origin = url.origin;
  const path = `${url.pathname}${url.search}`;
  const pool = dispatcher ?? new Pool(origin);

  return async (call, signal) => {
    const { statusCode, body } = await pool.request({
      origin,
      path,
      method: 'POST',
      headers: call.headers,
      body: call.body,
      signal,
    });
    return { status: statusCode, text: await body.text() };
  };
}
