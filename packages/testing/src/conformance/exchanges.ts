/**
 * Records every HTTP exchange of a run, raw: the request as sent (signature included,
 * the secret never) and the answer as it arrived.
 */
import type { Exchange } from './types.ts';

/** Where the exchanges of the running scenario go. */
export interface ExchangeSink {
  record(exchange: Exchange): void;
}

/** A fetch that sends through `inner` and hands each exchange to `sink()` once it completes. */
export function recordingFetch(
  inner: (request: Request) => Promise<Response>,
  sink: () => ExchangeSink,
  runStarted: number,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const to = sink(); // the scenario that sent it, even if the answer comes after it ended
    const started = performance.now();
    const requestBody = request.body === null ? '' : await request.clone().text();
    const base = {
      method: request.method,
      url: request.url,
      requestHeaders: Object.fromEntries(request.headers),
      requestBody,
      startedMs: Math.round(started - runStarted),
    };
    let response: Response;
    try {
      response = await inner(request);
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const why = error instanceof Error ? error.message : String(error);
      to.record({ ...base, status: 0, responseHeaders: {}, responseBody: '', error: why, durationMs });
      throw error;
    }
    let responseBody = '';
    let error: string | undefined;
    try {
      responseBody = await response.clone().text();
    } catch (reason) {
      error = `the answer broke off: ${reason instanceof Error ? reason.message : String(reason)}`;
    }
    const durationMs = Math.round(performance.now() - started);
    const responseHeaders = Object.fromEntries(response.headers);
    to.record({ ...base, status: response.status, responseHeaders, responseBody, durationMs, ...(error && { error }) });
    return response;
  };
}
