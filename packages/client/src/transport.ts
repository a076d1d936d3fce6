/**
 * One attempt of a signed call, over openapi-fetch and the spec's generated `paths`:
 * the body is sent as the exact bytes that were signed, to the operator's own wallet
 * URL, within a time limit. Answers come back as status and raw text; failures to
 * get one as {@link WalletTimeoutError} or {@link WalletConnectionError}.
 *
 * @see WALLET-PROTOCOL.md §2
 */
import type { paths, WalletRequest } from '@tbb-wallet/core';
import createClient from 'openapi-fetch';
import type { FetchLike } from './node-transport.ts';
import { nodeHttpTransport } from './node-transport.ts';
import { WalletConnectionError, WalletTimeoutError } from './transport-errors.ts';

/** A call ready to send: its body serialised once and that body's signature. */
export interface SignedCall {
  /** The request, for the types of the spec. */
  readonly request: WalletRequest;
  /** The exact body sent, `JSON.stringify(request)`. */
  readonly body: string;
  /** Every header sent, `X-REQUEST-SIGN` included. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The status and raw body text of an answer. */
export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

/** Sends one attempt of a call; rejects with a timeout or connection error only. */
export type Send = (call: SignedCall, timeoutMs: number) => Promise<RawAnswer>;

/**
 * A sender to `walletUrl`. openapi-fetch joins `baseUrl` with the spec's path
 * (`/operator/wallet`), but operators choose their own path, so a middleware
 * re-addresses every request to the wallet URL exactly as configured.
 *
 * Without `fetchImpl` it sends over `node:http(s)` where the runtime has them, since
 * a WHATWG fetch turns the protocol's 407 into a network error; elsewhere over the
 * global `fetch`.
 */
export function createSender(walletUrl: string, fetchImpl?: FetchLike): Send {
  const transport = fetchImpl ?? nodeHttpTransport();
  const api = createClient<paths>({
    baseUrl: walletUrl,
    // The global fetch is looked up per call, so one patched after the client was made is used.
    fetch: (request: Request) => (transport ?? globalThis.fetch)(request),
  });
  api.use({
    onRequest: async ({ request }) =>
      new Request(walletUrl, {
        method: request.method,
        headers: request.headers,
        body: await request.arrayBuffer(),
        signal: request.signal,
      }),
  });

  return async (call, timeoutMs) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let answer: Response | undefined;
    try {
      const { response } = await api.POST('/operator/wallet', {
        body: call.request,
        bodySerializer: () => call.body,
        headers: call.headers,
        parseAs: 'stream',
        signal: controller.signal,
        // openapi-fetch parses error bodies; a clone keeps the raw text for the errors.
        middleware: [
          {
            onResponse: ({ response: received }) => {
              answer = received.clone();
            },
          },
        ],
      });
      const text = await (answer ?? response).text();
      return { status: response.status, text };
    } catch (error) {
      if (timedOut) throw new WalletTimeoutError(timeoutMs);
      throw new WalletConnectionError(error);
    } finally {
      clearTimeout(timer);
    }
  };
}
