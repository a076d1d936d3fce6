/**
 * `createWalletClient` of the `node` build: undici's dispatcher by default, the typed
 * fetch path when a `fetch` is given.
 */
import { buildWalletClient } from './client.ts';
import { fetchTransport } from './fetch-transport.ts';
import type { WalletClientOptions } from './options.ts';
import { undiciTransport } from './undici-transport.ts';
import type { WalletClient } from './wallet-client.ts';

/**
 * Creates a client of one operator's wallet. Every body is serialised once and signed
 * (`X-REQUEST-SIGN`, HMAC-SHA256 lowercase hex of exactly the bytes sent), and sent to
 * `baseUrl` exactly as configured.
 *
 * On Node it sends through undici's dispatcher API: a keep-alive pool per client (or
 * the `dispatcher` given), every status as it came (407 included). With `fetch` it
 * sends through that fetch, over openapi-fetch.
 *
 * @throws TypeError when `baseUrl` is not an absolute http(s) URL or holds credentials,
 *   the secret is empty, or an option is misspelt; RangeError when `timeoutMs`, `maxAnswerBytes` or a retry option is out of range.
 * @example
 * const wallet = createWalletClient({ baseUrl: 'https://casino.example/api/tbb/wallet', secret });
 * const { balance } = await wallet.balance({ player_id: '6', currency_code: 'EUR', is_mobile: false, reference: 'Monkey', session_token });
 */
export function createWalletClient(options: WalletClientOptions): WalletClient {
  return buildWalletClient(options, (url, { fetch, dispatcher }, maxAnswerBytes) =>
    fetch ? fetchTransport(url, () => fetch, maxAnswerBytes) : undiciTransport(url, maxAnswerBytes, dispatcher),
  );
}
