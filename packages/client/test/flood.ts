/**
 * An operator that answers far more than any client should read: a JSON start, then
 * spaces in 64 KiB chunks, written as fast as the connection takes them (backpressure
 * respected), until `total` bytes or the client closes the connection. It records what
 * went out, so a test can tell that the client stopped reading and hung up.
 */
import type { ServerResponse } from 'node:http';

/** What one flooded answer did. */
export interface Flood {
  /** Bytes of the body handed to the connection (accepted by `write`), the JSON start included. */
  readonly written: number;
  /** True when the connection closed before the whole body was sent: the client hung up. */
  readonly cut: boolean;
  /** Settles when the response is over: sent in full, or cut. */
  readonly over: Promise<void>;
}

const spaces = Buffer.alloc(64 * 1024, 0x20);
const start = '{"player_id":"6",';

/**
 * Floods `res` with a `status` answer of `total` bytes (default: endless, chunked), with
 * `Content-Length: declared` when given.
 */
export function flood(res: ServerResponse, status: number, options: { total?: number; declared?: number } = {}): Flood {
  const total = options.total ?? Number.POSITIVE_INFINITY;
  const state = { written: 0, cut: false, over: Promise.resolve() };
  state.over = new Promise<void>((resolve) =>
    res.on('close', () => {
      state.cut = !res.writableFinished;
      resolve();
    }),
  );
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.declared !== undefined) headers['content-length'] = String(options.declared);
  res.writeHead(status, headers);
  res.write(start);
  state.written = start.length;
  const pump = () => {
    while (!res.destroyed && state.written < total) {
      const chunk = spaces.subarray(0, Math.min(spaces.length, total - state.written));
      state.written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
  return state;
}
