/** One round of HTTP load with autocannon: requests/s and latency percentiles. */
import autocannon, { type AutocannonRequest } from 'autocannon';

/** What one round measured. */
export interface LoadRound {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
}

/** A round's shape: how long, how many connections, and either a fixed body or a per-request builder. */
export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  /** Seconds; or use `amount` for a fixed number of requests. */
  readonly duration?: number;
  readonly amount?: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** Builds each request (e.g. a fresh transaction id and its signature). */
  readonly next?: () => { body: string; headers: Record<string, string> };
}

/** Runs one round of load and throws if any request failed (a failing bench measures nothing). */
export async function loadRound(options: LoadOptions): Promise<LoadRound> {
  const request: AutocannonRequest = { method: 'POST' };
  if (options.next) {
    const next = options.next;
    request.setupRequest = (req) => ({ ...req, ...next() });
  }
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [request],
    timeout: 10,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.amount === undefined ? { duration: options.duration ?? 5 } : { amount: options.amount }),
  });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) {
    throw new Error(
      `${failures} of ${result.requests.total} requests to ${options.url} failed ` +
        `(${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers)`,
    );
  }
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}
