/**
 * The console's record of each call: the raw request (headers and body bytes as they
 * arrived, the signature shown, no secret anywhere) and the raw answer, joined with the
 * log's {@link LoggedCall} of it. The listener wrapper sees every connection (faults
 * included); the handler wrapper adds the body the adapter read, in the same async context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HandleWalletCall, WalletHandler } from '@tbb-wallet/handler';
import type { LoggedCall } from '../cli/call-log.ts';

/** How much of a body each record keeps, so 500 calls of 1 MB bodies do not fill the memory. */
export const keptBodyChars = 64 * 1024;

/** One call as the console shows it. */
export interface CallRecord {
  readonly id: number;
  readonly time: string;
  readonly method: string;
  readonly path: string;
  /** The request headers as sent, in order (`[name, value]`). */
  readonly headers: [string, string][];
  /** The body as UTF-8 text, when the wallet read one (cut at {@link keptBodyChars}, see `bodyCut`). */
  body?: string;
  /** The body was longer than what is kept: the bytes' count. */
  bodyCut?: number;
  /** The answer's status; `0` when none was sent (dropped, down, caller gone). */
  status: number;
  answerHeaders: [string, string][];
  answer?: string;
  /** What the log made of the call. */
  call?: LoggedCall;
  /** The fault applied, if any. */
  fault?: string;
  duration_ms: number;
}

/** Keeps the last calls and tells listeners of each one as it is answered. */
export class CallRecorder {
  private readonly calls: CallRecord[] = [];
  private readonly listeners = new Set<(record: CallRecord) => void>();
  private readonly current = new AsyncLocalStorage<CallRecord>();
  private counter = 0;

  constructor(private readonly keep = 500) {}

  /** The calls kept, newest first. */
  list(): CallRecord[] {
    return [...this.calls].reverse();
  }

  find(id: number): CallRecord | undefined {
    return this.calls.find((c) => c.id === id);
  }

  /** Calls `listener` with each call once it is answered; returns how to stop. */
  subscribe(listener: (record: CallRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A listener that records every request `inner` serves. */
  wrapListener(
    inner: (req: IncomingMessage, res: ServerResponse) => void,
  ): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      const started = performance.now();
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      const record: CallRecord = {
        id: ++this.counter,
        time: new Date().toISOString(),
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers,
        status: 0,
        answerHeaders: [],
        duration_ms: 0,
      };
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as { end: unknown }).end = (...args: unknown[]) => {
        const chunk = args[0];
        if (typeof chunk === 'string') record.answer = chunk.slice(0, keptBodyChars);
        else if (chunk instanceof Uint8Array)
          record.answer = Buffer.from(chunk.subarray(0, keptBodyChars)).toString('utf8');
        return end(...args);
      };
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      (res as { writeHead: unknown }).writeHead = (...args: unknown[]) => {
        const given = args.find((a, i) => i > 0 && a && typeof a === 'object') as Record<string, unknown> | undefined;
        for (const [name, value] of Object.entries(given ?? {})) record.answerHeaders.push([name, String(value)]);
        return writeHead(...args);
      };
      let told = false;
      const tell = () => {
        if (told) return;
        told = true;
        if (res.headersSent) {
          record.status = res.statusCode;
          for (const [name, value] of Object.entries(res.getHeaders()))
            if (!record.answerHeaders.some(([known]) => known.toLowerCase() === name.toLowerCase()))
              record.answerHeaders.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
        }
        record.duration_ms = Math.round(performance.now() - started);
        this.add(record);
      };
      res.once('finish', tell);
      res.once('close', tell);
      this.current.run(record, () => inner(req, res));
    };
  }

  /** The handler with the body of each call noted on its record. */
  wrapHandler(handle: WalletHandler): WalletHandler {
    const handleWalletCall: HandleWalletCall = (call) => {
      const record = this.current.getStore();
      if (record && call.body instanceof Uint8Array) {
        const text = new TextDecoder().decode(call.body.subarray(0, keptBodyChars * 4));
        record.body = text.slice(0, keptBodyChars);
        if (text.length > keptBodyChars || call.body.length > keptBodyChars * 4) record.bodyCut = call.body.length;
      }
      return handle.handleWalletCall(call);
    };
    return Object.assign((request: Request) => handle(request), handle, { handleWalletCall });
  }

  /** Notes the log's view of the call being served. */
  noteCall(call: LoggedCall): void {
    const record = this.current.getStore();
    if (record) record.call = call;
  }

  /** Notes the fault applied to the call being served. */
  noteFault(kind: string): void {
    const record = this.current.getStore();
    if (record) record.fault = kind;
  }

  private add(record: CallRecord): void {
    this.calls.push(record);
    if (this.calls.length > this.keep) this.calls.shift();
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch {
        // a page that went away never changes the wallet's answer
      }
    }
  }
}
