/**
 * The typed fetch path, over openapi-fetch and the spec's generated `paths`: Workers,
 * browsers, Bun, Deno, and any `fetch` a user passes. Exactly one `Request` per
 * attempt, built at the wallet URL as configured and carrying the attempt's one
 * signal; the answer's body is read once, as text, and never cloned.
 *
 * @see WALLET-PROTOCOL.md §2
 */
import type { paths } from '@tbb-wallet/core';
import createClient from 'openapi-fetch';
import { textWithin } from './answer-bound.ts';
import type { RawAnswer, Transport } from './transport.ts';

/** What the fetch path sends with: a WHATWG-style fetch of one `Request`. */
export type FetchLike = (request: Request) => Promise<Response>;

/** The answer as read by the fetch below, handed past openapi-fetch's own reading of bodies. */
const received = Symbol('received');
type Received = { [received]: RawAnswer };

/**
 * A transport to `walletUrl` over the fetch `fetchOf()` returns (looked up at each
 * attempt, so a fetch patched after the client was made, such as MSW's, is used),
 * reading at most `maxAnswerBytes` of each answer's body.
 */
export function fetchTransport(walletUrl: string, fetchOf: () => FetchLike, maxAnswerBytes: number): Transport {
  // openapi-fetch joins baseUrl with the spec's path (`/operator/wallet`), but operators
  // choose their own path: its one Request is built at the wallet URL instead, so no
  // middleware has to copy it into a second Request (whose signal would follow the
  // first one's only as long as the first is not garbage-collected).
  class WalletRequest extends Request {
    constructor(_joined: RequestInfo | URL, init?: RequestInit) {
      super(walletUrl, init);
      // This Request's signal follows the attempt's only while the Request lives (Node holds
      // it weakly): a listener on the attempt's signal keeps it alive until the abort reached it.
      init?.signal?.addEventListener('abort', () => this.signal, { once: true });
    }
  }
  const api = createClient<paths>({
    baseUrl: walletUrl,
    Request: WalletRequest,
    // The wallet URL has no query parameters of the spec's: no serializer is made per call.
    querySerializer: () => '',
  });
  /**
   * The attempt's fetch. openapi-fetch would parse an error body itself and keep only the
   * parse; the client needs the raw text, read once (and no further than the bound: past
   * it the body is cancelled and `WalletAnswerTooLargeError` rejects), so the answer
   * leaves through a rejection. The body string goes along as `init`: a fetch that takes it (the global
   * one, MSW's) reads it from there instead of piping the Request's body stream through a
   * new one; a fetch of the Request alone reads the same bytes from the Request.
   */
  const send = async (request: Request, body: string): Promise<never> => {
    const response = await (fetchOf() as (request: Request, init: RequestInit) => Promise<Response>)(request, { body });
    if (response.redirected) {
      // A fetch that rebuilt the Request without its redirect mode followed one: what answered
      // is another URL, whose answer is not the operator's. Read as the opaque redirect it was.
      response.body?.cancel().catch(() => {});
      throw { [received]: { status: 0, text: '' } } satisfies Received;
    }
    throw {
      [received]: { status: response.status, text: await textWithin(response, maxAnswerBytes) },
    } satisfies Received;
  };

  return (call, settle) => {
    // The attempt's one signal, which its Request follows.
    const controller = new AbortController();
    api
      .POST('/operator/wallet', {
        body: call.request,
        bodySerializer: () => call.body,
        headers: call.headers,
        // A redirect is answered as it came, never followed: a fetch would replay the signed
        // call (a bet) to whatever origin `Location` names and resolve to that origin's answer.
        redirect: 'manual',
        signal: controller.signal,
        fetch: (request) => send(request, call.body),
      })
      .then(
        () => settle(new TypeError('No answer was read.')),
        (outcome: Partial<Received>) => settle(outcome, outcome?.[received]),
      );
    return (reason) => controller.abort(reason);
  };
}
