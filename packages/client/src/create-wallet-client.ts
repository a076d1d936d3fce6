/**
 * `createWalletClient` of the runtime-neutral build (Workers, browsers, Bun, Deno):
 * the typed fetch path, over the global `fetch` or the one given.
 */
import { buildWalletClient } from './client.ts';
import { fetchTransport } from './fetch-transport.ts';
import { nodeHttpTransport } from './node-transport.ts';
import type { WalletClientOptions } from './options.ts';
import type { WalletClient } from './wallet-client.ts';

/**
 * Creates a client of one operator's wallet. Every body is serialised once and signed
 * (`X-REQUEST-SIGN`, HMAC-SHA256 lowercase hex of exactly the bytes sent), and sent to
 * `baseUrl` exactly as configured.
 *
 * On Node the package's `node` build is loaded, which sends through undici; this
 * build sends through `fetch` (the global one, looked up per call, or the option),
 * and over `node:http` where a bundled Node program has it.
 *
 * @throws TypeError when `baseUrl` is not an absolute http(s) URL or holds credentials,
 *   the secret is empty, an option is misspelt, or
 *   `dispatcher` is given (it needs the `node` build); RangeError when `timeoutMs`,
 *   `maxAnswerBytes` or a retry option is out of range.
 * @example
 * const wallet = createWalletClient({ baseUrl: 'https://casino.example/api/tbb/wallet', secret });
 * const { balance } = await wallet.balance({ player_id: '6', currency_code: 'EUR', is_mobile: false, reference: 'Monkey', session_token });
 */
export function createWalletClient(options: WalletClientOptions): WalletClient {
  return buildWalletClient(options, (url, { fetch, dispatcher }, maxAnswerBytes) => {
    if (dispatcher !== undefined) throw new TypeError('dispatcher needs the node build; pass fetch.');
    if (fetch) return fetchTransport(url, () => fetch, maxAnswerBytes);
    const nodeHttp = nodeHttpTransport();
    return fetchTransport(url, nodeHttp ? () => nodeHttp : () => globalThis.fetch, maxAnswerBytes);
  });
}
