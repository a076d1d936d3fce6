/**
 * MSW handlers that answer as a faithful operator: the real wallet handler in front
 * of a wallet (the sandbox by default), so a provider's own tests can intercept
 * `fetch` to the operator's URL and get the protocol's exact answers.
 */
import type { Secret } from '@tbb-wallet/core';
import type { WalletCallbacks, WalletHandlerOptions } from '@tbb-wallet/handler';
import { createWalletHandler } from '@tbb-wallet/handler';
import { http } from 'msw';
import { createSandboxWallet } from './sandbox/sandbox-wallet.ts';

/** Options of {@link walletMswHandlers}. */
export interface WalletMswOptions extends Omit<WalletHandlerOptions, 'wallet' | 'secret' | 'secrets'> {
  /** The operator's wallet URL to intercept (every method, so a GET gets the protocol's 405). */
  url: string | URL;
  /** The shared secret the handler checks signatures with. */
  secret: Secret;
  /** The operator's callbacks. Default: a fresh {@link createSandboxWallet}. */
  wallet?: WalletCallbacks;
}

/**
 * MSW request handlers serving `url` with the real `@tbb-wallet/handler`.
 *
 * @example
 * const wallet = createSandboxWallet();
 * const server = setupServer(...walletMswHandlers({ url: 'https://casino.test/wallet', secret, wallet }));
 * server.listen({ onUnhandledRequest: 'error' });
 */
export function walletMswHandlers(options: WalletMswOptions) {
  const { url, secret, wallet = createSandboxWallet(), ...handlerOptions } = options;
  const handle = createWalletHandler({ ...handlerOptions, secret, wallet });
  return [http.all(new URL(url).href, ({ request }) => handle(request))];
}
