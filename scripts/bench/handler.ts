/** The operator side: the handler against the same minimum done by hand, over HTTP and in process. */
import { createWalletHandler } from '@tbb-wallet/handler';
import { bareWebHandler, benchSecret, constantWallet, minimalCall, signedWin } from './fixtures.ts';
import { alternate, type Config, load, nsPerCall, startServer } from './measure.ts';
import { httpColumns, type Section, sampleTable } from './report.ts';

const [bare, handler] = ['bare node:http', '`toNodeListener(createWalletHandler(…))`'];

export async function handlerHttp(config: Config): Promise<Section> {
  const servers = await Promise.all([startServer('bare'), startServer('handler')]);
  try {
    const [onBare, onHandler] = servers.map((s) => () => load(config, s.url, 50, signedWin));
    const { samples, ratios } = await alternate(config, { [bare]: onBare!, [handler]: onHandler! }, [
      ['HTTP: handler ÷ bare node:http, requests/s', handler, bare, 'perSecond', ['≥', 0.85]],
      ['HTTP: handler ÷ bare node:http, p99', handler, bare, 'p99', ['≤', 1.25]],
    ]);
    const what =
      'The signed vendor `win` sent by autocannon (50 connections) to each server; autocannon counts whole ms.';
    return { title: 'Handler over HTTP', what, table: sampleTable(samples, httpColumns), ratios };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

export async function handlerInProcess(config: Config): Promise<Section> {
  const handle = createWalletHandler({ secret: benchSecret, wallet: constantWallet });
  const raw = { body: Buffer.from(signedWin.body), signature: signedWin.headers['x-request-sign'], method: 'POST' };
  const web = (h: (r: Request) => Promise<Response>) => async () => {
    const response = await h(new Request('http://127.0.0.1/wallet', { method: 'POST', ...signedWin }));
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
    return response.text();
  };
  const calls: Record<string, () => unknown> = {
    'minimal: HMAC + `timingSafeEqual`, `JSON.parse`, `JSON.stringify`': () => minimalCall(raw.body, raw.signature),
    '`handle.handleWalletCall({ body, signature, method })`': () => handle.handleWalletCall(raw),
    'bare Web handler: read the `Request` body stream, the minimal, `new Response`': web(bareWebHandler),
    '`handle(new Request(…))`': web(handle),
  };
  const [minimal, hot, bareWeb, webPath] = Object.keys(calls) as [string, string, string, string];
  if (!calls[minimal]!() || (await handle.handleWalletCall(raw)).status !== 200)
    throw new Error('the minimal function or handleWalletCall refused the bench’s win');
  const timed = Object.fromEntries(Object.entries(calls).map(([name, fn]) => [name, () => nsPerCall(config, fn)]));
  const { samples, ratios } = await alternate(config, timed, [
    ['In process: handleWalletCall ÷ minimal, µs/call', hot, minimal, 'µs', ['≤', 2]],
    ['Web: handle(Request) ÷ bare Web handler, µs/call', webPath, bareWeb, 'µs'],
  ]);
  const what = 'The signed `win` handled in this process; µs per call is mitata’s mean over a round.';
  return { title: 'Handler in process', what, table: sampleTable(samples, [['µs/call', 'µs', 2]]), ratios };
}
