/**
 * The operator of the outbox's tests: @tbb-wallet/ledger behind @tbb-wallet/handler's
 * `toNodeListener` on 127.0.0.1, which the test can take down (nothing listens on the
 * port), make answer 503, rotate the secret of, or make hold one answer after the ledger
 * committed it. It records every body it received (the ones it answered 503 too).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallContext, WalletCallbacks } from '@tbb-wallet/handler';
import { createWalletHandler, toNodeListener } from '@tbb-wallet/handler';
import type { Ledger } from '@tbb-wallet/ledger';

export type OperatorMode = 'up' | 'down' | 'unavailable';

export interface TestOperator {
  readonly url: string;
  /** Every body received, in arrival order. */
  readonly received: string[];
  setMode(mode: OperatorMode): Promise<void>;
  setSecret(secret: string): void;
  /**
   * The next call whose body contains `match` is committed by the ledger, then its answer
   * is held until the returned `release()`; `arrived` resolves to its body when it came in.
   */
  holdNext(match: string): { arrived: Promise<string>; release(): void };
  close(): Promise<void>;
}

export async function startOperator(ledger: Ledger, secret: string): Promise<TestOperator> {
  let mode: OperatorMode = 'up';
  const received: string[] = [];
  let hold: { match: string; arrived: (body: string) => void; released: Promise<void> } | undefined;

  // Each body as the handler verified it; a held answer waits after the ledger committed.
  const wallet: WalletCallbacks = { ...ledger.wallet };
  for (const name of ['win', 'refund', 'rollbackWin', 'bet'] as const) {
    const callback = ledger.wallet[name] as (request: never, context: CallContext) => Promise<unknown>;
    (wallet as unknown as Record<string, unknown>)[name] = async (request: never, context: CallContext) => {
      const body = new TextDecoder().decode(context.rawBody);
      received.push(body);
      const answer = await callback(request, context);
      if (hold && body.includes(hold.match)) {
        const held = hold;
        hold = undefined;
        held.arrived(body);
        await held.released;
      }
      return answer;
    };
  }
  let listener = toNodeListener(createWalletHandler({ secret, wallet }));
  const server = createServer((req, res) => {
    if (mode !== 'unavailable') return listener(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => received.push(Buffer.concat(chunks).toString()));
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":503,"message":"Service is unavailable."}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: `http://127.0.0.1:${port}/operator/wallet`,
    received,
    async setMode(next) {
      if (next === 'down' && mode !== 'down') await closeServer();
      if (next !== 'down' && mode === 'down')
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      mode = next;
    },
    setSecret(next) {
      listener = toNodeListener(createWalletHandler({ secret: next, wallet }));
    },
    holdNext(match) {
      let arrived!: (body: string) => void;
      let release!: () => void;
      const arrivedPromise = new Promise<string>((resolve) => {
        arrived = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      hold = { match, arrived, released };
      return { arrived: arrivedPromise, release };
    },
    async close() {
      hold = undefined;
      if (mode !== 'down') await closeServer();
    },
  };
}
