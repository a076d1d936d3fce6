/**
 * The operator side: the handler over HTTP against a bare `node:http` server (each in its
 * own process, autocannon in this one), and in process against the same minimum done by
 * hand, for raw bytes (`handleWalletCall`) and for the Web path (`handle(Request)`).
 */
import { createWalletHandler } from '@tbb-wallet/handler';
import { bareWebHandler, benchSecret, constantWallet, minimalCall, signedWin } from './fixtures.ts';
import { alternate, type Config, load, nsPerCall, startServer } from './measure.ts';
import { httpColumns, type Section, sampleTable } from './report.ts';

/** Handler over HTTP: `toNodeListener(createWalletHandler(…))` vs the bare server, 50 connections. */
export async function handlerHttp(config: Config): Promise<Section> {
  const [bare, handler] = await Promise.all([startServer('bare'), startServer('handler')]);
  try {
    const { samples, ratios } = await alternate(
      config,
      { bare: () => load(config, bare.url, 50, signedWin), handler: () => load(config, handler.url, 50, signedWin) },
      [
        ['HTTP: handler ÷ bare node:http, requests/s', 'handler', 'bare', 'perSecond', ['≥', 0.85]],
        ['HTTP: handler ÷ bare node:http, p99', 'handler', 'bare', 'p99', ['≤', 1.25]],
      ],
    );
    return {
      title: 'Handler over HTTP',
      what:
        'The signed vendor `win` sent by autocannon (50 connections) to `toNodeListener(createWalletHandler(…))` ' +
        'with a wallet answering a constant, and to a bare `node:http` server that reads the body, checks the HMAC ' +
        '(`createHmac` + `timingSafeEqual`), `JSON.parse`s it and answers with a `content-length`; each server in ' +
        'its own process. autocannon counts latency in whole milliseconds.',
      table: sampleTable(samples, { bare: 'bare node:http', handler: 'handler (toNodeListener)' }, httpColumns),
      ratios,
    };
  } finally {
    await Promise.all([bare.stop(), handler.stop()]);
  }
}

/** Handler in process: `handleWalletCall` vs the minimal function, `handle(Request)` vs a bare Web handler. */
export async function handlerInProcess(config: Config): Promise<Section> {
  const handle = createWalletHandler({ secret: benchSecret, wallet: constantWallet });
  const raw = { body: Buffer.from(signedWin.body), signature: signedWin.headers['x-request-sign'], method: 'POST' };
  const web = (h: (r: Request) => Promise<Response>) => async () => {
    const response = await h(
      new Request('http://127.0.0.1/wallet', { method: 'POST', body: signedWin.body, headers: signedWin.headers }),
    );
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
    return response.text();
  };
  const calls: Record<string, () => unknown> = {
    minimal: () => minimalCall(raw.body, raw.signature),
    handleWalletCall: () => handle.handleWalletCall(raw),
    bareWeb: web(bareWebHandler),
    handle: web(handle),
  };
  if (!calls.minimal!() || (await handle.handleWalletCall(raw)).status !== 200)
    throw new Error('the minimal function or handleWalletCall refused the bench’s win');
  await Promise.all([calls.bareWeb!(), calls.handle!()]);
  const timed = Object.fromEntries(Object.entries(calls).map(([name, fn]) => [name, () => nsPerCall(config, fn)]));
  const { samples, ratios } = await alternate(config, timed, [
    ['In process: handleWalletCall ÷ minimal, µs/call', 'handleWalletCall', 'minimal', 'nsPerCall', ['≤', 2]],
    ['Web: handle(Request) ÷ bare Web handler, µs/call', 'handle', 'bareWeb', 'nsPerCall'],
  ]);
  const labels = {
    minimal: 'minimal: HMAC + `timingSafeEqual`, `JSON.parse`, `JSON.stringify`',
    handleWalletCall: '`handle.handleWalletCall({ body, signature, method })`',
    bareWeb: 'bare Web handler: `new Request`, read its body stream, the minimal, `new Response`, `text()`',
    handle: '`handle(new Request(…))` + `text()`',
  };
  return {
    title: 'Handler in process',
    what:
      'The signed `win` handled in this process with a constant wallet; µs per call is mitata’s mean over a round. ' +
      '`handleWalletCall` is the hot path that later work must not slow by more than a few percent.',
    table: sampleTable(samples, labels, [['µs/call', 'nsPerCall', 2, 1e-3]]),
    ratios,
  };
}
